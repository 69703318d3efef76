package io.leadflow.events.vocabulary;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;


/** Every code the suite shows has the template's word and an English one, and nothing else hides in the bundles. */
class VocabularyBundlesTest {

    @Test
    void everyCodeOfEveryTermHasAChineseAndAnEnglishWord() {
        for (Term term : Term.values()) {
            for (String code : term.codes()) {
                for (Language language : Language.values()) {
                    assertThat(term.find(code, language)).as("%s.%s in %s", term.key(), code, language)
                            .hasValueSatisfying(word -> assertThat(word).isNotBlank().isNotEqualTo(code));
                }
            }
        }
    }

    @Test
    void theTwoBundlesHoldExactlyTheTermsCodes() {
        Set<String> expected = new TreeSet<>();
        for (Term term : Term.values()) {
            term.codes().forEach(code -> expected.add(term.key() + "." + code));
        }
        assertThat(new TreeSet<>(bundle(Locale.CHINESE).keySet())).as("vocabulary_zh.properties").isEqualTo(expected);
        assertThat(new TreeSet<>(bundle(Locale.ENGLISH).keySet())).as("vocabulary_en.properties").isEqualTo(expected);
    }

    @Test
    void chineseWordsAreReadAsUtf8() {
        assertThat(Term.SOURCE.label("TRADE_SHOW", Language.ZH)).isEqualTo("展会");
        assertThat(Term.GRADE.label("HIGH", Language.ZH)).isEqualTo("高意向");
        assertThat(Term.FOLLOW_UP_METHOD.label("PHONE", Language.ZH)).isEqualTo("电话");
    }

    @Test
    void theSuiteReadsOneWordPerStage() {
        assertThat(Term.STAGE.label("PROPOSAL", Language.ZH)).isEqualTo("方案报价");
        assertThat(Term.STAGE.label("NEGOTIATION", Language.ZH)).isEqualTo("商务谈判");
        assertThat(Term.STAGE.label("NURTURING", Language.ZH)).isEqualTo("培育中");
        assertThat(Term.STAGE.label("NEEDS_CONFIRMED", Language.EN)).isEqualTo("Needs confirmed");
        assertThat(Term.STAGE.codes()).containsExactly(Arrays.stream(Stage.values()).map(Enum::name).toArray(String[]::new));
    }

    @Test
    void aCodeWithoutAWordReadsAsSentAndNullStaysNull() {
        assertThat(Term.REASON.label("NEW_REASON_2025", Language.ZH)).isEqualTo("NEW_REASON_2025");
        assertThat(Term.GRADE.label("URGENT", Language.EN)).isEqualTo("URGENT");
        assertThat(Term.GRADE.find("URGENT", Language.EN)).isEmpty();
        assertThat(Term.SOURCE.label(null, Language.ZH)).isNull();
    }

    @Test
    void aCodeIsFoundInAnyCase() {
        assertThat(Term.SOURCE.label("trade_show", Language.EN)).isEqualTo("Trade show");
    }

    @Test
    void aPersonMayNameACodeByTheCodeOrEitherWord() {
        assertThat(Term.SOURCE.codeOf("展会")).contains("TRADE_SHOW");
        assertThat(Term.SOURCE.codeOf("trade show")).contains("TRADE_SHOW");
        assertThat(Term.SOURCE.codeOf("Website-Form")).contains("WEBSITE_FORM");
        assertThat(Term.STAGE.codeOf("商务谈判")).contains("NEGOTIATION");
        assertThat(Term.SOURCE.codeOf("传真")).isEmpty();
        assertThat(Term.SOURCE.codeOf(" ")).isEmpty();
    }

    @Test
    void theFunnelRunsFromNewToWonAndTheExitsReachNothing() {
        assertThat(Stage.funnel()).containsExactly(Stage.NEW, Stage.CONTACTED, Stage.NEEDS_CONFIRMED, Stage.PROPOSAL,
                Stage.NEGOTIATION, Stage.WON);
        assertThat(Stage.rankOf("lost")).isZero();
        assertThat(Stage.rankOf("NOT_A_STAGE")).isZero();
        assertThat(Stage.WON.closed()).isTrue();
        assertThat(Stage.NURTURING.closed()).isFalse();
    }

    private static ResourceBundle bundle(Locale locale) {
        return ResourceBundle.getBundle("io.leadflow.events.vocabulary.vocabulary", locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }
}
