package io.leadflow.followup.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A draft cadence policy held against what really happened: each lead's first-response clock (its start, grade,
 * source and owner) and its real first human touch, judged under the policy in force and under the draft. The
 * first-response deadline is computed by the same {@link CadencePolicy#firstResponseDeadline} that live scheduling
 * uses, so a what-if never disagrees with what the draft would do once active.
 */
public final class CadenceWhatIf {

    /** What happened to one lead: when its clock started and when (if ever) someone first answered it. */
    public record Clock(String leadId, String grade, String source, String ownerId, Instant startedAt,
                        Instant firstResponseAt) {
        public Clock {
            Objects.requireNonNull(leadId);
            Objects.requireNonNull(startedAt);
        }
    }

    /** How a lead stands under one policy. */
    public enum Verdict {
        /** Answered by the deadline. */
        MET,
        /** Answered after it, or not answered and the deadline has passed. */
        BREACHED,
        /** Not answered, deadline still ahead. */
        OPEN,
        /** The policy sets no deadline for the lead's grade and source. */
        NO_DEADLINE
    }

    /** Counts of one group (a grade, a source, an owner, or all) under one policy. */
    public record Tally(long leads, long met, long breached, long open, long noDeadline) {
        static final Tally ZERO = new Tally(0, 0, 0, 0, 0);

        Tally plus(Verdict v) {
            return new Tally(leads + 1, met + (v == Verdict.MET ? 1 : 0), breached + (v == Verdict.BREACHED ? 1 : 0),
                    open + (v == Verdict.OPEN ? 1 : 0), noDeadline + (v == Verdict.NO_DEADLINE ? 1 : 0));
        }

        /** Met over decided (met + breached); null when nothing was decided. */
        public BigDecimal compliance() {
            long decided = met + breached;
            return decided == 0 ? null
                    : BigDecimal.valueOf(met).divide(BigDecimal.valueOf(decided), 4, RoundingMode.HALF_UP);
        }
    }

    /** One group under the policy in force and under the draft. */
    public record Row(String key, Tally current, Tally draft) {
        /** Compliance under the draft minus under the policy in force, in points; null when either is undecided. */
        public BigDecimal changePoints() {
            BigDecimal now = current.compliance();
            BigDecimal then = draft.compliance();
            return now == null || then == null ? null
                    : then.subtract(now).multiply(BigDecimal.valueOf(100)).setScale(2, RoundingMode.HALF_UP);
        }
    }

    /** An owner who would have breached the draft, how often, and how often the policy in force. */
    public record OwnerBreaches(String ownerId, long draftBreaches, long currentBreaches, long leads) {
    }

    public record Result(Row total, List<Row> byGrade, List<Row> bySource, List<Row> byOwner,
                         List<OwnerBreaches> ownersBreachingTheDraft, Duration medianResponse) {
    }

    private CadenceWhatIf() {
    }

    /** Where one lead stands under {@code policy} at {@code now}. */
    public static Verdict verdict(CadencePolicy policy, Clock c, Instant now) {
        Instant deadline = policy.firstResponseDeadline(c.grade(), c.source(), c.startedAt()).orElse(null);
        if (deadline == null) {
            return Verdict.NO_DEADLINE;
        }
        if (c.firstResponseAt() != null) {
            return c.firstResponseAt().isAfter(deadline) ? Verdict.BREACHED : Verdict.MET;
        }
        return now.isBefore(deadline) ? Verdict.OPEN : Verdict.BREACHED;
    }

    public static Result run(Iterable<Clock> clocks, CadencePolicy current, CadencePolicy draft, Instant now) {
        Map<String, Tally[]> byGrade = new TreeMap<>();
        Map<String, Tally[]> bySource = new TreeMap<>();
        Map<String, Tally[]> byOwner = new TreeMap<>();
        Tally[] total = {Tally.ZERO, Tally.ZERO};
        List<Duration> responses = new ArrayList<>();
        for (Clock c : clocks) {
            Verdict now0 = verdict(current, c, now);
            Verdict then = verdict(draft, c, now);
            add(total, now0, then);
            add(byGrade.computeIfAbsent(key(c.grade()), k -> new Tally[] {Tally.ZERO, Tally.ZERO}), now0, then);
            add(bySource.computeIfAbsent(key(c.source()), k -> new Tally[] {Tally.ZERO, Tally.ZERO}), now0, then);
            add(byOwner.computeIfAbsent(key(c.ownerId()), k -> new Tally[] {Tally.ZERO, Tally.ZERO}), now0, then);
            if (c.firstResponseAt() != null) {
                responses.add(c.firstResponseAt().isBefore(c.startedAt()) ? Duration.ZERO
                        : Duration.between(c.startedAt(), c.firstResponseAt()));
            }
        }
        List<OwnerBreaches> owners = byOwner.entrySet().stream()
                .filter(e -> e.getValue()[1].breached() > 0)
                .map(e -> new OwnerBreaches(e.getKey(), e.getValue()[1].breached(), e.getValue()[0].breached(),
                        e.getValue()[1].leads()))
                .sorted(Comparator.comparingLong(OwnerBreaches::draftBreaches).reversed()
                        .thenComparing(OwnerBreaches::ownerId))
                .toList();
        responses.sort(Comparator.naturalOrder());
        Duration median = responses.isEmpty() ? null : responses.get((responses.size() - 1) / 2);
        return new Result(new Row("ALL", total[0], total[1]), rows(byGrade), rows(bySource), rows(byOwner), owners,
                median);
    }

    private static void add(Tally[] pair, Verdict current, Verdict draft) {
        pair[0] = pair[0].plus(current);
        pair[1] = pair[1].plus(draft);
    }

    private static String key(String value) {
        return value == null || value.isBlank() ? "UNKNOWN" : value;
    }

    private static List<Row> rows(Map<String, Tally[]> groups) {
        Map<String, Row> out = new LinkedHashMap<>();
        groups.forEach((k, v) -> out.put(k, new Row(k, v[0], v[1])));
        return List.copyOf(out.values());
    }
}
