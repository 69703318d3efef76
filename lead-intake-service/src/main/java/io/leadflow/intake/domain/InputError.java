package io.leadflow.intake.domain;

/**
 * A field a person has to fix, and what would be accepted. The words are the bundles' (see {@link Said}): a staff
 * answer says them in English, the public form's refusal page and the import report in the reader's language.
 */
public record InputError(String field, Said said) {

    public InputError(String field, String key, Object... args) {
        this(field, Said.of(key, args));
    }
}
