package io.leadflow.events.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * What every service checks of its word bundles ({@code <name>.properties} and {@code <name>_zh.properties}, read
 * through {@code io.leadflow.events.vocabulary.Words}): a key missing from the Chinese file would be read in English.
 */
public final class WordBundles {

    private WordBundles() {
    }

    /** The keys of one bundle file on the class path of {@code near}, read as UTF-8. */
    public static Set<String> keys(String resource, Class<?> near) {
        return new TreeSet<>(load(resource, near).stringPropertyNames());
    }

    /** Both files hold the same keys, every Chinese sentence is its own, and every value is a MessageFormat pattern. */
    public static void assertTranslatedPatterns(String name, Class<?> near) {
        Properties en = load(name + ".properties", near);
        Properties zh = load(name + "_zh.properties", near);
        assertThat(zh.stringPropertyNames()).isNotEmpty().isEqualTo(en.stringPropertyNames());
        assertThat(zh.stringPropertyNames()).allSatisfy(key ->
                assertThat(zh.getProperty(key)).as(key).isNotEqualTo(en.getProperty(key)));
        for (Properties words : new Properties[] {en, zh}) {
            words.stringPropertyNames().forEach(key -> new MessageFormat(words.getProperty(key), Locale.ROOT));
        }
    }

    private static Properties load(String resource, Class<?> near) {
        Properties words = new Properties();
        try (InputStream in = near.getResourceAsStream("/" + resource)) {
            assertThat(in).as(resource).isNotNull();
            words.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return words;
    }
}
