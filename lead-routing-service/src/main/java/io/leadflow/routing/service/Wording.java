package io.leadflow.routing.service;

import io.leadflow.events.vocabulary.Language;
import io.leadflow.events.vocabulary.Words;

/**
 * The service's sentences in the reader's language: labels by locale at the edge, so the words live in the bundles
 * ({@code routing-words.properties}, English and the default, and {@code routing-words_zh.properties}), read through lead-events'
 * {@link Words} (MessageFormat patterns, {@code '} written {@code ''}).
 * <p>
 * Arguments arrive as text the caller has already formatted, so no locale adds no grouping separator or locale
 * digits: version 1234 reads 1234 in either language.
 */
public final class Wording {

    static final String BUNDLE = "routing-words";

    private static final Words WORDS = Words.of(BUNDLE, Wording.class);

    private Wording() {
    }

    public static String text(Language language, String key, String... args) {
        return WORDS.text(language, key, (Object[]) args);
    }
}
