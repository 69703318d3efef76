package io.leadflow.analytics.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The axis every bar of one chart is drawn against: from 0 to {@code max}, with tick values a reader can label.
 * One scale per chart, so equal values draw equal bars and a bar's length is its value's share of the axis.
 *
 * @param unit what the tick labels carry after the number ({@code %} or nothing)
 */
public record ChartScale(BigDecimal max, List<BigDecimal> ticks, String unit) {

    /** Round axis ends for counts: each splits into whole-number ticks (5 by 1, 20 by 5, 200 by 50 ...). */
    private static final int[][] ROUND_ENDS = {{5, 1}, {10, 2}, {20, 5}};

    public ChartScale {
        if (max.signum() <= 0) {
            throw new IllegalArgumentException("a scale ends above 0, not at " + max);
        }
        ticks = List.copyOf(ticks);
    }

    /** Rates in percent, always 0–100 %: a rate's bar is its share of all, whatever the other bars are. */
    public static ChartScale percent() {
        List<BigDecimal> ticks = new ArrayList<>();
        for (int t = 0; t <= 100; t += 25) {
            ticks.add(BigDecimal.valueOf(t));
        }
        return new ChartScale(BigDecimal.valueOf(100), ticks, "%");
    }

    /** Counts: 0 to the first round number (5, 10, 20, 50, 100, 200 ...) at or above the largest value. */
    public static ChartScale counts(Collection<BigDecimal> values) {
        BigDecimal largest = values.stream().filter(Objects::nonNull).reduce(BigDecimal.ZERO, BigDecimal::max);
        BigDecimal power = BigDecimal.ONE;
        while (true) {
            for (int[] end : ROUND_ENDS) {
                BigDecimal max = power.multiply(BigDecimal.valueOf(end[0]));
                if (max.compareTo(largest) >= 0) {
                    BigDecimal step = power.multiply(BigDecimal.valueOf(end[1]));
                    List<BigDecimal> ticks = new ArrayList<>();
                    for (BigDecimal t = BigDecimal.ZERO; t.compareTo(max) <= 0; t = t.add(step)) {
                        ticks.add(t);
                    }
                    return new ChartScale(max, ticks, "");
                }
            }
            power = power.multiply(BigDecimal.TEN);
        }
    }

    /** How much of the axis a value covers, 0 to 1 (values outside the axis are held at its ends). */
    public double share(BigDecimal value) {
        if (value == null || value.signum() <= 0) {
            return 0;
        }
        return Math.min(1, value.divide(max, 8, RoundingMode.HALF_UP).doubleValue());
    }
}
