package io.leadflow.intake.service;

import java.util.List;

import io.leadflow.events.contract.Reason;
import io.leadflow.events.vocabulary.Language;
import io.leadflow.events.vocabulary.Words;
import io.leadflow.intake.domain.Said;
import io.leadflow.intake.domain.Screening;

/**
 * The service's sentences in the reader's language: labels by locale at the edge, so the words live in the bundles
 * ({@code intake-words.properties}, English and the default, and {@code intake-words_zh.properties}), read through lead-events'
 * {@link Words} (MessageFormat patterns, {@code '} written {@code ''}). The domain's rules say what they found as a
 * {@link Said}; this words it where it is sent or stored: in English for the events and for staff, in the reader's
 * language for the public form's refusal and the import report.
 * <p>
 * Arguments arrive as text the caller has already formatted, so no locale adds no grouping separator or locale
 * digits: version 1234 reads 1234 in either language.
 */
public final class Wording {

    static final String BUNDLE = "intake-words";

    private static final Words WORDS = Words.of(BUNDLE, Wording.class);

    private Wording() {
    }

    public static String text(Language language, String key, String... args) {
        return WORDS.text(language, key, (Object[]) args);
    }

    public static String text(Language language, Said said) {
        return WORDS.text(language, said.key(), said.args().toArray());
    }

    /** The verdict's failed rules as the events carry them: the code and the sentence in English. */
    public static List<Reason> reasons(Screening.Verdict verdict) {
        return verdict.worded().stream().map(w -> new Reason(w.code(), text(Language.EN, w.said()))).toList();
    }

    /** Whether the bundles word this key; a code they do not know (a newer outcome) then reads as itself. */
    public static boolean has(Language language, String key) {
        return WORDS.has(language, key);
    }
}
