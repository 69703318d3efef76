package io.leadflow.intake.domain;

import io.leadflow.events.vocabulary.Language;

/**
 * A field a person has to fix, and what would be accepted, in English and in Chinese (the template's language; the
 * reader's {@code Accept-Language} picks one).
 *
 * @param zh the same in Chinese; null where only English was written, and then {@link #message(Language)} falls back
 */
public record InputError(String field, String message, String zh) {

    public InputError(String field, String message) {
        this(field, message, null);
    }

    public String message(Language language) {
        return language.chinese() && zh != null ? zh : message;
    }
}
