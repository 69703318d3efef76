package io.leadflow.analytics.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

class AmountsTest {

    @Test
    void moneyAlwaysHasTwoDecimals() {
        assertThat(Amounts.twoDecimals(BigDecimal.ZERO).toPlainString()).isEqualTo("0.00");
        assertThat(Amounts.twoDecimals(BigDecimal.valueOf(120000)).toPlainString()).isEqualTo("120000.00");
        assertThat(Amounts.twoDecimals(new BigDecimal("99.995")).toPlainString()).isEqualTo("100.00");
        assertThat(Amounts.twoDecimals(null)).isNull();
    }
}
