package io.leadflow.routing.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** A share with the counts it comes from (won / all), so a reader sees how much a percentage rests on. */
public record Rate(long numerator, long denominator) {

    /** Null when nothing was counted: 0 of 0 is no rate, not 0 %. */
    public BigDecimal value() {
        return denominator == 0 ? null
                : BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), 4, RoundingMode.HALF_UP);
    }

    public String percent() {
        BigDecimal v = value();
        return v == null ? null : v.movePointRight(2).setScale(1, RoundingMode.HALF_UP).toPlainString() + "%";
    }
}
