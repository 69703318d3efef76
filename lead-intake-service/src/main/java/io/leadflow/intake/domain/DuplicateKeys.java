package io.leadflow.intake.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The normalised forms that find an existing lead: phone in E.164, email lower-cased without a {@code +tag}, and
 * the company name without its legal form (有限公司, 股份, Co., Ltd. ...), case, width, spaces and punctuation.
 */
public record DuplicateKeys(String phone, String email, String company) {

    /** Legal-form words, longest first so 股份有限公司 goes before 有限公司. */
    private static final List<String> LEGAL_FORMS_ZH = List.of("股份有限公司", "有限责任公司", "集团有限公司", "有限公司",
            "集团公司", "股份公司", "责任公司", "分公司", "总公司", "集团", "公司", "股份", "有限", "(中国)");
    private static final Pattern LEGAL_FORMS_EN = Pattern.compile(
            "\\b(co|company|corp|corporation|inc|incorporated|ltd|limited|llc|gmbh|plc|group|holdings?)\\b");
    private static final Pattern NOT_WORD = Pattern.compile("[\\p{Punct}\\p{IsPunctuation}\\s·・、。，（）【】《》“”‘’]+");

    public static DuplicateKeys of(ContactCheck contact, String customerName) {
        return new DuplicateKeys(contact.phoneE164(), emailKey(contact), companyKey(customerName));
    }

    /**
     * The phone and email keys of a contact alone, read as a capture reads them: what an import row keeps of the
     * person it names, even when the row did not become a lead, so that the person's erasure finds it.
     */
    public static DuplicateKeys ofContact(ContactCheck contact) {
        return new DuplicateKeys(contact.phoneE164(), emailKey(contact), null);
    }

    public static String emailKey(ContactCheck contact) {
        if (!contact.emailValid()) {
            return null;
        }
        String mail = contact.email().toLowerCase(Locale.ROOT);
        int at = mail.indexOf('@');
        String local = mail.substring(0, at);
        int plus = local.indexOf('+');
        if (plus > 0) {
            local = local.substring(0, plus);
        }
        return local + mail.substring(at);
    }

    /** Null when too little of a name is left to tell one company from another (masked or generic names). */
    public static String companyKey(String customerName) {
        String name = Text.fold(customerName);
        // A masked name (*科技有限公司, as registers shared outside the team show them) identifies nobody.
        if (name == null || name.contains("*")) {
            return null;
        }
        name = name.toLowerCase(Locale.ROOT);
        name = name.replace("（", "(").replace("）", ")");
        for (String form : LEGAL_FORMS_ZH) {
            if (name.length() > form.length()) {
                name = name.replace(form, "");
            }
        }
        name = LEGAL_FORMS_EN.matcher(name).replaceAll(" ");
        name = NOT_WORD.matcher(name).replaceAll("");
        int letters = name.codePointCount(0, name.length());
        boolean cjk = name.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
        if (letters < (cjk ? 2 : 3)) {
            return null;
        }
        return name;
    }

    /** The keys in a fixed order, for taking locks without deadlocks; each tagged with what it matches on. */
    public List<String> lockKeys() {
        List<String> keys = new ArrayList<>();
        if (phone != null) {
            keys.add("phone:" + phone);
        }
        if (email != null) {
            keys.add("email:" + email);
        }
        if (company != null) {
            keys.add("company:" + company);
        }
        keys.sort(null);
        return keys;
    }
}
