package io.leadflow.followup.domain;

import java.util.Locale;
import java.util.stream.Collectors;

import io.leadflow.events.vocabulary.Language;
import io.leadflow.events.vocabulary.Term;

/** Normalises what people type for a code: trims, upper-cases and turns spaces and dashes into underscores. */
final class Words {

    private Words() {
    }

    static String normalise(String text) {
        if (text == null) {
            return "";
        }
        return text.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
    }

    /** What an error tells a person to type: each code with the template's word, {@code PHONE (电话), ...}. */
    static String accepted(Term term) {
        return term.codes().stream().map(code -> code + " (" + term.label(code, Language.ZH) + ")")
                .collect(Collectors.joining(", "));
    }
}
