package io.leadflow.followup.domain;

import java.util.Locale;

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
}
