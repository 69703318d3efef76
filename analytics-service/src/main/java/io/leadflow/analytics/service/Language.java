package io.leadflow.analytics.service;

import java.util.Locale;

/** Which words a reader gets: {@code ?lang=} first, then Accept-Language; Chinese (the template's) by default. */
public final class Language {

    private Language() {
    }

    public static boolean chinese(String lang, String acceptLanguage) {
        String choice = lang != null && !lang.isBlank() ? lang : acceptLanguage;
        if (choice == null || choice.isBlank()) {
            return true;
        }
        String first = choice.split(",")[0].trim().toLowerCase(Locale.ROOT);
        return !first.startsWith("en");
    }
}
