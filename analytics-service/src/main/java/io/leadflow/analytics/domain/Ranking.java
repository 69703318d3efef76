package io.leadflow.analytics.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** "Most frequent" lists: win factors, loss and rejection reasons, each with its count. */
public final class Ranking {

    public record Counted(String value, long count) {
    }

    private Ranking() {
    }

    /**
     * The {@code n} most frequent values, most frequent first. A tie at the cut-off is kept whole rather than
     * broken arbitrarily, so the list may be longer than {@code n}; equal counts are listed alphabetically.
     */
    public static List<Counted> top(Map<String, Long> counts, int n) {
        List<Counted> all = new ArrayList<>();
        counts.forEach((k, v) -> {
            if (k != null && v != null && v > 0) {
                all.add(new Counted(k, v));
            }
        });
        all.sort(Comparator.comparingLong(Counted::count).reversed().thenComparing(Counted::value));
        if (all.size() <= n) {
            return all;
        }
        long cutoff = all.get(n - 1).count();
        return all.stream().filter(c -> c.count() >= cutoff).toList();
    }

    public static long total(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
