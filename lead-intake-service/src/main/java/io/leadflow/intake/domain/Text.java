package io.leadflow.intake.domain;

import java.text.Normalizer;

/** Small text helpers shared by the parsers: full-width to half-width, trimmed, null for blank. */
public final class Text {

    private Text() {
    }

    /** NFKC folds full-width digits, letters and punctuation (１２万, ＡＢＣ) into their ASCII forms. */
    public static String fold(String text) {
        if (text == null) {
            return null;
        }
        return Normalizer.normalize(text, Normalizer.Form.NFKC).strip();
    }

    /** Trimmed, or null when blank. */
    public static String clean(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip();
        return t.isEmpty() ? null : t;
    }
}
