package io.leadflow.analytics.domain;

import java.math.BigDecimal;

/** The knobs of the step 4.2 rules; see {@code leadflow.analytics.insights.*} for what each means. */
public record InsightThresholds(String highGrade, BigDecimal highIntentMinRate, long highIntentResponseHours,
                                BigDecimal manyLeadsShare, BigDecimal lowConversionFactor, long longCycleDays,
                                BigDecimal breachConcentrationShare, int minBreaches, BigDecimal dominantLossShare,
                                int minLost, int minLeads) {

    public static final InsightThresholds DEFAULTS = new InsightThresholds("HIGH", new BigDecimal("0.30"), 48,
            new BigDecimal("0.20"), new BigDecimal("0.50"), 30, new BigDecimal("0.50"), 3, new BigDecimal("0.60"), 5,
            10);
}
