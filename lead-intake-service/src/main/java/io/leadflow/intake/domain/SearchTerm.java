package io.leadflow.intake.domain;

/**
 * What a staff search box's text can mean: words in a name or need, or a phone, email or WeChat id typed the way
 * people type them. A phone in any format ({@code 139 3969 4769}, {@code +86 139-3969-4769}) is normalised like a
 * duplicate check normalises it, so it finds the lead by its E.164 key; a fragment of digits with separators
 * ({@code 3969 4769}) is searched as bare digits inside stored numbers; an email by its duplicate key.
 *
 * @param text     the text as given, for the name/need/contact search
 * @param digits   the digits alone when the text is a fragment of a number (at least 4 digits and nothing but
 *                 separators), else null
 * @param phoneKey E.164 when the text is a whole valid phone number, else null
 * @param emailKey the duplicate key when the text is a whole valid email, else null
 */
public record SearchTerm(String text, String digits, String phoneKey, String emailKey) {

    public static SearchTerm of(String q) {
        String text = Text.fold(q);
        if (text == null || text.isEmpty()) {
            return null;
        }
        String digits = null;
        String phoneKey = null;
        String emailKey = null;
        if (text.contains("@")) {
            emailKey = DuplicateKeys.emailKey(ContactCheck.of(null, text));
        } else if (text.matches("[+\\d\\s().\\-]+")) {
            String bare = text.replaceAll("\\D", "");
            digits = bare.length() >= 4 && !bare.equals(text) ? bare : null;
            phoneKey = ContactCheck.of(text, null).phoneE164();
        }
        return new SearchTerm(text, digits, phoneKey, emailKey);
    }
}
