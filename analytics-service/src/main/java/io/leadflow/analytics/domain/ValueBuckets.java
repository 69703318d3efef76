package io.leadflow.analytics.domain;

/**
 * Coarse buckets of whole non-negative numbers (first-response minutes), four per doubling: 0..7 one value each, then
 * [8, 10), [10, 12), [12, 14), [14, 16), [16, 20), ... so a bucket is at most a quarter as wide as its lower bound.
 * The cube keeps per cell how many values each bucket holds and the exact values per bucket apart, so that a median
 * or a percentile reads the bucket counts and the exact values of one bucket only (see {@link Distribution#bucketed}).
 */
public final class ValueBuckets {

    private ValueBuckets() {
    }

    /** The bucket of {@code value} (0 or more). */
    public static int bucket(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("negative value " + value);
        }
        if (value < 8) {
            return (int) value;
        }
        int k = 63 - Long.numberOfLeadingZeros(value);
        return 8 + 4 * (k - 3) + (int) ((value >> (k - 2)) & 3);
    }

    /** The smallest value of {@code bucket}. */
    public static long low(int bucket) {
        if (bucket < 8) {
            return bucket;
        }
        int k = 3 + (bucket - 8) / 4;
        return (4L + (bucket - 8) % 4) << (k - 2);
    }

    /** One past the greatest value of {@code bucket}. */
    public static long high(int bucket) {
        return low(bucket + 1);
    }
}
