package io.leadflow.routing.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.leadflow.events.contract.LeadProfile;

/**
 * Grades a past period's leads under the policy in force and under a draft, with the same {@link Grader} live
 * grading uses, and counts what became of them: conversion per grade under each policy, how many leads a draft
 * moves up or down and how those converted, and how well each policy separates winners from the rest. Leads are
 * added one at a time and only counts are kept, so a quarter of leads streams through in constant memory.
 */
public final class GradingBacktest {

    /** What became of a lead so far. */
    public enum Outcome { WON, LOST, OPEN }

    /**
     * Imported leads whose 意向等级 came with them (origin GIVEN). KEEP grades them as live grading would: the given
     * grade stays when the policy has that level, so a draft cannot move them and they show the team's own judgement;
     * SCORE ignores the given grade and lets the rules grade every lead, to judge the rules alone.
     */
    public enum GivenGrades { KEEP, SCORE }

    /** Leads and what became of them. */
    public record Counts(long leads, long won, long lost, long open) {
        static final Counts NONE = new Counts(0, 0, 0, 0);

        public Rate winRate() {
            return new Rate(won, leads);
        }

        Counts plus(Outcome o) {
            return new Counts(leads + 1, won + (o == Outcome.WON ? 1 : 0), lost + (o == Outcome.LOST ? 1 : 0),
                    open + (o == Outcome.OPEN ? 1 : 0));
        }
    }

    public record GradeCounts(String grade, Counts counts) {
    }

    /** @param givenKept leads whose given grade this policy kept (never moved by the rules) */
    public record PolicyResult(int version, List<GradeCounts> grades, Separation separation, long givenKept) {
    }

    public record Move(String from, String to, Counts counts) {
    }

    /**
     * @param up   leads the draft grades higher than the current policy (by position on each scale: a 4-level draft's
     *             second level is higher than a 3-level policy's middle one), with what became of them
     */
    public record Result(Counts all, long givenGrades, PolicyResult current, PolicyResult draft, Counts up,
                         Counts down, Counts unchanged, List<Move> moves) {
    }

    private final GradingPolicy current;
    private final GradingPolicy draft;
    private final GivenGrades givenGrades;
    private final Map<String, Counts> byCurrent = new LinkedHashMap<>();
    private final Map<String, Counts> byDraft = new LinkedHashMap<>();
    private final Map<String, Counts> moves = new LinkedHashMap<>();
    private Counts all = Counts.NONE;
    private Counts up = Counts.NONE;
    private Counts down = Counts.NONE;
    private Counts unchanged = Counts.NONE;
    private long given;
    private long givenKeptCurrent;
    private long givenKeptDraft;

    public GradingBacktest(GradingPolicy current, GradingPolicy draft, GivenGrades givenGrades) {
        this.current = current;
        this.draft = draft;
        this.givenGrades = givenGrades;
        current.levels().forEach(l -> byCurrent.put(l.code(), Counts.NONE));
        draft.levels().forEach(l -> byDraft.put(l.code(), Counts.NONE));
    }

    public void add(LeadProfile lead, Outcome outcome) {
        Grade before = grade(current, lead);
        Grade after = grade(draft, lead);
        all = all.plus(outcome);
        if (lead.givenGrade() != null && !lead.givenGrade().isBlank()) {
            given++;
        }
        givenKeptCurrent += before.given() ? 1 : 0;
        givenKeptDraft += after.given() ? 1 : 0;
        byCurrent.merge(before.code(), Counts.NONE.plus(outcome), (a, b) -> a.plus(outcome));
        byDraft.merge(after.code(), Counts.NONE.plus(outcome), (a, b) -> a.plus(outcome));
        moves.merge(before.code() + "\u0000" + after.code(), Counts.NONE.plus(outcome), (a, b) -> a.plus(outcome));
        int direction = Double.compare(position(current, before.code()), position(draft, after.code()));
        if (direction > 0) {
            up = up.plus(outcome);
        } else if (direction < 0) {
            down = down.plus(outcome);
        } else {
            unchanged = unchanged.plus(outcome);
        }
    }

    private Grade grade(GradingPolicy policy, LeadProfile lead) {
        return givenGrades == GivenGrades.KEEP ? Grader.gradeNew(policy, lead) : Grader.score(policy, lead);
    }

    /** 0 for the top level, 1 for the bottom one, so scales of different lengths compare. */
    static double position(GradingPolicy policy, String code) {
        List<String> codes = policy.codes();
        return codes.size() < 2 ? 0 : (double) codes.indexOf(code) / (codes.size() - 1);
    }

    public Result result() {
        List<Move> moved = new ArrayList<>();
        moves.forEach((key, counts) -> {
            String[] fromTo = key.split("\u0000", 2);
            moved.add(new Move(fromTo[0], fromTo[1], counts));
        });
        moved.sort((a, b) -> Long.compare(b.counts().leads(), a.counts().leads()));
        return new Result(all, given, policyResult(current, byCurrent, givenKeptCurrent),
                policyResult(draft, byDraft, givenKeptDraft), up, down, unchanged, List.copyOf(moved));
    }

    private static PolicyResult policyResult(GradingPolicy policy, Map<String, Counts> counts, long givenKept) {
        List<String> codes = policy.codes();
        long[] won = new long[codes.size()];
        long[] notWon = new long[codes.size()];
        List<GradeCounts> rows = new ArrayList<>();
        for (int i = 0; i < codes.size(); i++) {
            Counts c = counts.getOrDefault(codes.get(i), Counts.NONE);
            won[i] = c.won();
            notWon[i] = c.leads() - c.won();
            rows.add(new GradeCounts(codes.get(i), c));
        }
        return new PolicyResult(policy.version(), List.copyOf(rows), Separation.of(codes, won, notWon), givenKept);
    }
}
