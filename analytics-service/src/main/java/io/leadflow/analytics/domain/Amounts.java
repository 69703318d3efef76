package io.leadflow.analytics.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Money as every table and export shows it: always two decimals ({@code 0.00}, {@code 120000.00}), so a BI tool
 * or a spreadsheet reads one scale in a column whether a group won nothing, a round sum or cents.
 */
public final class Amounts {

    private Amounts() {
    }

    public static BigDecimal twoDecimals(BigDecimal amount) {
        return amount == null ? null : amount.setScale(2, RoundingMode.HALF_UP);
    }
}
