package io.leadflow.intake.domain;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;

/**
 * What a lead's contact details are worth: the phone parsed with libphonenumber (China by default; mobile,
 * landline and international numbers) and formatted E.164, the email's syntax and whether its domain is a
 * throw-away mailbox.
 *
 * @param phoneE164      null when no phone was given or it is not a valid number
 * @param phoneType      MOBILE, FIXED_LINE, ... as libphonenumber classifies it; null when invalid
 * @param email          trimmed, domain lower-cased; null when none was given
 */
public record ContactCheck(String phoneRaw, String phoneE164, String phoneType, String email, boolean emailValid,
                           boolean emailDisposable, String emailDomain) {

    public static final String DEFAULT_REGION = "CN";

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    // Pragmatic, not RFC 5322: one @, a local part without spaces, a domain of labels with a TLD of 2+ letters.
    private static final Pattern EMAIL = Pattern.compile(
            "^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}$");

    /** libphonenumber reads "ext." and "x" but not the Chinese words for an extension (021 61234567 转 8012). */
    private static final Pattern EXTENSION = Pattern.compile("\\s*(?:转|轉|分机|分機)\\s*(\\d{1,6})\\s*$");

    /** Throw-away mailbox providers, international and Chinese (临时邮箱); policies can add more. */
    public static final Set<String> DISPOSABLE_DOMAINS = Set.of(
            "mailinator.com", "10minutemail.com", "guerrillamail.com", "guerrillamail.net", "sharklasers.com",
            "yopmail.com", "yopmail.net", "temp-mail.org", "tempmail.com", "tempmail.net", "trashmail.com",
            "getnada.com", "nada.email", "dispostable.com", "maildrop.cc", "throwawaymail.com", "fakeinbox.com",
            "mintemail.com", "spam4.me", "emailondeck.com", "mohmal.com", "moakt.com", "tempail.com", "burnermail.io",
            "mailnesia.com", "mytemp.email", "tmpmail.org", "tmail.ws", "chacuo.net", "linshiyouxiang.net",
            "bccto.me", "027168.com", "snapmail.cc", "email-temp.com", "minuteinbox.com", "disposablemail.com");

    public static ContactCheck of(String phone, String email) {
        return of(phone, email, DEFAULT_REGION);
    }

    public static ContactCheck of(String phone, String email, String defaultRegion) {
        String phoneRaw = Text.clean(phone);
        String e164 = null;
        String type = null;
        if (phoneRaw != null) {
            try {
                String written = EXTENSION.matcher(Text.fold(phoneRaw)).replaceFirst(" ext. $1");
                Phonenumber.PhoneNumber number = PHONES.parse(written, defaultRegion);
                if (PHONES.isValidNumber(number)) {
                    e164 = PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
                    type = PHONES.getNumberType(number).name();
                }
            } catch (NumberParseException e) {
                // not a phone number; reported by screening as PHONE_INVALID
            }
        }
        String mail = Text.clean(email);
        boolean valid = false;
        boolean disposable = false;
        String domain = null;
        if (mail != null) {
            mail = Text.fold(mail);
            int at = mail.lastIndexOf('@');
            if (at > 0) {
                domain = mail.substring(at + 1).toLowerCase(Locale.ROOT);
                mail = mail.substring(0, at) + "@" + domain;
            }
            valid = mail.length() <= 254 && EMAIL.matcher(mail).matches() && !mail.contains("..");
            disposable = valid && domainIn(domain, DISPOSABLE_DOMAINS);
        }
        return new ContactCheck(phoneRaw, e164, type, mail, valid, disposable, domain);
    }

    public boolean phoneGiven() {
        return phoneRaw != null;
    }

    public boolean phoneValid() {
        return phoneE164 != null;
    }

    public boolean emailGiven() {
        return email != null;
    }

    /** True when {@code domain} is one of {@code domains} or a subdomain of one. */
    public static boolean domainIn(String domain, java.util.Collection<String> domains) {
        if (domain == null) {
            return false;
        }
        for (String d : domains) {
            String blocked = d.toLowerCase(Locale.ROOT).strip();
            if (domain.equals(blocked) || domain.endsWith("." + blocked)) {
                return true;
            }
        }
        return false;
    }
}
