package io.leadflow.analytics.domain;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * What one lead adds to the incremental aggregates (the cube), and the difference a fact change makes.
 *
 * <p>A lead registered in month M counts in one cell of every {@link Slice} for M: the cell keyed by the lead's own
 * values of the slice's dimensions. A cell holds the counts the tables need (leads, qualified, ...) and exact
 * distributions as value -&gt; count maps (cycle days of won leads, first-response minutes, ...), so sums, rates,
 * means, medians and percentiles computed from cells equal those computed from the facts, to the lead.
 *
 * <p>When an event changes a lead's facts, the cube receives {@code contribution(after) - contribution(before)}
 * ({@link #difference}), in the same transaction; any order of events, and any rebuild, lands on the same cube
 * because the contribution depends only on the facts.
 */
public final class Aggregates {

    /** Counts kept in every cell, in column order. */
    public enum Count {
        LEADS, QUALIFIED, REJECTED, OPEN, WON, LOST, NO_OUTCOME, ASSIGNED, RESPONDED, BREACHED
    }

    /** Distributions and reason counts kept as value -&gt; count. */
    public enum Hist {
        /** conversion cycle in days of won leads */
        CYCLE("cycle"),
        /** greatest(max stage rank, 1): the funnel's reach */
        RANK("rank"),
        /** months from registration month to won month */
        WON_AGE("wonAge"),
        /** SLA breach events by the breach's owner (else the lead's) */
        BREACH_OWNER("bOwner"),
        /** SLA breach events by the breach's source (else the lead's) */
        BREACH_SOURCE("bSource"),
        /**
         * first response in whole minutes after registration, kept as {@link #RESPONSE_BUCKETS} (leads per
         * {@link ValueBuckets} bucket), {@link #RESPONSE_SUM} (the minutes' sum) and, per bucket b, the exact
         * minutes under {@code RESPONSE_MINUTES + b}: a median reads the counts and one bucket's minutes only
         */
        RESPONSE("resp"),
        WIN_FACTORS("win"),
        LOSS_REASONS("loss"),
        REJECTION_REASONS("rej"),
        /** "STAGE|hours" spent in a stage before the next move */
        STAGE_HOURS("stageH");

        private final String key;

        Hist(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    /** {bucket: leads} of the first-response minutes. */
    public static final String RESPONSE_BUCKETS = "respB";
    /** {"m": sum of the first-response minutes}. */
    public static final String RESPONSE_SUM = "respSum";
    public static final String RESPONSE_SUM_KEY = "m";
    /** Prefix of {minute: leads} for the minutes of one bucket, e.g. "resp:23" for 112..127 minutes. */
    public static final String RESPONSE_MINUTES = "resp:";

    private static final Set<Hist> BASE = EnumSet.of(Hist.CYCLE, Hist.RANK, Hist.WON_AGE, Hist.BREACH_OWNER,
            Hist.BREACH_SOURCE);

    /**
     * The sets of dimensions cells are keyed by (the registration month always is), smallest first. Wide
     * distributions (first-response minutes, reasons, hours in stage) are kept only in the narrow slices.
     */
    public enum Slice {
        TOTAL("", EnumSet.noneOf(Dimension.class), EnumSet.of(Hist.RESPONSE, Hist.WIN_FACTORS, Hist.LOSS_REASONS,
                Hist.REJECTION_REASONS, Hist.STAGE_HOURS)),
        GRADE("g", EnumSet.of(Dimension.GRADE), EnumSet.of(Hist.RESPONSE)),
        SOURCE("s", EnumSet.of(Dimension.SOURCE), EnumSet.of(Hist.RESPONSE, Hist.WIN_FACTORS, Hist.LOSS_REASONS,
                Hist.REJECTION_REASONS)),
        REGION("r", EnumSet.of(Dimension.REGION), EnumSet.noneOf(Hist.class)),
        INDUSTRY("i", EnumSet.of(Dimension.INDUSTRY), EnumSet.noneOf(Hist.class)),
        OWNER("o", EnumSet.of(Dimension.OWNER), EnumSet.of(Hist.RESPONSE)),
        SOURCE_GRADE("sg", EnumSet.of(Dimension.SOURCE, Dimension.GRADE), EnumSet.noneOf(Hist.class)),
        SOURCE_GRADE_OWNER("sgo", EnumSet.of(Dimension.SOURCE, Dimension.GRADE, Dimension.OWNER),
                EnumSet.noneOf(Hist.class)),
        SOURCE_GRADE_REGION_INDUSTRY("sgri", EnumSet.of(Dimension.SOURCE, Dimension.GRADE, Dimension.REGION,
                Dimension.INDUSTRY), EnumSet.noneOf(Hist.class));

        private final String code;
        private final Set<Dimension> dims;
        private final Set<Hist> hists;

        Slice(String code, Set<Dimension> dims, Set<Hist> extra) {
            this.code = code;
            this.dims = dims;
            EnumSet<Hist> all = EnumSet.copyOf(BASE);
            all.addAll(extra);
            this.hists = all;
        }

        public String code() {
            return code;
        }

        public Set<Dimension> dims() {
            return dims;
        }

        public Set<Hist> hists() {
            return hists;
        }

        /**
         * The smallest slice keyed by every dimension in {@code needed} (grouped by or filtered on; the month is
         * always there) that keeps every distribution in {@code hists}; null when none does (read the facts).
         */
        public static Slice best(Set<Dimension> needed, Set<Hist> hists) {
            Set<Dimension> keyed = EnumSet.noneOf(Dimension.class);
            keyed.addAll(needed);
            keyed.remove(Dimension.MONTH);
            return Arrays.stream(values()).filter(s -> s.dims.containsAll(keyed) && s.hists.containsAll(hists))
                    .findFirst().orElse(null);
        }
    }

    /** A cell: a slice, a registration month and the lead's values of the slice's dimensions ("" elsewhere). */
    public record Cell(Slice slice, LocalDate month, String source, String grade, String ownerId, String region,
                       String industry) {
    }

    /** What a lead adds to (or, negated, takes from) one cell. */
    public static final class Delta {
        public final long[] counts = new long[Count.values().length];
        public BigDecimal wonAmount = BigDecimal.ZERO;
        public final Map<String, Map<String, Long>> hist = new TreeMap<>();

        public long count(Count c) {
            return counts[c.ordinal()];
        }

        void count(Count c, boolean when) {
            if (when) {
                counts[c.ordinal()]++;
            }
        }

        void hist(Hist h, Object value, long n) {
            hist(h.key(), value, n);
        }

        void hist(String name, Object value, long n) {
            if (n == 0) {
                return;
            }
            hist.computeIfAbsent(name, k -> new TreeMap<>()).merge(value == null ? "" : value.toString(), n,
                    Long::sum);
        }

        /** Adds {@code sign} times {@code other}; values and names that reach zero disappear. */
        public Delta add(Delta other, int sign) {
            for (int i = 0; i < counts.length; i++) {
                counts[i] += sign * other.counts[i];
            }
            wonAmount = sign > 0 ? wonAmount.add(other.wonAmount) : wonAmount.subtract(other.wonAmount);
            other.hist.forEach((name, values) -> values.forEach((v, n) -> {
                Map<String, Long> m = hist.computeIfAbsent(name, k -> new TreeMap<>());
                long sum = m.getOrDefault(v, 0L) + sign * n;
                if (sum == 0) {
                    m.remove(v);
                } else {
                    m.put(v, sum);
                }
                if (m.isEmpty()) {
                    hist.remove(name);
                }
            }));
            return this;
        }

        public boolean isZero() {
            return Arrays.stream(counts).allMatch(c -> c == 0) && wonAmount.signum() == 0 && hist.isEmpty();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Delta d && Arrays.equals(counts, d.counts) && wonAmount.compareTo(d.wonAmount) == 0
                    && hist.equals(d.hist);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(counts);
        }

        @Override
        public String toString() {
            return Arrays.toString(counts) + " " + wonAmount.toPlainString() + " " + hist;
        }
    }

    /** A stage move of the lead (its history), for the time spent in each stage. */
    public record Move(String toStage, Instant at) {
    }

    /** An SLA breach of the lead, with the owner and source the breach event named (either may be null). */
    public record Breach(String ownerId, String source) {
    }

    private Aggregates() {
    }

    /**
     * The lead's contribution to every slice: nothing while its registration is unknown (the tables count only
     * registered leads, as the fact queries do).
     */
    public static Map<Cell, Delta> contribution(LeadFacts f, List<Move> moves, List<Breach> breaches) {
        Map<Cell, Delta> out = new LinkedHashMap<>();
        if (f == null || f.registeredOn == null) {
            return out;
        }
        LocalDate month = f.registeredOn.withDayOfMonth(1);
        for (Slice slice : Slice.values()) {
            Delta d = new Delta();
            d.count(Count.LEADS, true);
            d.count(Count.QUALIFIED, "QUALIFIED".equals(f.screening));
            d.count(Count.REJECTED, "REJECTED".equals(f.screening));
            d.count(Count.OPEN, f.outcome == null && !"REJECTED".equals(f.screening));
            d.count(Count.WON, f.isWon());
            d.count(Count.LOST, f.isLost());
            d.count(Count.NO_OUTCOME, f.outcome == null);
            d.count(Count.ASSIGNED, f.assignedAt != null || f.slaBreaches > 0);
            d.count(Count.RESPONDED, f.firstResponseAt != null);
            d.count(Count.BREACHED, f.slaBreaches > 0);
            if (f.isWon() && f.amount != null) {
                d.wonAmount = f.amount;
            }
            Set<Hist> hists = slice.hists();
            if (f.isWon() && f.cycleDays != null) {
                d.hist(Hist.CYCLE, f.cycleDays, 1);
            }
            d.hist(Hist.RANK, Math.max(f.maxStageRank, 1), 1);
            if (f.isWon() && f.wonOn != null) {
                d.hist(Hist.WON_AGE, (f.wonOn.getYear() - month.getYear()) * 12 + f.wonOn.getMonthValue()
                        - month.getMonthValue(), 1);
            }
            for (Breach b : breaches) {
                d.hist(Hist.BREACH_OWNER, b.ownerId() != null ? b.ownerId() : f.ownerId, 1);
                d.hist(Hist.BREACH_SOURCE, b.source() != null ? b.source() : f.source, 1);
            }
            if (hists.contains(Hist.RESPONSE) && f.firstResponseAt != null && f.registeredAt != null
                    && !f.firstResponseAt.isBefore(f.registeredAt)) {
                long minutes = Duration.between(f.registeredAt, f.firstResponseAt).toSeconds() / 60;
                int bucket = ValueBuckets.bucket(minutes);
                d.hist(RESPONSE_BUCKETS, bucket, 1);
                d.hist(RESPONSE_SUM, RESPONSE_SUM_KEY, minutes);
                d.hist(RESPONSE_MINUTES + bucket, minutes, 1);
            }
            if (hists.contains(Hist.WIN_FACTORS) && f.isWon()) {
                f.winFactors.forEach(w -> d.hist(Hist.WIN_FACTORS, w, 1));
            }
            if (hists.contains(Hist.LOSS_REASONS) && f.isLost() && f.lossReason != null) {
                d.hist(Hist.LOSS_REASONS, f.lossReason, 1);
            }
            if (hists.contains(Hist.REJECTION_REASONS) && "REJECTED".equals(f.screening)) {
                f.rejectionReasons.forEach(r -> d.hist(Hist.REJECTION_REASONS, r, 1));
            }
            if (hists.contains(Hist.STAGE_HOURS) && moves.size() > 1) {
                List<Move> sorted = new ArrayList<>(moves);
                sorted.sort(Comparator.comparing(Move::at));
                for (int i = 0; i + 1 < sorted.size(); i++) {
                    long hours = Math.floorDiv(Duration.between(sorted.get(i).at(), sorted.get(i + 1).at())
                            .toSeconds(), 3600);
                    d.hist(Hist.STAGE_HOURS, sorted.get(i).toStage() + "|" + hours, 1);
                }
            }
            out.put(cell(slice, month, f), d);
        }
        return out;
    }

    /** contribution(after) - contribution(before), without the cells it leaves unchanged. */
    public static Map<Cell, Delta> difference(Map<Cell, Delta> before, Map<Cell, Delta> after) {
        Map<Cell, Delta> out = new HashMap<>();
        after.forEach((cell, d) -> out.computeIfAbsent(cell, c -> new Delta()).add(d, 1));
        before.forEach((cell, d) -> out.computeIfAbsent(cell, c -> new Delta()).add(d, -1));
        out.values().removeIf(Delta::isZero);
        return out;
    }

    /** Adds {@code more} into {@code into} (a backfill sums every lead's contribution). */
    public static void accumulate(Map<Cell, Delta> into, Map<Cell, Delta> more) {
        more.forEach((cell, d) -> into.computeIfAbsent(cell, c -> new Delta()).add(d, 1));
    }

    static Cell cell(Slice slice, LocalDate month, LeadFacts f) {
        Set<Dimension> dims = slice.dims();
        return new Cell(slice, month, key(dims, Dimension.SOURCE, f.source), key(dims, Dimension.GRADE, f.grade),
                key(dims, Dimension.OWNER, f.ownerId), key(dims, Dimension.REGION, f.region),
                key(dims, Dimension.INDUSTRY, f.industry));
    }

    private static String key(Set<Dimension> dims, Dimension d, String value) {
        return dims.contains(d) ? Objects.requireNonNullElse(value, "") : "";
    }
}
