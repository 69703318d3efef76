package io.leadflow.analytics.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class QueryParsingTest {

    @Test
    void groupByTakesOneOrTwoDimensionsInEnglishOrChinese() {
        assertThat(Dimension.parseGroupBy("source,grade")).containsExactly(Dimension.SOURCE, Dimension.GRADE);
        assertThat(Dimension.parseGroupBy("线索来源，意向等级")).containsExactly(Dimension.SOURCE, Dimension.GRADE);
        assertThat(Dimension.parseGroupBy(" Month ")).containsExactly(Dimension.MONTH);
        assertThat(Dimension.parseGroupBy(null)).isEmpty();
    }

    @Test
    void anUnknownOrRepeatedOrThirdDimensionIsRefusedNamingTheChoices() {
        assertThatThrownBy(() -> Dimension.parseGroupBy("colour")).isInstanceOf(InvalidQueryException.class)
                .hasMessageContaining("source, grade, owner, region, industry, month");
        assertThatThrownBy(() -> Dimension.parseGroupBy("source,source")).hasMessageContaining("twice");
        assertThatThrownBy(() -> Dimension.parseGroupBy("source,grade,owner")).hasMessageContaining("at most 2");
    }

    @Test
    void aPeriodTakesDatesOrMonthsAndRefusesFromAfterTo() {
        Period p = Period.parse("2024-03", "2024-03");
        assertThat(p.from()).isEqualTo(LocalDate.of(2024, 3, 1));
        assertThat(p.to()).isEqualTo(LocalDate.of(2024, 3, 31));
        assertThatThrownBy(() -> Period.parse("2024-04-01", "2024-03-01")).isInstanceOf(InvalidQueryException.class)
                .hasMessageContaining("after");
        assertThatThrownBy(() -> Period.parse("yesterday", null)).hasMessageContaining("yyyy-MM-dd");
        assertThatThrownBy(() -> Period.parseMonth("month", "2024-13")).hasMessageContaining("yyyy-MM");
        assertThat(Period.parseMonth("month", "2024-02")).isEqualTo(YearMonth.of(2024, 2));
    }

    @Test
    void thePreviousPeriodIsTheMonthBeforeOrTheSameNumberOfDaysBefore() {
        assertThat(Period.month(YearMonth.of(2024, 3)).previous()).isEqualTo(Period.month(YearMonth.of(2024, 2)));
        assertThat(Period.parse("2024-03-11", "2024-03-20").previous())
                .isEqualTo(new Period(LocalDate.of(2024, 3, 1), LocalDate.of(2024, 3, 10)));
        assertThat(Period.all().previous()).isNull();
    }

    @Test
    void filtersAcceptTheTemplatesChineseWords() {
        assertThat(Vocabulary.source("source", "展会")).isEqualTo("TRADE_SHOW");
        assertThat(Vocabulary.source("source", "官网表单")).isEqualTo("WEBSITE_FORM");
        assertThat(Vocabulary.source("source", "trade_show")).isEqualTo("TRADE_SHOW");
        assertThat(Vocabulary.grade("grade", "高意向")).isEqualTo("HIGH");
        assertThat(Vocabulary.grade("grade", "中")).isEqualTo("MEDIUM");
        assertThat(Vocabulary.grade("grade", "a_plus")).isEqualTo("A_PLUS");
        assertThatThrownBy(() -> Vocabulary.source("source", "电视广告")).hasMessageContaining("TRADE_SHOW");
        assertThatThrownBy(() -> Vocabulary.grade("grade", "很高!")).hasMessageContaining("HIGH");
    }

    @Test
    void mostFrequentListsKeepTiesAtTheCutOff() {
        List<Ranking.Counted> top = Ranking.top(Map.of("a", 5L, "b", 3L, "c", 3L, "d", 1L), 2);
        assertThat(top).extracting(Ranking.Counted::value).containsExactly("a", "b", "c");
        assertThat(Ranking.top(Map.of("x", 2L, "y", 2L), 1)).hasSize(2);
        assertThat(Ranking.top(Map.of(), 3)).isEmpty();
    }
}
