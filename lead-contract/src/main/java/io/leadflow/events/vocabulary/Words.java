package io.leadflow.events.vocabulary;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * A pair of resource bundles, English ({@code <name>.properties} or {@code <name>_en.properties}) and Chinese
 * ({@code <name>_zh.properties}), holding the words a reader sees: the one way every service words its labels and
 * sentences by locale.
 * <p>
 * Loaded once, with no fallback to the JVM's locale (which would give a Chinese JVM's English reader the Chinese
 * words, or hide a missing one). Patterns are {@link MessageFormat}s ({@code '} written {@code ''}), formatted in
 * {@link Locale#ROOT}; callers pass arguments as text they formatted themselves, so no locale adds a grouping
 * separator or other digits.
 */
public final class Words {

    private final ResourceBundle zh;
    private final ResourceBundle en;

    private Words(String name, ClassLoader loader) {
        this.zh = load(name, Locale.CHINESE, loader);
        this.en = load(name, Locale.ENGLISH, loader);
    }

    /** @param owner a class next to the bundle (whose class loader finds it) */
    public static Words of(String name, Class<?> owner) {
        return new Words(name, owner.getClassLoader());
    }

    public ResourceBundle in(Language language) {
        return language == Language.EN ? en : zh;
    }

    /** The pattern as the bundle has it, for a caller that reads or rewrites it before formatting. */
    public String pattern(Language language, String key) {
        return in(language).getString(key);
    }

    public String text(Language language, String key, Object... args) {
        return format(pattern(language, key), args);
    }

    /** Whether the bundles word this key; a code they do not know can then read as itself. */
    public boolean has(Language language, String key) {
        return in(language).containsKey(key);
    }

    public static String format(String pattern, Object... args) {
        return new MessageFormat(pattern, Locale.ROOT).format(args);
    }

    private static ResourceBundle load(String name, Locale locale, ClassLoader loader) {
        try {
            return ResourceBundle.getBundle(name, locale, loader,
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        } catch (MissingResourceException e) {
            throw new IllegalStateException("the bundle " + name + " for " + locale + " is not on the class path", e);
        }
    }
}
