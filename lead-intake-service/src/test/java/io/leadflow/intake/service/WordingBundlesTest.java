package io.leadflow.intake.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

import org.junit.jupiter.api.Test;

import io.leadflow.events.vocabulary.Language;

/** Both bundles say the same things, and every sentence is a pattern MessageFormat reads. */
class WordingBundlesTest {

    @Test
    void everySentenceIsInBothLanguagesAndIsAPattern() {
        ResourceBundle en = Wording.bundle(Language.EN);
        ResourceBundle zh = Wording.bundle(Language.ZH);
        assertThat(zh.getLocale()).isEqualTo(Locale.CHINESE);
        // zh also answers its English parent's keys, so a key missing from the zh file would read in English
        assertThat(zh.keySet()).allSatisfy(key -> assertThat(zh.getString(key)).isNotEqualTo(en.getString(key)));
        for (ResourceBundle bundle : new ResourceBundle[] {en, zh}) {
            bundle.keySet().forEach(key -> new MessageFormat(bundle.getString(key), Locale.ROOT));
        }
    }
}
