package io.leadflow.events.domain;

/** What people type, read the same way everywhere: surrounding whitespace (a full-width space too) is not text. */
public final class Text {

    private Text() {
    }

    /** True for null, empty and whitespace only. */
    public static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    /** The text without surrounding whitespace; null when nothing is left. */
    public static String orNull(String text) {
        return blank(text) ? null : text.strip();
    }
}
