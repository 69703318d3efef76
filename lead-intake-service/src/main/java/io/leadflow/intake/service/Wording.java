package io.leadflow.intake.service;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

import io.leadflow.events.vocabulary.Language;

/**
 * The service's sentences in the reader's language: labels by locale at the edge, so the words live in the bundles
 * ({@code intake-words.properties}, English and the default, and {@code intake-words_zh.properties}), each a
 * {@link MessageFormat} pattern ({@code '} written {@code ''}).
 * <p>
 * Arguments arrive as text the caller has already formatted, so MessageFormat adds no grouping separator or locale
 * digits: version 1234 reads 1234 in either language.
 */
public final class Wording {

    static final String BUNDLE = "intake-words";

    private static final ResourceBundle ZH = load(Locale.CHINESE);
    private static final ResourceBundle EN = load(Locale.ROOT);

    private Wording() {
    }

    public static String text(Language language, String key, String... args) {
        return new MessageFormat(bundle(language).getString(key), Locale.ROOT).format(args);
    }

    /** Whether the bundles word this key; a code they do not know (a newer outcome) then reads as itself. */
    public static boolean has(Language language, String key) {
        return bundle(language).containsKey(key);
    }

    static ResourceBundle bundle(Language language) {
        return language == Language.EN ? EN : ZH;
    }

    /** No fallback to the JVM's locale, which would give a Chinese JVM's English reader the Chinese words. */
    private static ResourceBundle load(Locale locale) {
        try {
            return ResourceBundle.getBundle(BUNDLE, locale, Wording.class.getClassLoader(),
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        } catch (MissingResourceException e) {
            throw new IllegalStateException("the bundle " + BUNDLE + " for " + locale + " is not on the class path", e);
        }
    }
}
