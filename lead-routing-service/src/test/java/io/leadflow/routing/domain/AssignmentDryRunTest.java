package io.leadflow.routing.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class AssignmentDryRunTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Instant START = LocalDate.of(2026, 7, 6).atStartOfDay(SHANGHAI).toInstant();
    private static final Instant END = START.plusSeconds(86_400L * 14);
    private final AssignmentPolicy rules = AssignmentPolicy.defaults();

    private static Instant hour(int h) {
        return START.plusSeconds(3_600L * h);
    }

    private static Candidate rep(String id, Seniority seniority, int capacity) {
        return new Candidate(id, id, seniority, List.of(), List.of(), capacity, 0, true, "AVAILABLE", 0);
    }

    private static AssignmentDryRun.Arrival lead(String id, int hour, String grade, Integer closedHour) {
        return new AssignmentDryRun.Arrival(id, hour(hour), grade, "SOFTWARE", "上海", "TRADE_SHOW",
                closedHour == null ? null : hour(closedHour));
    }

    private static AssignmentDryRun.RepLoad load(AssignmentDryRun.Result r, String repId) {
        return r.reps().stream().filter(x -> x.repId().equals(repId)).findFirst().orElseThrow();
    }

    @Test
    void aSeniorAtCapacityOverflowsAHighLeadIntoTheQueueUntilTheirLeadIsWon() {
        List<Candidate> roster = List.of(rep("rep-li", Seniority.SENIOR, 1), rep("rep-zhao", Seniority.JUNIOR, 10));
        List<AssignmentDryRun.Arrival> leads = List.of(lead("L1", 1, "HIGH", 3), lead("L2", 2, "HIGH", null),
                lead("L3", 4, "MEDIUM", null));
        AssignmentDryRun.Result r = AssignmentDryRun.replay(rules, roster, List.of(), leads, START, END, SHANGHAI, "HIGH");
        assertThat(r.overflow().leads()).isEqualTo(1);
        assertThat(r.overflow().byGrade()).isEqualTo(Map.of("HIGH", 1L));
        assertThat(r.overflow().neverAssigned()).isZero();
        assertThat(load(r, "rep-li").assigned()).isEqualTo(2);
        assertThat(load(r, "rep-li").peakOpen()).isEqualTo(1);
        assertThat(load(r, "rep-zhao").assignedByGrade()).isEqualTo(Map.of("MEDIUM", 1L));
        assertThat(r.topToSenior().toSenior()).isEqualTo(2);
        assertThat(r.topToSenior().share().percent()).isEqualTo("100.0%");
    }

    @Test
    void theLoadStartsFromWhatRepsReallyHeldAndFallsWhenThoseLeadsReallyEnded() {
        List<Candidate> roster = List.of(rep("rep-li", Seniority.SENIOR, 1), rep("rep-zhao", Seniority.JUNIOR, 10));
        List<AssignmentDryRun.Held> held = List.of(new AssignmentDryRun.Held("rep-li", hour(2)),
                new AssignmentDryRun.Held("rep-gone", null));
        List<AssignmentDryRun.Arrival> leads = List.of(lead("L1", 1, "HIGH", null), lead("L2", 3, "MEDIUM", null));
        AssignmentDryRun.Result r = AssignmentDryRun.replay(rules, roster, held, leads, START, END, SHANGHAI, "HIGH");
        assertThat(load(r, "rep-li").startOpen()).isEqualTo(1);
        assertThat(r.overflow().leads()).as("rep-li still held last period's lead when L1 arrived").isEqualTo(1);
        assertThat(load(r, "rep-li").assigned()).as("taken from the queue once that lead ended").isEqualTo(1);
        assertThat(load(r, "rep-li").endOpen()).isEqualTo(1);
        assertThat(r.reps()).extracting(AssignmentDryRun.RepLoad::repId).doesNotContain("rep-gone");
    }

    @Test
    void aLeadWonWhileWaitingLeavesTheQueueNeverAssigned() {
        List<Candidate> roster = List.of(rep("rep-li", Seniority.SENIOR, 0));
        List<AssignmentDryRun.Arrival> leads = List.of(lead("L1", 1, "HIGH", 2), lead("L2", 3, "HIGH", null));
        AssignmentDryRun.Result r = AssignmentDryRun.replay(rules, roster, List.of(), leads, START, END, SHANGHAI, "HIGH");
        assertThat(r.overflow().leads()).isEqualTo(2);
        assertThat(r.overflow().neverAssigned()).isEqualTo(2);
        assertThat(r.topToSenior().share().percent()).isEqualTo("0.0%");
    }

    @Test
    void roundRobinSharesMediumLeadsEvenlyAmongJuniorsSoTheirPoolIsGiniZero() {
        List<Candidate> roster = List.of(rep("rep-a", Seniority.JUNIOR, 100), rep("rep-b", Seniority.JUNIOR, 100),
                rep("rep-c", Seniority.JUNIOR, 100));
        List<AssignmentDryRun.Arrival> leads = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            leads.add(lead("M" + i, i + 1, "MEDIUM", null));
        }
        AssignmentDryRun.Result r = AssignmentDryRun.replay(rules, roster, List.of(), leads, START, END, SHANGHAI, "HIGH");
        Fairness juniors = r.fairness().get(0);
        assertThat(juniors.pool()).isEqualTo("JUNIOR");
        assertThat(juniors.leads()).isEqualTo(9);
        assertThat(juniors.gini()).isEqualByComparingTo("0.000");
    }

    @Test
    void whatReallyHappenedReadsLoadsFromTheOwnerHistoryAndCountsLeadsNeverAssigned() {
        List<AssignmentDryRun.PastAssignment> history = List.of(
                new AssignmentDryRun.PastAssignment("OLD", "rep-li", "李销售", "SENIOR", "HIGH", START.minusSeconds(86_400),
                        hour(5)),
                new AssignmentDryRun.PastAssignment("L1", "rep-li", "李销售", "SENIOR", "HIGH", hour(1), null),
                new AssignmentDryRun.PastAssignment("L2", "rep-zhao", "赵销售", "JUNIOR", "HIGH", hour(2), hour(30)),
                new AssignmentDryRun.PastAssignment("L2", "rep-li", "李销售", "SENIOR", "HIGH", hour(30), null));
        List<AssignmentDryRun.Arrival> leads = List.of(lead("L1", 1, "HIGH", null), lead("L2", 2, "HIGH", null),
                lead("L3", 3, "LOW", null));
        AssignmentDryRun.Result r = AssignmentDryRun.actual(history, leads, START, END, SHANGHAI, "HIGH");
        assertThat(load(r, "rep-li").startOpen()).isEqualTo(1);
        assertThat(load(r, "rep-li").peakOpen()).isEqualTo(2);
        assertThat(load(r, "rep-li").endOpen()).isEqualTo(2);
        assertThat(load(r, "rep-li").assigned()).as("first owners only").isEqualTo(1);
        assertThat(r.topToSenior().leads()).isEqualTo(2);
        assertThat(r.topToSenior().toSenior()).as("L2 went to a junior first").isEqualTo(1);
        assertThat(r.overflow().leads()).isEqualTo(1);
        assertThat(r.overflow().byGrade()).isEqualTo(Map.of("LOW", 1L));
    }

    @Test
    void theQueueIsRetriedOldestFirstWhenALoadFallsAndOnceMoreBeforeThePeriodEnds() {
        List<Candidate> roster = List.of(rep("rep-li", Seniority.SENIOR, 1), rep("rep-zhao", Seniority.JUNIOR, 1));
        List<AssignmentDryRun.Arrival> leads = List.of(lead("L1", 1, "HIGH", 5), lead("L2", 2, "MEDIUM", 6),
                lead("L3", 3, "HIGH", 8), lead("L4", 4, "MEDIUM", null), lead("L5", 7, "LOW", null),
                lead("L6", 7, "HIGH", null));
        AssignmentDryRun.Result r = AssignmentDryRun.replay(rules, roster, List.of(), leads, START, END, SHANGHAI, "HIGH");
        // L3 and L4 waited until L1 and L2 were won; L6 waited until L3 was, after the last arrival; LOW has no pool
        assertThat(r.overflow().leads()).isEqualTo(4);
        assertThat(r.overflow().neverAssigned()).isEqualTo(1);
        assertThat(load(r, "rep-li").assigned()).isEqualTo(3);
        assertThat(load(r, "rep-zhao").assigned()).isEqualTo(2);
        assertThat(r.topToSenior().toSenior()).isEqualTo(3);
    }
}
