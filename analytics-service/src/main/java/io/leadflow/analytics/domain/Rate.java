package io.leadflow.analytics.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A share with the counts it comes from, e.g. 15 of 50 = 0.3000. The value is rounded half-up to four decimals
 * (a hundredth of a percent) and is null when there is nothing to divide by: "no leads" is not "0 %".
 */
public record Rate(long numerator, long denominator) {

    public Rate {
        if (numerator < 0 || denominator < 0) {
            throw new IllegalArgumentException("counts cannot be negative");
        }
    }

    public static Rate of(long numerator, long denominator) {
        return new Rate(numerator, denominator);
    }

    public BigDecimal value() {
        if (denominator == 0) {
            return null;
        }
        return BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), 4, RoundingMode.HALF_UP);
    }

    /** As the template prints it: {@code 30%}, {@code 8.33%}; empty when undefined. */
    public String percent() {
        BigDecimal v = value();
        if (v == null) {
            return "";
        }
        return v.movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }

    /** Change in percentage points from {@code before}; null when either side is undefined. */
    public BigDecimal pointsSince(Rate before) {
        if (before == null || value() == null || before.value() == null) {
            return null;
        }
        return value().subtract(before.value()).movePointRight(2).setScale(2, RoundingMode.HALF_UP);
    }
}
