package io.leadflow.analytics.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.leadflow.analytics.domain.InvalidQueryException;
import io.leadflow.events.vocabulary.Language;

/** Tables read in the suite's language: Chinese unless ?lang= or Accept-Language ask for English. */
class TableParamsTest {

    @Test
    void aTableReadsChineseUnlessEnglishIsAskedFor() {
        assertThat(TableParams.language(null, null)).isEqualTo(Language.ZH);
        assertThat(TableParams.language("en", null)).isEqualTo(Language.EN);
        assertThat(TableParams.language(null, "en-US,en;q=0.9")).isEqualTo(Language.EN);
        assertThat(TableParams.language("zh-CN", "en")).isEqualTo(Language.ZH);
    }

    @Test
    void acceptLanguageIsReadByItsQualityValuesNotItsFirstTag() {
        assertThat(TableParams.language(null, "en;q=0.3,zh-CN")).isEqualTo(Language.ZH);
        assertThat(TableParams.language(null, "fr,en;q=0.5")).isEqualTo(Language.EN);
    }

    @Test
    void aLangTheSuiteDoesNotSpeakIsRefused() {
        assertThatThrownBy(() -> TableParams.language("fr", null)).isInstanceOf(InvalidQueryException.class)
                .hasMessageContaining("zh-CN or en");
    }
}
