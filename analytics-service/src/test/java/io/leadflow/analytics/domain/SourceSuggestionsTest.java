package io.leadflow.analytics.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.leadflow.analytics.service.InsightWording;
import io.leadflow.events.vocabulary.Language;

class SourceSuggestionsTest {

    private static ConversionStats stats(long leads, long won, long cycleDays) {
        return new ConversionStats(new ConversionCounts(leads, leads, 0, 0, won, 0, BigDecimal.ZERO),
                new Distribution().add(cycleDays, won));
    }

    private static String text(Suggestion s, Language language) {
        return InsightWording.text(s.wording(), language);
    }

    @Test
    void aTradeShowLosingOnBudgetIsToldToScreenAndRaiseBudgetEarly() {
        List<Suggestion> s = SourceSuggestions.DEFAULTS.suggest("TRADE_SHOW", stats(50, 15, 25),
                Ranking.top(Map.of("BUDGET_INSUFFICIENT", 12L, "NO_NEED", 5L), 3), List.of(),
                Distribution.of(240));
        assertThat(s).extracting(x -> text(x, Language.ZH)).containsExactly("增加展会前客户筛选,提前沟通预算");
    }

    @Test
    void aSlowlyAnsweredWebsiteFormIsToldToAnswerWithin24Hours() {
        List<Suggestion> s = SourceSuggestions.DEFAULTS.suggest("WEBSITE_FORM", stats(100, 8, 45),
                Ranking.top(Map.of("SLOW_RESPONSE", 18L), 3), List.of(), Distribution.of(30 * 60));
        assertThat(s).extracting(Suggestion::code).containsExactly("ANSWER_FASTER", "TIGHTEN_SCREENING",
                "SHORTEN_CYCLE");
        assertThat(text(s.get(0), Language.ZH)).isEqualTo("缩短官网表单线索响应时间至24小时内");
    }

    @Test
    void aSmallSourceIsNotJudgedOnItsRate() {
        assertThat(SourceSuggestions.DEFAULTS.suggest("OTHER", stats(5, 0, 0), List.of(), List.of(),
                new Distribution())).isEmpty();
    }

    @Test
    void suggestionsComeInEnglishToo() {
        List<Suggestion> s = SourceSuggestions.DEFAULTS.suggest("TRADE_SHOW", stats(50, 15, 25),
                Ranking.top(Map.of("BUDGET_INSUFFICIENT", 12L), 3), List.of(), new Distribution());
        assertThat(text(s.get(0), Language.EN)).startsWith("Screen trade show leads");
    }
}
