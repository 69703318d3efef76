package io.leadflow.events.vocabulary;

import java.util.Locale;

/**
 * The language a person reads: Chinese (the template's) or English. Chosen by {@code ?lang=} when given, else by
 * {@code Accept-Language} with its quality values ({@code en;q=0.9,zh;q=0.8} is English; {@code fr,en;q=0.5} is
 * English; {@code fr} alone falls back), else the default.
 */
public enum Language {
    ZH, EN;

    /** Chinese unless the request asks for English. */
    public static Language of(String lang, String acceptLanguage) {
        return of(lang, acceptLanguage, ZH);
    }

    public static Language of(String lang, String acceptLanguage, Language fallback) {
        Language chosen = lang == null || lang.isBlank() ? null : tag(lang.strip());
        if (chosen != null) {
            return chosen;
        }
        if (acceptLanguage == null || acceptLanguage.isBlank() || acceptLanguage.length() > 500) {
            return fallback;
        }
        Language best = null;
        double bestQ = 0;
        for (String range : acceptLanguage.split(",", -1)) {
            String[] parts = range.split(";", -1);
            Language l = "*".equals(parts[0].strip()) ? fallback : tag(parts[0].strip());
            double q = 1;
            for (int i = 1; i < parts.length; i++) {
                String p = parts[i].strip();
                if (p.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(p.substring(2));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            if (l != null && q > bestQ) {
                best = l;
                bestQ = q;
            }
        }
        return best == null ? fallback : best;
    }

    private static Language tag(String tag) {
        String t = tag.toLowerCase(Locale.ROOT);
        if (t.equals("zh") || t.startsWith("zh-") || t.startsWith("zh_")) {
            return ZH;
        }
        if (t.equals("en") || t.startsWith("en-") || t.startsWith("en_")) {
            return EN;
        }
        return null;
    }

    public boolean chinese() {
        return this == ZH;
    }

    /** The text in this language. */
    public String pick(String zh, String en) {
        return this == ZH ? zh : en;
    }
}
