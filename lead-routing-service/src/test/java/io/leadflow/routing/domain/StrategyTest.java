package io.leadflow.routing.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class StrategyTest {

    private static Candidate rep(String id, int open, int capacity, long lastTurn) {
        return new Candidate(id, id, Seniority.JUNIOR, List.of(), List.of(), capacity, open, true, "available", lastTurn);
    }

    /** Runs the router over {@code leads} leads, replacing the picked rep with one more lead and a new turn. */
    private static Map<String, Integer> assign(AssignmentPolicy policy, List<Candidate> roster, int leads, long[] turn) {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < leads; i++) {
            var decision = (RoutingDecision.Assigned) Router.route(policy,
                    new LeadToRoute("LX" + i, "MEDIUM", "SOFTWARE", "上海", "WEBSITE_FORM"), roster);
            Candidate owner = decision.owner();
            counts.merge(owner.repId(), 1, Integer::sum);
            roster.set(roster.indexOf(owner), owner.withOneMore(++turn[0]));
        }
        return counts;
    }

    private static IntSummaryStatistics spread(Map<String, Integer> counts) {
        return counts.values().stream().mapToInt(Integer::intValue).summaryStatistics();
    }

    @Test
    void roundRobinOverOneThousandLeadsWithARepJoiningMidwayStaysWithinOneLead() {
        AssignmentPolicy policy = AssignmentPolicy.defaults();
        List<Candidate> roster = new ArrayList<>(List.of(rep("rep-a", 0, 10_000, 0), rep("rep-b", 0, 10_000, 0),
                rep("rep-c", 0, 10_000, 0)));
        long[] turn = {0};
        Map<String, Integer> firstHalf = assign(policy, roster, 500, turn);
        assertThat(firstHalf).containsOnlyKeys("rep-a", "rep-b", "rep-c");
        assertThat(spread(firstHalf).getMax() - spread(firstHalf).getMin()).isLessThanOrEqualTo(1);

        // The new rep joins the rotation at its end, as the roster does when a rep is added.
        roster.add(rep("rep-d", 0, 10_000, ++turn[0]));
        Map<String, Integer> secondHalf = assign(policy, roster, 500, turn);
        assertThat(secondHalf).containsOnlyKeys("rep-a", "rep-b", "rep-c", "rep-d");
        assertThat(spread(secondHalf).getMax() - spread(secondHalf).getMin())
                .as("spread after rep-d joined: %s", secondHalf).isLessThanOrEqualTo(1);
        assertThat(secondHalf.get("rep-d")).isBetween(124, 125);
    }

    @Test
    void removingARepDoesNotResetTheRotationOfTheOthers() {
        AssignmentPolicy policy = AssignmentPolicy.defaults();
        List<Candidate> roster = new ArrayList<>(List.of(rep("rep-a", 0, 10_000, 0), rep("rep-b", 0, 10_000, 0),
                rep("rep-c", 0, 10_000, 0)));
        long[] turn = {0};
        assign(policy, roster, 301, turn);
        roster.removeIf(c -> c.repId().equals("rep-c"));
        Map<String, Integer> after = assign(policy, roster, 300, turn);
        assertThat(after.get("rep-a") - after.get("rep-b")).isBetween(-1, 1);
        Map<String, Integer> totals = new HashMap<>();
        roster.forEach(c -> totals.put(c.repId(), c.openLeads()));
        assertThat(Math.abs(totals.get("rep-a") - totals.get("rep-b"))).isLessThanOrEqualTo(1);
    }

    @Test
    void roundRobinServesTheRepWhoWaitedLongest() {
        assertThat(Strategy.ROUND_ROBIN.pick(List.of(rep("rep-a", 9, 10, 7), rep("rep-b", 0, 10, 9))))
                .map(Candidate::repId).contains("rep-a");
    }

    @Test
    void leastLoadedPicksTheLowestShareOfCapacity() {
        // 4 of 20 (20%) is less loaded than 3 of 10 (30%).
        assertThat(Strategy.LEAST_LOADED.pick(List.of(rep("rep-a", 3, 10, 0), rep("rep-b", 4, 20, 5))))
                .map(Candidate::repId).contains("rep-b");
        assertThat(Strategy.LEAST_LOADED.pick(List.of(rep("rep-a", 2, 10, 8), rep("rep-b", 2, 10, 3))))
                .map(Candidate::repId).contains("rep-b");
    }

    @Test
    void aRepAtCapacityIsNeverEligible() {
        Candidate full = rep("rep-a", 10, 10, 0);
        Candidate noCapacity = rep("rep-b", 0, 0, 0);
        assertThat(full.eligible()).isFalse();
        assertThat(noCapacity.eligible()).isFalse();
        assertThat(rep("rep-c", 9, 10, 0).eligible()).isTrue();
    }
}
