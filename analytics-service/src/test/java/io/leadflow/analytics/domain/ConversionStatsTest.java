package io.leadflow.analytics.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

class ConversionStatsTest {

    private static ConversionCounts counts(long leads, long qualified, long won) {
        return new ConversionCounts(leads, qualified, leads - qualified, qualified - won, won, 0,
                BigDecimal.valueOf(won * 1000));
    }

    @Test
    void wonPerQualifiedSitsBesideWonPerLead() {
        ConversionStats s = new ConversionStats(counts(50, 40, 15), Distribution.of(25));
        assertThat(s.conversionRate().value()).isEqualByComparingTo("0.3000");
        assertThat(s.qualifiedConversionRate().value()).isEqualByComparingTo("0.3750");
    }

    @Test
    void aPeriodWhereNothingConvertedHasZeroRateAndNoCycle() {
        ConversionStats s = new ConversionStats(counts(12, 10, 0), new Distribution());
        assertThat(s.conversionRate().percent()).isEqualTo("0%");
        assertThat(s.averageCycleDays()).isNull();
        assertThat(s.medianCycleDays()).isNull();
    }

    @Test
    void anEmptyPeriodHasNoRatesAtAll() {
        ConversionStats s = new ConversionStats(ConversionCounts.NONE, null);
        assertThat(s.conversionRate().value()).isNull();
        assertThat(s.qualifiedConversionRate().value()).isNull();
    }

    @Test
    void addingGroupsAddsCountsAndPoolsCycles() {
        ConversionStats a = new ConversionStats(counts(50, 50, 15), new Distribution().add(25, 15));
        ConversionStats b = new ConversionStats(counts(100, 100, 8), new Distribution().add(45, 8));
        ConversionStats total = a.plus(b);
        assertThat(total.counts().leads()).isEqualTo(150);
        assertThat(total.conversionRate().value()).isEqualByComparingTo("0.1533");
        // (15 x 25 + 8 x 45) / 23 = 31.96: the mean of all deals, not the mean of the two averages.
        assertThat(total.averageCycleDays()).isEqualByComparingTo("32.0");
        assertThat(total.medianCycleDays()).isEqualByComparingTo("25.0");
        assertThat(total.counts().wonAmount()).isEqualByComparingTo("23000");
    }
}
