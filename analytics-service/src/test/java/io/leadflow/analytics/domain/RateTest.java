package io.leadflow.analytics.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RateTest {

    @Test
    void conversionRateIsWonOverAllLeadsAsTheTemplateDefinesIt() {
        assertThat(Rate.of(15, 50).value()).isEqualByComparingTo("0.3000");
        assertThat(Rate.of(15, 50).percent()).isEqualTo("30%");
        assertThat(Rate.of(8, 100).percent()).isEqualTo("8%");
    }

    @Test
    void ratesKeepFourDecimalsRoundedHalfUp() {
        assertThat(Rate.of(1, 3).value()).isEqualByComparingTo("0.3333");
        assertThat(Rate.of(2, 3).value()).isEqualByComparingTo("0.6667");
        assertThat(Rate.of(1, 12).percent()).isEqualTo("8.33%");
    }

    @Test
    void noLeadsIsNoRateNotZeroPercent() {
        assertThat(Rate.of(0, 0).value()).isNull();
        assertThat(Rate.of(0, 0).percent()).isEmpty();
        assertThat(Rate.of(0, 5).percent()).isEqualTo("0%");
    }

    @Test
    void changeIsMeasuredInPercentagePoints() {
        assertThat(Rate.of(3, 10).pointsSince(Rate.of(1, 10))).isEqualByComparingTo("20.00");
        assertThat(Rate.of(3, 10).pointsSince(Rate.of(0, 0))).isNull();
    }

    @Test
    void negativeCountsAreRefused() {
        assertThatThrownBy(() -> Rate.of(-1, 2)).isInstanceOf(IllegalArgumentException.class);
    }
}
