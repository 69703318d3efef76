package io.leadflow.followup.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class NextActionDatesTest {

    @Test
    void theDateInTable2sNextActionBecomesTheDueDate() {
        assertThat(NextActionDates.infer("3月5日前发送定制方案", LocalDate.of(2024, 3, 2))).contains(LocalDate.of(2024, 3, 5));
        assertThat(NextActionDates.infer("3月7日前更新方案,确认演示时间", LocalDate.of(2024, 3, 6))).contains(LocalDate.of(2024, 3, 7));
    }

    @Test
    void aMonthAloneMeansTheEndOfThatMonth() {
        assertThat(NextActionDates.infer("4月安排实地考察", LocalDate.of(2024, 3, 10))).contains(LocalDate.of(2024, 4, 30));
    }

    @Test
    void aDateEarlierInTheYearThanTheFollowUpMeansNextYear() {
        assertThat(NextActionDates.infer("1月10日回访", LocalDate.of(2024, 12, 20))).contains(LocalDate.of(2025, 1, 10));
    }

    @Test
    void noDateOrAnImpossibleDateInfersNothing() {
        assertThat(NextActionDates.infer("发送合同", LocalDate.of(2024, 3, 2))).isEmpty();
        assertThat(NextActionDates.infer("2月30日签约", LocalDate.of(2024, 1, 2))).isEmpty();
        assertThat(NextActionDates.infer(null, LocalDate.of(2024, 1, 2))).isEmpty();
    }
}
