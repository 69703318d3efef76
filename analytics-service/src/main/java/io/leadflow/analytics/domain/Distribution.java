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

    /**
     * Bucketed form (null in the plain form): how many values each {@link ValueBuckets} bucket holds, exactly, with
     * the exact values of the buckets resolved so far in {@link #counts}; {@link #resolver} yields a bucket's values
     * when a statistic needs one not resolved yet. Count, sum and mean need no bucket; a rank or a count at most a
     * limit needs only the bucket it falls in, so the answer is as exact as the plain form's.
     */
    private TreeMap<Integer, Long> buckets;
    private java.util.Set<Integer> resolved;
    private java.util.function.IntFunction<Map<Long, Long>> resolver;

    /**
     * A distribution known by its bucket counts and the sum of its values; {@code resolver} gives the exact
     * value -&gt; count of one bucket when needed (see {@link #neededBuckets()} to resolve the usual ones at once).
     */
    public static Distribution bucketed(Map<Integer, Long> bucketCounts, BigDecimal sum,
                                        java.util.function.IntFunction<Map<Long, Long>> resolver) {
        Distribution d = new Distribution();
        d.buckets = new TreeMap<>();
        d.resolved = new java.util.HashSet<>();
        d.resolver = resolver;
        bucketCounts.forEach((b, c) -> {
            if (c > 0) {
                d.buckets.merge(b, c, Long::sum);
                d.n += c;
            }
        });
        d.sum = sum;
        return d;
    }

    /** Gives the exact values of {@code bucket} (their counts must add up to the bucket's count). */
    public Distribution resolve(int bucket, Map<Long, Long> exact) {
        if (buckets == null || !resolved.add(bucket)) {
            return this;
        }
        long total = 0;
        for (Map.Entry<Long, Long> e : exact.entrySet()) {
            if (ValueBuckets.bucket(e.getKey()) != bucket) {
                throw new IllegalArgumentException(e.getKey() + " is not in bucket " + bucket);
            }
            if (e.getValue() > 0) {
                counts.merge(e.getKey(), e.getValue(), Long::sum);
                total += e.getValue();
            }
        }
        if (total != buckets.getOrDefault(bucket, 0L)) {
            throw new IllegalStateException("bucket " + bucket + " holds " + buckets.getOrDefault(bucket, 0L)
                    + " values, its exact values count " + total);
        }
        return this;
    }

    /** The buckets the median and the 90th percentile fall in (empty in the plain form). */
    public java.util.SortedSet<Integer> neededBuckets() {
        java.util.SortedSet<Integer> out = new java.util.TreeSet<>();
        if (buckets != null && n > 0) {
            for (long rank : new long[] {(n + 1) / 2, n / 2 + 1, Math.max((long) Math.ceil(90 / 100.0 * n), 1)}) {
                out.add(bucketAtRank(rank));
            }
            out.removeAll(resolved);
        }
        return out;
    }

    public boolean isBucketed() {
        return buckets != null;
    }

    private int bucketAtRank(long rank) {
        long seen = 0;
        for (Map.Entry<Integer, Long> e : buckets.entrySet()) {
            seen += e.getValue();
            if (seen >= rank) {
                return e.getKey();
            }
        }
        throw new IllegalStateException("rank " + rank + " beyond " + n);
    }

    private void ensure(int bucket) {
        if (buckets != null && !resolved.contains(bucket) && buckets.containsKey(bucket)) {
            resolve(bucket, resolver.apply(bucket));
        }
    }

    private void ensureAll() {
        if (buckets != null) {
            buckets.keySet().forEach(this::ensure);
        }
    }

    public static Distribution of(long... values) {
        Distribution d = new Distribution();
        for (long v : values) {
            d.add(v, 1);
        }
        return d;
    }

    public Distribution add(long value, long count) {
        if (buckets != null) {
            throw new IllegalStateException("a bucketed distribution is built whole");
        }
        if (count <= 0) {
            return this;
        }
        counts.merge(value, count, Long::sum);
        n += count;
        sum = sum.add(BigDecimal.valueOf(value).multiply(BigDecimal.valueOf(count)));
        return this;
    }

    public Distribution addAll(Distribution other) {
        other.ensureAll();
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
        if (buckets != null) {
            int b = ValueBuckets.bucket(Math.max(limit, 0));
            ensure(b);
            long below = buckets.headMap(b).values().stream().mapToLong(Long::longValue).sum();
            return limit < 0 ? 0 : below + counts.subMap(ValueBuckets.low(b), true, limit, true).values().stream()
                    .mapToLong(Long::longValue).sum();
        }
        return counts.headMap(limit, true).values().stream().mapToLong(Long::longValue).sum();
    }

    public Long min() {
        if (buckets != null && n > 0) {
            ensure(buckets.firstKey());
        }
        return n == 0 ? null : counts.firstKey();
    }

    public Long max() {
        if (buckets != null && n > 0) {
            ensure(buckets.lastKey());
        }
        return n == 0 ? null : counts.lastKey();
    }

    public Map<Long, Long> histogram() {
        ensureAll();
        return java.util.Collections.unmodifiableMap(counts);
    }

    private long valueAtRank(long rank) {
        if (buckets != null) {
            int b = bucketAtRank(rank);
            ensure(b);
            long seen = buckets.headMap(b).values().stream().mapToLong(Long::longValue).sum();
            for (Map.Entry<Long, Long> e : counts.subMap(ValueBuckets.low(b), true, ValueBuckets.high(b), false)
                    .entrySet()) {
                seen += e.getValue();
                if (seen >= rank) {
                    return e.getKey();
                }
            }
            throw new IllegalStateException("rank " + rank + " beyond bucket " + b);
        }
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
