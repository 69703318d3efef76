package io.leadflow.routing.domain;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * Replays a past period's leads, in order of arrival, through the same {@link Router} live routing uses, with a
 * simulated load per rep: it starts from the leads each rep really held when the period began (each released when
 * it really ended), and every lead the replay assigns stays open until its real outcome date (won/lost) or the end
 * of the period. A lead no rep has room for waits in a simulated unassigned queue, retried oldest first whenever a
 * rep's load falls, as the live queue is. Every rep is taken as available throughout (routing keeps no history of
 * who was away). {@link #actual} reads the same figures from what really happened, for comparison.
 */
public final class AssignmentDryRun {

    /** A lead of the period: when it arrived, what the rules match on, and when it was really won or lost. */
    public record Arrival(String leadId, Instant at, String grade, String industry, String region, String source,
                          Instant closedAt) {
    }

    /** A lead a rep really held when the period began, and when they really stopped holding it (null: still). */
    public record Held(String repId, Instant until) {
    }

    /** One real owner of a lead for a while, from routing's assignment history. */
    public record PastAssignment(String leadId, String repId, String repName, String seniority, String grade,
                                 Instant assignedAt, Instant endedAt) {
    }

    public record RepLoad(String repId, String name, String seniority, Integer capacity, int startOpen, int endOpen,
                          long assigned, Map<String, Long> assignedByGrade, List<LoadTimeline.Week> weeks) {
        public int peakOpen() {
            return weeks.stream().mapToInt(LoadTimeline.Week::peakOpen).max().orElse(startOpen);
        }
    }

    /** The top grade's leads of the period and how many a senior rep received first. */
    public record TopToSenior(String grade, long leads, long toSenior, Rate share) {
    }

    /**
     * @param leads          leads that found no rep with room when they arrived (the replay) or were never assigned
     *                       within the period (what happened: routing keeps no history of queue waits)
     * @param neverAssigned  of those, leads no rep took before the period ended (or before they were won/lost)
     */
    public record Overflow(long leads, Map<String, Long> byGrade, long neverAssigned) {
    }

    public record Result(long leads, List<RepLoad> reps, TopToSenior topToSenior, Overflow overflow,
                         List<Fairness> fairness) {
    }

    private AssignmentDryRun() {
    }

    private record Release(Instant at, String repId) {
    }

    public static Result replay(AssignmentPolicy policy, List<Candidate> roster, List<Held> heldAtStart,
                                List<Arrival> arrivals, Instant start, Instant end, ZoneId zone, String topGrade) {
        LoadTimeline timeline = new LoadTimeline(start, end, zone);
        Map<String, Candidate> reps = new LinkedHashMap<>();
        roster.forEach(c -> reps.put(c.repId(), c));
        PriorityQueue<Release> releases = new PriorityQueue<>(Comparator.comparing(Release::at));
        Map<String, Integer> held = new HashMap<>();
        for (Held h : heldAtStart) {
            if (reps.containsKey(h.repId())) {
                held.merge(h.repId(), 1, Integer::sum);
                if (h.until() != null && h.until().isBefore(end)) {
                    releases.add(new Release(h.until(), h.repId()));
                }
            }
        }
        reps.keySet().forEach(id -> timeline.begin(id, held.getOrDefault(id, 0)));
        long turn = roster.stream().mapToLong(Candidate::lastTurn).max().orElse(0);
        Map<String, Long> turns = new HashMap<>();
        roster.forEach(c -> turns.put(c.repId(), c.lastTurn()));
        Map<String, Map<String, Long>> byGrade = new LinkedHashMap<>();
        Waiting waiting = new Waiting();
        Map<String, Long> overflowByGrade = new TreeMap<>();
        long overflow = 0;
        long top = 0;
        long[] topToSenior = {0};
        List<Arrival> ordered = arrivals.stream()
                .sorted(Comparator.comparing(Arrival::at).thenComparing(Arrival::leadId)).toList();
        // One step per arrival, and a last one at the end of the period for the room freed after the last arrival.
        for (int i = 0; i <= ordered.size(); i++) {
            Arrival lead = i < ordered.size() ? ordered.get(i) : null;
            Instant now = lead == null ? end : lead.at();
            boolean freed = false;
            while (!releases.isEmpty() && !releases.peek().at().isAfter(now)) {
                Release r = releases.poll();
                timeline.change(r.repId(), r.at(), -1);
                freed = true;
            }
            if (freed) {
                // The live queue is retried oldest first when a rep's load falls; leads won or lost meanwhile leave it.
                Arrival next;
                while ((next = waiting.oldest(now)) != null) {
                    Candidate owner = route(policy, next, reps, timeline, turns);
                    if (owner == null) {
                        waiting.failed();
                        continue;
                    }
                    waiting.taken();
                    turns.put(owner.repId(), ++turn);
                    take(owner, next, now, timeline, releases, end, byGrade, topGrade, topToSenior);
                }
            }
            if (lead == null) {
                break;
            }
            if (topGrade.equals(lead.grade())) {
                top++;
            }
            Candidate owner = route(policy, lead, reps, timeline, turns);
            if (owner == null) {
                overflow++;
                overflowByGrade.merge(String.valueOf(lead.grade()), 1L, Long::sum);
                waiting.add(lead);
                continue;
            }
            turns.put(owner.repId(), ++turn);
            take(owner, lead, lead.at(), timeline, releases, end, byGrade, topGrade, topToSenior);
        }
        long neverAssigned = waiting.left();
        List<RepLoad> loads = new ArrayList<>();
        Map<String, List<Long>> pools = new LinkedHashMap<>();
        for (Candidate c : reps.values()) {
            Map<String, Long> grades = byGrade.getOrDefault(c.repId(), Map.of());
            long assigned = grades.values().stream().mapToLong(Long::longValue).sum();
            List<LoadTimeline.Week> weeks = timeline.weeks(c.repId());
            loads.add(new RepLoad(c.repId(), c.name(), c.seniority().name(), c.capacity(), timeline.startOpen(c.repId()),
                    timeline.open(c.repId()), assigned, grades, weeks));
            pools.computeIfAbsent(c.seniority().name(), k -> new ArrayList<>()).add(assigned);
        }
        return new Result(arrivals.size(), loads, new TopToSenior(topGrade, top, topToSenior[0],
                new Rate(topToSenior[0], top)), new Overflow(overflow, overflowByGrade, neverAssigned), fairness(pools));
    }

    /**
     * The simulated unassigned queue, kept per what the rules match on (grade, industry, region, source): the router
     * decides from those and the reps' loads only, so when the oldest lead of one kind finds no rep, none of its kind
     * will until a load falls again. A retry therefore tries each kind's oldest lead, oldest first, instead of every
     * waiting lead: the same leads are assigned in the same order, without re-routing a long queue on every release.
     */
    private static final class Waiting {
        private final Map<LeadToRoute, Deque<Arrival>> byKind = new LinkedHashMap<>();
        private final PriorityQueue<Deque<Arrival>> heads = new PriorityQueue<>(
                Comparator.comparing((Deque<Arrival> d) -> d.peekFirst().at()).thenComparing(d -> d.peekFirst().leadId()));
        private final List<Deque<Arrival>> failedThisRound = new ArrayList<>();
        private long closedWhileWaiting;

        private static LeadToRoute kind(Arrival a) {
            return new LeadToRoute(null, a.grade(), a.industry(), a.region(), a.source());
        }

        void add(Arrival a) {
            Deque<Arrival> d = byKind.computeIfAbsent(kind(a), k -> new ArrayDeque<>());
            d.addLast(a);
            if (d.size() == 1) {
                heads.add(d);
            }
        }

        /** The oldest waiting lead whose kind has not failed in this round, or null (which ends the round). */
        Arrival oldest(Instant now) {
            while (!heads.isEmpty()) {
                Deque<Arrival> d = heads.peek();
                Arrival head = d.peekFirst();
                if (head.closedAt() == null || head.closedAt().isAfter(now)) {
                    return head;
                }
                heads.poll();
                d.pollFirst();
                closedWhileWaiting++;
                if (!d.isEmpty()) {
                    heads.add(d);
                }
            }
            heads.addAll(failedThisRound);
            failedThisRound.clear();
            return null;
        }

        /** The lead {@link #oldest} gave found no rep: its kind waits for the next round. */
        void failed() {
            failedThisRound.add(heads.poll());
        }

        /** The lead {@link #oldest} gave was assigned. */
        void taken() {
            Deque<Arrival> d = heads.poll();
            d.pollFirst();
            if (!d.isEmpty()) {
                heads.add(d);
            }
        }

        long left() {
            return closedWhileWaiting + byKind.values().stream().mapToLong(Deque::size).sum();
        }
    }

    private static Candidate route(AssignmentPolicy policy, Arrival lead, Map<String, Candidate> reps,
                                   LoadTimeline timeline, Map<String, Long> turns) {
        List<Candidate> now = new ArrayList<>(reps.size());
        for (Candidate c : reps.values()) {
            now.add(new Candidate(c.repId(), c.name(), c.seniority(), c.industries(), c.regions(), c.capacity(),
                    timeline.open(c.repId()), true, "AVAILABLE", turns.get(c.repId())));
        }
        RoutingDecision decision = Router.route(policy,
                new LeadToRoute(lead.leadId(), lead.grade(), lead.industry(), lead.region(), lead.source()), now);
        return decision instanceof RoutingDecision.Assigned a ? a.owner() : null;
    }

    private static void take(Candidate owner, Arrival lead, Instant at, LoadTimeline timeline,
                             PriorityQueue<Release> releases, Instant end, Map<String, Map<String, Long>> byGrade,
                             String topGrade, long[] topToSenior) {
        timeline.change(owner.repId(), at, +1);
        if (topGrade.equals(lead.grade()) && owner.seniority() == Seniority.SENIOR) {
            topToSenior[0]++;
        }
        byGrade.computeIfAbsent(owner.repId(), k -> new TreeMap<>()).merge(String.valueOf(lead.grade()), 1L, Long::sum);
        if (lead.closedAt() != null && lead.closedAt().isBefore(end)) {
            releases.add(new Release(lead.closedAt().isBefore(at) ? at : lead.closedAt(), owner.repId()));
        }
    }

    /**
     * What really happened: each rep's open leads from the assignment history (every ownership that overlaps the
     * period), the owner each lead of the period was first given, and the leads never assigned within the period.
     */
    public static Result actual(List<PastAssignment> overlapping, List<Arrival> arrivals, Instant start, Instant end,
                                ZoneId zone, String topGrade) {
        LoadTimeline timeline = new LoadTimeline(start, end, zone);
        Map<String, PastAssignment> reps = new LinkedHashMap<>();
        Map<String, Integer> atStart = new HashMap<>();
        record Change(Instant at, String repId, int delta) {
        }
        List<Change> changes = new ArrayList<>();
        for (PastAssignment a : overlapping) {
            reps.putIfAbsent(a.repId(), a);
            if (a.assignedAt().isBefore(start)) {
                atStart.merge(a.repId(), 1, Integer::sum);
            } else if (a.assignedAt().isBefore(end)) {
                changes.add(new Change(a.assignedAt(), a.repId(), +1));
            }
            if (a.endedAt() != null && !a.endedAt().isBefore(start) && a.endedAt().isBefore(end)) {
                changes.add(new Change(a.endedAt(), a.repId(), -1));
            }
        }
        reps.keySet().stream().sorted().forEach(id -> timeline.begin(id, atStart.getOrDefault(id, 0)));
        changes.sort(Comparator.comparing(Change::at).thenComparing(c -> -c.delta()));
        changes.forEach(c -> timeline.change(c.repId(), c.at(), c.delta()));

        Map<String, PastAssignment> first = new HashMap<>();
        for (PastAssignment a : overlapping) {
            first.merge(a.leadId(), a, (x, y) -> y.assignedAt().isBefore(x.assignedAt()) ? y : x);
        }
        Map<String, Map<String, Long>> byGrade = new LinkedHashMap<>();
        Map<String, Long> unassignedByGrade = new TreeMap<>();
        long top = 0;
        long topToSenior = 0;
        long unassigned = 0;
        for (Arrival lead : arrivals) {
            PastAssignment a = first.get(lead.leadId());
            if (topGrade.equals(lead.grade())) {
                top++;
            }
            if (a == null) {
                unassigned++;
                unassignedByGrade.merge(String.valueOf(lead.grade()), 1L, Long::sum);
                continue;
            }
            String grade = a.grade() == null ? lead.grade() : a.grade();
            byGrade.computeIfAbsent(a.repId(), k -> new TreeMap<>()).merge(String.valueOf(grade), 1L, Long::sum);
            if (topGrade.equals(lead.grade()) && Seniority.SENIOR.name().equals(a.seniority())) {
                topToSenior++;
            }
        }
        List<RepLoad> loads = new ArrayList<>();
        Map<String, List<Long>> pools = new LinkedHashMap<>();
        for (String id : reps.keySet().stream().sorted().toList()) {
            PastAssignment r = reps.get(id);
            Map<String, Long> grades = byGrade.getOrDefault(id, Map.of());
            long assigned = grades.values().stream().mapToLong(Long::longValue).sum();
            loads.add(new RepLoad(id, r.repName(), r.seniority(), null, timeline.startOpen(id), timeline.open(id),
                    assigned, grades, timeline.weeks(id)));
            pools.computeIfAbsent(r.seniority(), k -> new ArrayList<>()).add(assigned);
        }
        return new Result(arrivals.size(), loads, new TopToSenior(topGrade, top, topToSenior, new Rate(topToSenior, top)),
                new Overflow(unassigned, unassignedByGrade, unassigned), fairness(pools));
    }

    private static List<Fairness> fairness(Map<String, List<Long>> pools) {
        return pools.entrySet().stream().map(e -> Fairness.of(e.getKey(), e.getValue())).toList();
    }
}
