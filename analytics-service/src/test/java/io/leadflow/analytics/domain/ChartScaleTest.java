package io.leadflow.analytics.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

class ChartScaleTest {

    private static List<BigDecimal> values(String... v) {
        return java.util.Arrays.stream(v).map(BigDecimal::new).toList();
    }

    @Test
    void ratesAreDrawnOnZeroToOneHundredPercentSoASmallRateIsASliver() {
        ChartScale scale = ChartScale.percent();
        assertThat(scale.max()).isEqualByComparingTo("100");
        assertThat(scale.ticks()).extracting(BigDecimal::intValue).containsExactly(0, 25, 50, 75, 100);
        assertThat(scale.unit()).isEqualTo("%");
        assertThat(scale.share(new BigDecimal("0.24"))).isCloseTo(0.0024, within(1e-9));
        assertThat(scale.share(new BigDecimal("30"))).isCloseTo(0.30, within(1e-9));
    }

    @Test
    void equalValuesCoverEqualShares() {
        ChartScale scale = ChartScale.counts(values("3", "7", "3"));
        assertThat(scale.share(new BigDecimal("3"))).isEqualTo(scale.share(new BigDecimal("3.0")));
    }

    @Test
    void countsEndAtTheFirstRoundNumberAtOrAboveTheLargest() {
        assertThat(ChartScale.counts(values("3")).max()).isEqualByComparingTo("5");
        assertThat(ChartScale.counts(values("5")).max()).isEqualByComparingTo("5");
        assertThat(ChartScale.counts(values("8", "2")).max()).isEqualByComparingTo("10");
        assertThat(ChartScale.counts(values("150")).max()).isEqualByComparingTo("200");
        assertThat(ChartScale.counts(values("201")).max()).isEqualByComparingTo("500");
        assertThat(ChartScale.counts(values()).max()).isEqualByComparingTo("5");
    }

    @Test
    void countTicksAreWholeNumbersFromZeroToTheEnd() {
        assertThat(ChartScale.counts(values("8")).ticks()).extracting(BigDecimal::intValue)
                .containsExactly(0, 2, 4, 6, 8, 10);
        assertThat(ChartScale.counts(values("150")).ticks()).extracting(BigDecimal::intValue)
                .containsExactly(0, 50, 100, 150, 200);
        assertThat(ChartScale.counts(values("4")).ticks()).extracting(BigDecimal::intValue)
                .containsExactly(0, 1, 2, 3, 4, 5);
    }

    @Test
    void noValueCoversNothingAndNoValueReachesPastTheAxis() {
        ChartScale scale = ChartScale.counts(values("8"));
        assertThat(scale.share(null)).isZero();
        assertThat(scale.share(new BigDecimal("12"))).isEqualTo(1.0);
    }
}
