package io.leadflow.routing.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class AvailabilityTest {

    @Test
    void aRepAwayUntilADateIsBackTheDayAfter() {
        Availability away = new Availability(Availability.Status.AWAY, LocalDate.of(2024, 3, 20));
        assertThat(away.isAvailableOn(LocalDate.of(2024, 3, 20))).isFalse();
        assertThat(away.isAvailableOn(LocalDate.of(2024, 3, 21))).isTrue();
        assertThat(away.describe()).isEqualTo("away until 2024-03-20");
    }

    @Test
    void aRepAwayWithoutADateStaysAwayAndAnAvailableRepIsAvailable() {
        assertThat(new Availability(Availability.Status.AWAY, null).isAvailableOn(LocalDate.of(2099, 1, 1))).isFalse();
        assertThat(Availability.available().isAvailableOn(LocalDate.of(2024, 3, 1))).isTrue();
    }

    @Test
    void seniorityAndSourcesAcceptTheTemplatesWords() {
        assertThat(Seniority.parse("资深销售")).contains(Seniority.SENIOR);
        assertThat(Seniority.parse("销售助理")).contains(Seniority.ASSISTANT);
        assertThat(Seniority.parse("nurture")).contains(Seniority.NURTURE);
        assertThat(Seniority.parse("CEO")).isEmpty();
        assertThat(LeadSources.normalise("展会")).isEqualTo("TRADE_SHOW");
        assertThat(LeadSources.normalise("website_form")).isEqualTo("WEBSITE_FORM");
        assertThat(LeadSources.normalise("电视")).isNull();
        assertThat(Areas.same("上海市", "上海")).isTrue();
    }
}
