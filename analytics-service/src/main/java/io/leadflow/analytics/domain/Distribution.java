package io.leadflow.analytics.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.TreeMap;

/**
 * Whole-number measurements (conversion cycle in days, first response in minutes) kept as value -> count, so that a
 * database can hand over a histogram instead of every lead and the mean, median and percentiles stay exact.
 */
public final class Distribution {

    private final TreeMap<Long, Long> counts = new TreeMap<>();
    private long n;
    private BigDecimal sum = BigDecimal.ZERO;

    public static Distribution of(long... values) {
        Distribution d = new Distribution();
        for (long v : values) {
            d.add(v, 1);
        }
        return d;
    }

    public Distribution add(long value, long count) {
        if (count <= 0) {
            return this;
        }
        counts.merge(value, count, Long::sum);
        n += count;
        sum = sum.add(BigDecimal.valueOf(value).multiply(BigDecimal.valueOf(count)));
        return this;
    }

    public Distribution addAll(Distribution other) {
        other.counts.forEach(this::add);
        return this;
    }

    public long count() {
        return n;
    }

    public boolean isEmpty() {
        return n == 0;
    }

    /** Arithmetic mean to one decimal, half-up; null when empty. */
    public BigDecimal mean() {
        if (n == 0) {
            return null;
        }
        return sum.divide(BigDecimal.valueOf(n), 1, RoundingMode.HALF_UP);
    }

    /** The middle value; with an even count the mean of the two middle values (so 10 and 11 give 10.5). */
    public BigDecimal median() {
        if (n == 0) {
            return null;
        }
        long lower = valueAtRank((n + 1) / 2);
        long upper = valueAtRank(n / 2 + 1);
        if (n % 2 == 1) {
            return BigDecimal.valueOf(lower).setScale(1, RoundingMode.UNNECESSARY);
        }
        return BigDecimal.valueOf(lower).add(BigDecimal.valueOf(upper))
                .divide(BigDecimal.valueOf(2), 1, RoundingMode.HALF_UP);
    }

    /**
     * The nearest-rank percentile: the smallest value with at least {@code p} percent of measurements at or below
     * it (p90 of 1..10 is 9). Null when empty.
     */
    public Long percentile(int p) {
        if (p <= 0 || p > 100) {
            throw new IllegalArgumentException("percentile must be in 1..100");
        }
        if (n == 0) {
            return null;
        }
        long rank = (long) Math.ceil(p / 100.0 * n);
        return valueAtRank(Math.max(rank, 1));
    }

    /** How many measurements are at or below {@code limit}. */
    public long countAtMost(long limit) {
        return counts.headMap(limit, true).values().stream().mapToLong(Long::longValue).sum();
    }

    public Long min() {
        return n == 0 ? null : counts.firstKey();
    }

    public Long max() {
        return n == 0 ? null : counts.lastKey();
    }

    public Map<Long, Long> histogram() {
        return java.util.Collections.unmodifiableMap(counts);
    }

    private long valueAtRank(long rank) {
        long seen = 0;
        for (Map.Entry<Long, Long> e : counts.entrySet()) {
            seen += e.getValue();
            if (seen >= rank) {
                return e.getKey();
            }
        }
        throw new IllegalStateException("rank " + rank + " beyond " + n);
    }
}
