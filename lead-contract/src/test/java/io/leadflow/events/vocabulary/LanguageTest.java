package io.leadflow.events.vocabulary;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LanguageTest {

    @Test
    void theParameterWinsThenTheBestWeightedLanguageTheBrowserAccepts() {
        assertThat(Language.of("en", "zh-CN")).isEqualTo(Language.EN);
        assertThat(Language.of("zh-Hans", "en")).isEqualTo(Language.ZH);
        assertThat(Language.of(null, "en-US,en;q=0.9,zh-CN;q=0.8")).isEqualTo(Language.EN);
        assertThat(Language.of(null, "zh-CN,zh;q=0.9,en;q=0.8")).isEqualTo(Language.ZH);
        assertThat(Language.of(null, "fr-FR,en;q=0.5")).isEqualTo(Language.EN);
        assertThat(Language.of(null, "en;q=0.2,zh;q=0.7")).isEqualTo(Language.ZH);
    }

    @Test
    void anythingElseFallsBack() {
        assertThat(Language.of(null, null)).isEqualTo(Language.ZH);
        assertThat(Language.of("  ", "fr")).isEqualTo(Language.ZH);
        assertThat(Language.of(null, "fr", Language.EN)).isEqualTo(Language.EN);
        assertThat(Language.of("klingon", "*")).isEqualTo(Language.ZH);
        assertThat(Language.of(null, "en;q=abc")).isEqualTo(Language.ZH);
        assertThat(Language.of(null, ",;,;q=")).isEqualTo(Language.ZH);
    }
}
