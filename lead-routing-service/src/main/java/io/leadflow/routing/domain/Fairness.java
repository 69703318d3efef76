package io.leadflow.routing.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;

/**
 * How evenly one pool's reps received leads.
 *
 * @param spread the most any rep of the pool received minus the least
 * @param gini   0 when every rep received the same number, towards 1 when one rep received nearly all; null for a
 *               pool that received nothing
 */
public record Fairness(String pool, int reps, long leads, long fewest, long most, long spread, BigDecimal gini) {

    public static Fairness of(String pool, Collection<Long> perRep) {
        long total = 0;
        long min = Long.MAX_VALUE;
        long max = 0;
        for (long x : perRep) {
            total += x;
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        if (perRep.isEmpty()) {
            min = 0;
        }
        BigDecimal gini = null;
        if (total > 0) {
            double diffs = 0;
            for (long a : perRep) {
                for (long b : perRep) {
                    diffs += Math.abs(a - b);
                }
            }
            gini = BigDecimal.valueOf(diffs / (2.0 * perRep.size() * total)).setScale(3, RoundingMode.HALF_UP);
        }
        return new Fairness(pool, perRep.size(), total, min, max, max - min, gini);
    }
}
