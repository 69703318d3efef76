package io.leadflow.analytics.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

class DistributionTest {

    @Test
    void theMeanOfTheTemplatesTradeShowCyclesIs25Days() {
        Distribution d = new Distribution().add(15, 5).add(25, 5).add(35, 5);
        assertThat(d.count()).isEqualTo(15);
        assertThat(d.mean()).isEqualByComparingTo("25.0");
        assertThat(d.median()).isEqualByComparingTo("25.0");
    }

    @Test
    void anEvenCountTakesTheMeanOfTheTwoMiddleValues() {
        assertThat(Distribution.of(10, 11).median()).isEqualByComparingTo("10.5");
        assertThat(Distribution.of(1, 2, 3, 100).median()).isEqualByComparingTo("2.5");
    }

    @Test
    void tiedValuesCountOncePerLead() {
        Distribution d = Distribution.of(7, 7, 7, 30);
        assertThat(d.median()).isEqualByComparingTo("7.0");
        assertThat(d.mean()).isEqualByComparingTo("12.8");
        assertThat(d.percentile(90)).isEqualTo(30);
    }

    @Test
    void theNearestRankP90OfOneToTenIsNine() {
        assertThat(Distribution.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10).percentile(90)).isEqualTo(9);
        assertThat(Distribution.of(42).percentile(90)).isEqualTo(42);
    }

    @Test
    void anEmptyPeriodHasNoCycleRatherThanZeroDays() {
        Distribution d = new Distribution();
        assertThat(d.mean()).isNull();
        assertThat(d.median()).isNull();
        assertThat(d.percentile(90)).isNull();
        assertThat(d.isEmpty()).isTrue();
    }

    @Test
    void meansRoundHalfUpToOneDecimal() {
        assertThat(Distribution.of(1, 2).mean()).isEqualByComparingTo(new BigDecimal("1.5"));
        assertThat(Distribution.of(1, 1, 2).mean()).isEqualByComparingTo(new BigDecimal("1.3"));
        assertThat(Distribution.of(0, 1, 1).mean()).isEqualByComparingTo(new BigDecimal("0.7"));
    }

    @Test
    void countAtMostCountsTheLimitItself() {
        Distribution d = Distribution.of(24 * 60, 48 * 60, 48 * 60 + 1);
        assertThat(d.countAtMost(48 * 60)).isEqualTo(2);
    }

    @Test
    void mergingHistogramsKeepsEveryMeasurement() {
        Distribution merged = new Distribution().addAll(Distribution.of(1, 2)).addAll(Distribution.of(2, 9));
        assertThat(merged.count()).isEqualTo(4);
        assertThat(merged.histogram()).containsEntry(2L, 2L);
        assertThat(merged.median()).isEqualByComparingTo("2.0");
    }
}
