package io.leadflow.analytics.rest;

import java.text.AttributedCharacterIterator;
import java.text.CharacterIterator;
import java.text.MessageFormat;
import java.util.Locale;

import io.leadflow.events.vocabulary.Language;
import io.leadflow.events.vocabulary.Words;

/**
 * The monthly review's words in the reader's language, for its page and its CSV: labels by locale at the edge, so
 * {@link ReviewPage} and {@link ReviewCsv} name what they say by key and the words are the bundles'
 * ({@code review.properties}, English and the default, and {@code review_zh.properties}; see lead-events' {@link Words}).
 */
final class ReviewWords {

    static final String BUNDLE = "review";

    private static final Words WORDS = Words.of(BUNDLE, ReviewWords.class);

    private ReviewWords() {
    }

    /** Plain text, as the CSV writes it. */
    static String text(Language language, String key, String... args) {
        return WORDS.text(language, key, args);
    }

    /**
     * For the page: the pattern's own words escaped, its arguments placed as they are, since the page hands over
     * markup (a missing value's "—" with its reason) as often as text. Escape a value before passing it.
     */
    static String html(Language language, String key, String... html) {
        return html(WORDS.pattern(language, key), html);
    }

    /** Whether there is a word for {@code key}, for codes that show as themselves when there is none. */
    static boolean has(Language language, String key) {
        return WORDS.has(language, key);
    }

    /**
     * MessageFormat marks the characters each argument produced, so a pattern's words and its arguments are told
     * apart in the formatted text itself, never by parsing the pattern a second time.
     */
    static String html(String pattern, String... html) {
        AttributedCharacterIterator formatted = new MessageFormat(pattern, Locale.ROOT).formatToCharacterIterator(html);
        StringBuilder out = new StringBuilder();
        for (char c = formatted.first(); c != CharacterIterator.DONE; c = formatted.next()) {
            String one = String.valueOf(c);
            out.append(formatted.getAttribute(MessageFormat.Field.ARGUMENT) != null ? one : ReviewPage.esc(one));
        }
        return out.toString();
    }
}
