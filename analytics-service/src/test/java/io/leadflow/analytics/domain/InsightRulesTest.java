package io.leadflow.analytics.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.leadflow.analytics.service.InsightWording;
import io.leadflow.events.vocabulary.Language;

class InsightRulesTest {

    private final InsightRules rules = new InsightRules(InsightThresholds.DEFAULTS);

    private static String zh(Wording wording) {
        return InsightWording.text(wording, Language.ZH);
    }

    private static ConversionStats stats(long leads, long won, long rejected, long... cycles) {
        return new ConversionStats(new ConversionCounts(leads, leads - rejected, rejected, 0, won, 0, BigDecimal.ZERO),
                Distribution.of(cycles));
    }

    private static InsightInput input(ConversionStats high, Distribution highResponse, Map<String, Long> byOwner,
                                      Map<String, Map<String, Long>> losses, long... cycles) {
        Map<String, ConversionStats> bySource = new LinkedHashMap<>();
        bySource.put("TRADE_SHOW", stats(50, 15, 0));
        bySource.put("WEBSITE_FORM", stats(100, 2, 40));
        ConversionStats overall = new ConversionStats(new ConversionCounts(150, 110, 40, 0, 17, 0, BigDecimal.ZERO),
                Distribution.of(cycles));
        return new InsightInput(overall, Map.of("HIGH", high), bySource, highResponse, 4, losses,
                Map.of("WEBSITE_FORM", Map.of("CONTACT_INCOMPLETE", 30L, "INDUSTRY_NOT_TARGETED", 10L)), byOwner,
                Map.of());
    }

    @Test
    void lowHighIntentConversionNamesTheMeasuredResponseTimes() {
        InsightInput in = input(stats(20, 2, 0), Distribution.of(60 * 10, 60 * 50, 60 * 70), Map.of(), Map.of(), 10);
        Finding f = rules.findings(in).stream().filter(x -> x.rule().equals("HIGH_INTENT_LOW_CONVERSION"))
                .findFirst().orElseThrow();
        assertThat(f.numbers()).containsEntry("leads", 20L).containsEntry("won", 2L)
                .containsEntry("firstResponseMedianHours", new BigDecimal("50.0"))
                .containsEntry("firstResponseP90Hours", new BigDecimal("70.0"))
                .containsEntry("respondedWithinPromise", 1L).containsEntry("slaBreaches", 4L);
        assertThat(zh(f.action())).contains("响应速度", "方案匹配度");
        assertThat(zh(f.detail())).contains("10%", "50.0 小时");
    }

    @Test
    void highIntentAtTheThresholdIsNotAFinding() {
        InsightInput in = input(stats(20, 6, 0), new Distribution(), Map.of(), Map.of(), 10);
        assertThat(rules.findings(in)).noneMatch(f -> f.rule().equals("HIGH_INTENT_LOW_CONVERSION"));
    }

    @Test
    void aSourceWithManyLeadsAndLowConversionGetsItsRejectionReasons() {
        InsightInput in = input(stats(20, 10, 0), new Distribution(), Map.of(), Map.of(), 10);
        Finding f = rules.findings(in).stream()
                .filter(x -> x.rule().equals("SOURCE_MANY_LEADS_LOW_CONVERSION")).findFirst().orElseThrow();
        assertThat(f.subject()).isEqualTo("WEBSITE_FORM");
        assertThat(zh(f.action())).isEqualTo("优化官网表单渠道的线索筛选标准");
        assertThat((List<?>) f.numbers().get("rejectionReasons")).hasSize(2);
        assertThat(zh(f.detail())).contains("联系方式不完整 30");
    }

    @Test
    void aLongAverageCycleAsksForShorterIntervals() {
        InsightInput in = input(stats(20, 10, 0), new Distribution(), Map.of(), Map.of(), 20, 50);
        Finding f = rules.findings(in).stream().filter(x -> x.rule().equals("LONG_CYCLE")).findFirst()
                .orElseThrow();
        assertThat(f.metric()).isEqualByComparingTo("35.0");
        assertThat(InsightWording.text(f.action(), Language.EN)).contains("Shorten follow-up intervals");
    }

    @Test
    void breachesConcentratedOnOneOwnerAreAFindingButATieIsNot() {
        InsightInput one = input(stats(20, 10, 0), new Distribution(), Map.of("rep-li", 4L, "rep-zhao", 1L), Map.of(),
                10);
        assertThat(rules.findings(one)).anyMatch(f -> f.subject().equals("OWNER:rep-li"));
        InsightInput tie = input(stats(20, 10, 0), new Distribution(), Map.of("rep-li", 2L, "rep-zhao", 2L), Map.of(),
                10);
        // 2 of 4 is exactly the 50% threshold for each: both are named, none is hidden by an arbitrary pick.
        assertThat(rules.findings(tie)).filteredOn(f -> f.rule().equals("SLA_BREACHES_CONCENTRATED"))
                .hasSize(2);
    }

    @Test
    void aLossReasonDominatingASourceIsAFindingAndATieIsNot() {
        InsightInput dominated = input(stats(20, 10, 0), new Distribution(), Map.of(),
                Map.of("TRADE_SHOW", Map.of("BUDGET_INSUFFICIENT", 8L, "NO_NEED", 2L)), 10);
        Finding f = rules.findings(dominated).stream().filter(x -> x.rule().equals("LOSS_REASON_DOMINANT"))
                .findFirst().orElseThrow();
        assertThat(zh(f.action())).isEqualTo("增加展会前客户筛选,提前沟通预算");
        assertThat(f.metric()).isEqualByComparingTo("0.8");
        InsightInput tie = input(stats(20, 10, 0), new Distribution(), Map.of(),
                Map.of("TRADE_SHOW", Map.of("BUDGET_INSUFFICIENT", 5L, "NO_NEED", 5L)), 10);
        assertThat(rules.findings(tie)).noneMatch(x -> x.rule().equals("LOSS_REASON_DOMINANT"));
    }

    @Test
    void findingsAreComparedWithThePreviousPeriod() {
        InsightInput now = input(stats(20, 2, 0), new Distribution(), Map.of(), Map.of(), 40);
        InsightInput before = input(stats(20, 4, 0), new Distribution(), Map.of(), Map.of(), 50);
        List<Finding> findings = rules.evaluate(now, before);
        assertThat(findings).filteredOn(f -> f.rule().equals("HIGH_INTENT_LOW_CONVERSION"))
                .extracting(Finding::trend).containsExactly("WORSE");
        assertThat(findings).filteredOn(f -> f.rule().equals("LONG_CYCLE"))
                .extracting(Finding::trend).containsExactly("BETTER");
        InsightInput fine = input(stats(20, 10, 0), new Distribution(), Map.of(), Map.of(), 10);
        assertThat(rules.evaluate(fine, before)).filteredOn(f -> f.rule().equals("HIGH_INTENT_LOW_CONVERSION"))
                .extracting(Finding::trend).containsExactly("RESOLVED");
    }

    @Test
    void anEmptyPeriodHasNoFindings() {
        InsightInput empty = new InsightInput(new ConversionStats(ConversionCounts.NONE, null), Map.of(), Map.of(),
                new Distribution(), 0, Map.of(), Map.of(), Map.of(), Map.of());
        assertThat(rules.findings(empty)).isEmpty();
    }
}
