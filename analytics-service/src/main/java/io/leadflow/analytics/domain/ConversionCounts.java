package io.leadflow.analytics.domain;

import java.math.BigDecimal;

/**
 * Lead counts of one group of a conversion table. {@code open} are leads neither rejected nor decided yet.
 */
public record ConversionCounts(long leads, long qualified, long rejected, long open, long won, long lost,
                               BigDecimal wonAmount) {

    public static final ConversionCounts NONE = new ConversionCounts(0, 0, 0, 0, 0, 0, BigDecimal.ZERO);

    public ConversionCounts {
        wonAmount = wonAmount == null ? BigDecimal.ZERO : wonAmount;
    }

    public ConversionCounts plus(ConversionCounts o) {
        return new ConversionCounts(leads + o.leads, qualified + o.qualified, rejected + o.rejected, open + o.open,
                won + o.won, lost + o.lost, wonAmount.add(o.wonAmount));
    }
}
