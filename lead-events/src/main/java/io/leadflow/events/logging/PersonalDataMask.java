package io.leadflow.events.logging;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks what looks like an email address or a phone number in text bound for a log: {@code w***@example.com},
 * {@code +86*******5678}. It errs towards masking: a log line loses a number sooner than it keeps a phone.
 * Lead ids (LX + digits), UUIDs, timestamps and ports do not match.
 */
public final class PersonalDataMask {

    private static final Pattern EMAIL = Pattern.compile(
            "(?<![\\w.+-])([\\p{L}\\p{N}._%+-])[\\p{L}\\p{N}._%+-]*@([\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)+)");

    /**
     * E.164 ({@code +8613812345678}), Chinese mobiles with or without spaces or dashes ({@code 138-1234-5678}),
     * landlines with an area code ({@code 010-12345678}, {@code (021) 5555 1234}) and other runs of 7+ digits
     * written with phone separators. Not preceded or followed by a letter or digit, so ids stay readable.
     */
    private static final Pattern PHONE = Pattern.compile(
            "(?<![\\w.:/-])(?:\\+\\d[\\d ()-]{5,18}\\d"
                    + "|1[3-9]\\d[ -]?\\d{4}[ -]?\\d{4}"
                    + "|\\(?0\\d{2,3}\\)?[ -]?\\d{3,4}[ -]?\\d{4})(?![\\w])");

    private PersonalDataMask() {
    }

    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = EMAIL.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "***@" + m.group(2)));
        return PHONE.matcher(masked).replaceAll(m -> {
            String digits = m.group().replaceAll("\\D", "");
            String last4 = digits.substring(Math.max(0, digits.length() - 4));
            return (m.group().startsWith("+") ? "+" : "") + "*".repeat(Math.max(3, digits.length() - 4)) + last4;
        });
    }
}
