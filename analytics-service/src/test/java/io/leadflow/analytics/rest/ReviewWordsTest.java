package io.leadflow.analytics.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import io.leadflow.events.vocabulary.Language;

/** The review's bundles and the one rule of the page's words: a pattern's words are escaped, its arguments are not. */
class ReviewWordsTest {

    /** A word missing in Chinese would be read in English. */
    @Test
    void theTwoBundlesHoldTheSameWords() throws IOException {
        assertThat(keys(ReviewWords.BUNDLE + "_zh.properties")).isNotEmpty()
                .isEqualTo(keys(ReviewWords.BUNDLE + ".properties"));
    }

    @Test
    void aPatternsWordsAreEscapedAndItsArgumentsKeptAsMarkup() {
        assertThat(ReviewWords.html("Q&A <{0}> ''{1}''", "<b>x</b>", "&amp;"))
                .isEqualTo("Q&amp;A &lt;<b>x</b>&gt; &#39;&amp;&#39;");
    }

    /** A note ends with the space before the next one in English, which a bundle easily loses at a line's end. */
    @Test
    void anEnglishNoteKeepsItsTrailingSpace() {
        assertThat(ReviewWords.text(Language.EN, "note", "—", "no leads")).isEqualTo("—: no leads. ");
        assertThat(ReviewWords.text(Language.ZH, "note", "—", "无线索")).isEqualTo("—:无线索。");
    }

    private static Set<String> keys(String resource) throws IOException {
        Properties words = new Properties();
        try (InputStream in = ReviewWordsTest.class.getResourceAsStream("/" + resource)) {
            assertThat(in).as(resource).isNotNull();
            words.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return new TreeSet<>(words.stringPropertyNames());
    }
}
