package io.leadflow.analytics.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.leadflow.events.testing.WordBundles;
import io.leadflow.events.vocabulary.Language;

/** The review's bundles and the one rule of the page's words: a pattern's words are escaped, its arguments are not. */
class ReviewWordsTest {

    /** A word missing in Chinese would be read in English. */
    @Test
    void theTwoBundlesHoldTheSameWords() {
        assertThat(WordBundles.keys(ReviewWords.BUNDLE + "_zh.properties", ReviewWordsTest.class)).isNotEmpty()
                .isEqualTo(WordBundles.keys(ReviewWords.BUNDLE + ".properties", ReviewWordsTest.class));
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

}
