package io.leadflow.analytics.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.leadflow.analytics.service.InsightWording;
import io.leadflow.events.vocabulary.Language;

class TrialsTest {

    private static final Period Q3 = new Period(LocalDate.of(2026, 7, 1), LocalDate.of(2026, 9, 30));
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 6);

    private static Finding finding(String rule, String subject) {
        return new Finding(rule, subject, Wording.of("t"), Wording.of("d"), Map.of(), Wording.of("a"), BigDecimal.ONE,
                false, null, null, null);
    }

    @Test
    void aSourceLostToSlowAnswersIsTriedWithATwentyFourHourFirstTouchOnTheSamePeriod() {
        Finding slow = Trials.attach(List.of(finding("LOSS_REASON_DOMINANT", "WEBSITE_FORM:SLOW_RESPONSE")), Q3, TODAY)
                .get(0);
        assertThat(slow.trial()).isNotNull();
        assertThat(slow.trial().service()).isEqualTo("followup-service");
        assertThat(slow.trial().method()).isEqualTo("POST");
        assertThat(slow.trial().path()).isEqualTo("/api/v1/cadence-policy/what-ifs");
        assertThat(slow.trial().body()).containsEntry("from", "2026-07-01").containsEntry("to", "2026-09-30")
                .containsEntry("sources", List.of(Map.of("source", "WEBSITE_FORM", "firstResponse", "PT24H")));
        assertThat(InsightWording.text(slow.trial().description(), Language.ZH)).contains("官网表单", "24小时");
    }

    @Test
    void breachesConcentratedOnASourceAreTriedButOnAnOwnerOrABudgetLossNot() {
        List<Finding> out = Trials.attach(List.of(finding("SLA_BREACHES_CONCENTRATED", "SOURCE:SOCIAL_MEDIA"),
                finding("SLA_BREACHES_CONCENTRATED", "OWNER:rep-li"),
                finding("LOSS_REASON_DOMINANT", "TRADE_SHOW:BUDGET"),
                finding("LONG_CYCLE", "ALL")), Q3, TODAY);
        assertThat(out.get(0).trial().body().get("sources"))
                .isEqualTo(List.of(Map.of("source", "SOCIAL_MEDIA", "firstResponse", "PT24H")));
        assertThat(InsightWording.text(out.get(0).trial().description(), Language.EN))
                .startsWith("Try a 24-hour first touch");
        assertThat(out.subList(1, 4)).allSatisfy(f -> assertThat(f.trial()).isNull());
    }

    @Test
    void aPeriodLongerThanALabTriesIsTriedOnItsLastDays() {
        Period twoYears = new Period(LocalDate.of(2025, 1, 1), LocalDate.of(2026, 12, 31));
        Finding f = Trials.attach(List.of(finding("LOSS_REASON_DOMINANT", "OTHER:SLOW_RESPONSE")), twoYears, TODAY)
                .get(0);
        assertThat(f.trial().body()).containsEntry("to", "2026-12-31").containsEntry("from", "2025-11-27");
    }

    @Test
    void anInsightOverAllTimeIsTriedOnTheLastQuarter() {
        Finding f = Trials.attach(List.of(finding("LOSS_REASON_DOMINANT", "OTHER:SLOW_RESPONSE")), new Period(null, null),
                TODAY).get(0);
        assertThat(f.trial().body()).containsEntry("to", "2026-12-06").containsEntry("from", "2026-09-06");
    }
}
