package io.leadflow.analytics.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class ValueBucketsTest {

    @Test
    void bucketsCoverEveryValueOnceInOrderAFourthOfADoublingWide() {
        assertThat(ValueBuckets.bucket(0)).isZero();
        assertThat(ValueBuckets.bucket(7)).isEqualTo(7);
        assertThat(ValueBuckets.bucket(8)).isEqualTo(8);
        assertThat(ValueBuckets.bucket(9)).isEqualTo(8);
        assertThat(ValueBuckets.bucket(125)).isEqualTo(23);
        assertThat(ValueBuckets.low(23)).isEqualTo(112);
        assertThat(ValueBuckets.high(23)).isEqualTo(128);
        int previous = -1;
        for (long v = 0; v < 100_000; v++) {
            int b = ValueBuckets.bucket(v);
            assertThat(b).isBetween(previous, previous + 1);
            assertThat(v).isBetween(ValueBuckets.low(b), ValueBuckets.high(b) - 1);
            assertThat(ValueBuckets.high(b) - ValueBuckets.low(b)).isLessThanOrEqualTo(Math.max(1, v / 4));
            previous = b;
        }
        long big = 40L * 24 * 60 * 365;
        assertThat(big).isBetween(ValueBuckets.low(ValueBuckets.bucket(big)), ValueBuckets.high(ValueBuckets.bucket(big)) - 1);
        assertThatThrownBy(() -> ValueBuckets.bucket(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    /** The bucketed form answers every statistic as the plain one, reading only the buckets the statistic needs. */
    @Test
    void aBucketedDistributionAnswersExactlyAsThePlainOne() {
        Random random = new Random(6);
        for (int round = 0; round < 300; round++) {
            int size = 1 + random.nextInt(round < 50 ? 6 : 3000);
            Distribution plain = new Distribution();
            Map<Integer, Long> counts = new TreeMap<>();
            Map<Integer, Map<Long, Long>> exact = new HashMap<>();
            long sum = 0;
            for (int i = 0; i < size; i++) {
                long v = (long) Math.exp(random.nextGaussian() * 1.5 + 4.5);
                plain.add(v, 1);
                counts.merge(ValueBuckets.bucket(v), 1L, Long::sum);
                exact.computeIfAbsent(ValueBuckets.bucket(v), b -> new TreeMap<>()).merge(v, 1L, Long::sum);
                sum += v;
            }
            AtomicInteger reads = new AtomicInteger();
            Distribution bucketed = Distribution.bucketed(counts, BigDecimal.valueOf(sum), b -> {
                reads.incrementAndGet();
                return exact.getOrDefault(b, Map.of());
            });
            bucketed.neededBuckets().forEach(b -> bucketed.resolve(b, exact.get(b)));
            assertThat(bucketed.median()).isEqualTo(plain.median());
            assertThat(bucketed.percentile(90)).isEqualTo(plain.percentile(90));
            assertThat(reads).hasValue(0);
            assertThat(bucketed.mean()).isEqualTo(plain.mean());
            assertThat(bucketed.count()).isEqualTo(plain.count());
            for (long limit : new long[] {-1, 0, 30, 240, 2880, 100_000}) {
                assertThat(bucketed.countAtMost(limit)).isEqualTo(plain.countAtMost(limit));
            }
            assertThat(bucketed.percentile(50)).isEqualTo(plain.percentile(50));
            assertThat(bucketed.min()).isEqualTo(plain.min());
            assertThat(bucketed.max()).isEqualTo(plain.max());
            assertThat(bucketed.histogram()).isEqualTo(plain.histogram());
            assertThat(new Distribution().addAll(bucketed).median()).isEqualTo(plain.median());
        }
    }

    @Test
    void aBucketWhoseExactValuesDoNotAddUpIsRefused() {
        Distribution d = Distribution.bucketed(Map.of(23, 2L), BigDecimal.valueOf(250), b -> Map.of());
        assertThatThrownBy(() -> d.resolve(23, Map.of(125L, 1L))).isInstanceOf(IllegalStateException.class);
        Distribution e = Distribution.bucketed(Map.of(23, 1L), BigDecimal.valueOf(125), b -> Map.of());
        assertThatThrownBy(() -> e.resolve(23, Map.of(300L, 1L))).isInstanceOf(IllegalArgumentException.class);
        assertThat(Distribution.bucketed(Map.of(), BigDecimal.ZERO, b -> Map.of()).median()).isNull();
    }
}
