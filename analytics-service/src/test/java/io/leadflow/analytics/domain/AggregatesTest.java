package io.leadflow.analytics.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.leadflow.analytics.domain.Aggregates.Cell;
import io.leadflow.analytics.domain.Aggregates.Count;
import io.leadflow.analytics.domain.Aggregates.Delta;
import io.leadflow.analytics.domain.Aggregates.Hist;
import io.leadflow.analytics.domain.Aggregates.Slice;

class AggregatesTest {

    static LeadFacts wonLead() {
        LeadFacts f = new LeadFacts("L1");
        f.source = "TRADE_SHOW";
        f.grade = "HIGH";
        f.ownerId = "rep-1";
        f.region = "上海";
        f.industry = "SOFTWARE";
        f.registeredAt = Instant.parse("2024-03-04T02:00:00Z");
        f.registeredOn = LocalDate.of(2024, 3, 4);
        f.registeredMonth = LocalDate.of(2024, 3, 1);
        f.screening = "QUALIFIED";
        f.assignedAt = f.registeredAt.plusSeconds(60);
        f.firstResponseAt = f.registeredAt.plusSeconds(125 * 60 + 59);
        f.outcome = "WON";
        f.wonOn = LocalDate.of(2024, 5, 2);
        f.cycleDays = 59;
        f.amount = new BigDecimal("100000.00");
        f.winFactors = new ArrayList<>(List.of("现场互动强"));
        f.maxStageRank = 6;
        return f;
    }

    @Test
    void aRegisteredLeadCountsOnceInEverySliceOfItsMonth() {
        Map<Cell, Delta> c = Aggregates.contribution(wonLead(), List.of(), List.of());
        assertThat(c).hasSize(Slice.values().length);
        assertThat(c.keySet()).allSatisfy(cell -> assertThat(cell.month()).isEqualTo(LocalDate.of(2024, 3, 1)));
        Delta total = c.entrySet().stream().filter(e -> e.getKey().slice() == Slice.TOTAL).findFirst().orElseThrow()
                .getValue();
        assertThat(total.count(Count.LEADS)).isEqualTo(1);
        assertThat(total.count(Count.WON)).isEqualTo(1);
        assertThat(total.count(Count.OPEN)).isZero();
        assertThat(total.wonAmount).isEqualByComparingTo("100000");
        assertThat(total.hist.get("cycle")).containsEntry("59", 1L);
        assertThat(total.hist.get("wonAge")).containsEntry("2", 1L);
        // 125 minutes: one lead in bucket 23 (112..127 minutes), the minutes' sum, and the exact minute in that bucket
        assertThat(total.hist.get("respB")).containsExactlyEntriesOf(Map.of("23", 1L));
        assertThat(total.hist.get("respSum")).containsExactlyEntriesOf(Map.of("m", 125L));
        assertThat(total.hist.get("resp:23")).containsExactlyEntriesOf(Map.of("125", 1L));
        assertThat(total.hist.get("win")).containsEntry("现场互动强", 1L);
    }

    @Test
    void aLeadWhoseRegistrationIsUnknownCountsNowhere() {
        LeadFacts f = wonLead();
        f.registeredOn = null;
        assertThat(Aggregates.contribution(f, List.of(), List.of())).isEmpty();
    }

    @Test
    void aSliceKeepsOnlyItsOwnDimensionsAndWideDistributionsOnlyWhereSmall() {
        Map<Cell, Delta> c = Aggregates.contribution(wonLead(), List.of(), List.of());
        Cell sgo = c.keySet().stream().filter(k -> k.slice() == Slice.SOURCE_GRADE_OWNER).findFirst().orElseThrow();
        assertThat(sgo).isEqualTo(new Cell(Slice.SOURCE_GRADE_OWNER, LocalDate.of(2024, 3, 1), "TRADE_SHOW", "HIGH",
                "rep-1", "", ""));
        assertThat(c.get(sgo).hist).doesNotContainKeys("respB", "respSum", "resp:23");
        assertThat(c.get(sgo).hist.keySet()).noneMatch(k -> k.startsWith("resp"));
    }

    @Test
    void theSmallestSliceCoveringGroupAndFiltersIsChosen() {
        assertThat(Slice.best(Set.of(), Set.of())).isEqualTo(Slice.TOTAL);
        assertThat(Slice.best(Set.of(Dimension.MONTH), Set.of(Hist.CYCLE))).isEqualTo(Slice.TOTAL);
        assertThat(Slice.best(Set.of(Dimension.SOURCE, Dimension.GRADE), Set.of())).isEqualTo(Slice.SOURCE_GRADE);
        assertThat(Slice.best(Set.of(Dimension.OWNER, Dimension.GRADE), Set.of(Hist.CYCLE)))
                .isEqualTo(Slice.SOURCE_GRADE_OWNER);
        assertThat(Slice.best(Set.of(Dimension.REGION, Dimension.GRADE), Set.of())).isEqualTo(
                Slice.SOURCE_GRADE_REGION_INDUSTRY);
        assertThat(Slice.best(Set.of(Dimension.OWNER), Set.of(Hist.RESPONSE))).isEqualTo(Slice.OWNER);
        // first-response minutes by grade for one source: no slice keeps it, the facts answer
        assertThat(Slice.best(Set.of(Dimension.SOURCE, Dimension.GRADE), Set.of(Hist.RESPONSE))).isNull();
        assertThat(Slice.best(Set.of(Dimension.OWNER, Dimension.REGION), Set.of())).isNull();
    }

    @Test
    void aRegradeMovesTheLeadBetweenCellsAndTheDifferenceTelescopes() {
        LeadFacts f = wonLead();
        Map<Cell, Delta> before = Aggregates.contribution(f, List.of(), List.of());
        f.grade = "MEDIUM";
        f.ownerId = "rep-2";
        Map<Cell, Delta> after = Aggregates.contribution(f, List.of(), List.of());
        Map<Cell, Delta> diff = Aggregates.difference(before, after);
        // total, source, region, industry cells are unchanged and so left out
        assertThat(diff.keySet()).noneMatch(k -> k.slice() == Slice.TOTAL || k.slice() == Slice.SOURCE);
        Cell oldGrade = new Cell(Slice.GRADE, LocalDate.of(2024, 3, 1), "", "HIGH", "", "", "");
        assertThat(diff.get(oldGrade).count(Count.LEADS)).isEqualTo(-1);
        Map<Cell, Delta> sum = new HashMap<>();
        Aggregates.accumulate(sum, before);
        Aggregates.accumulate(sum, diff);
        sum.values().removeIf(Delta::isZero);
        assertThat(sum).isEqualTo(after);
    }

    @Test
    void stageHoursComeFromConsecutiveMovesInTimeOrder() {
        LeadFacts f = wonLead();
        Instant t = f.registeredAt;
        List<Aggregates.Move> moves = List.of(new Aggregates.Move("PROPOSAL", t.plusSeconds(10 * 3600)),
                new Aggregates.Move("CONTACTED", t), new Aggregates.Move("WON", t.plusSeconds(30 * 3600 + 59)));
        Delta total = Aggregates.contribution(f, moves, List.of()).values().iterator().next();
        assertThat(total.hist.get("stageH")).containsEntry("CONTACTED|10", 1L).containsEntry("PROPOSAL|20", 1L)
                .hasSize(2);
    }

    @Test
    void breachesCountByTheOwnerTheBreachNamedElseTheLeadsOwner() {
        LeadFacts f = wonLead();
        f.slaBreaches = 2;
        Delta total = Aggregates.contribution(f, List.of(), List.of(new Aggregates.Breach("rep-9", null),
                new Aggregates.Breach(null, "OTHER"))).values().iterator().next();
        assertThat(total.count(Count.BREACHED)).isEqualTo(1);
        assertThat(total.hist.get("bOwner")).containsEntry("rep-9", 1L).containsEntry("rep-1", 1L);
        assertThat(total.hist.get("bSource")).containsEntry("TRADE_SHOW", 1L).containsEntry("OTHER", 1L);
    }

    @Test
    void aPeriodSplitsIntoWholeMonthsForTheCubeAndEdgeDaysForTheFacts() {
        MonthSplit year = MonthSplit.of(new io.leadflow.analytics.domain.Period(LocalDate.of(2025, 11, 1),
                LocalDate.of(2026, 10, 31)));
        assertThat(year.months()).isTrue();
        assertThat(year.firstMonth()).isEqualTo(LocalDate.of(2025, 11, 1));
        assertThat(year.lastMonth()).isEqualTo(LocalDate.of(2026, 10, 1));
        assertThat(year.edges()).isEmpty();

        MonthSplit ragged = MonthSplit.of(new io.leadflow.analytics.domain.Period(LocalDate.of(2026, 1, 15),
                LocalDate.of(2026, 3, 10)));
        assertThat(ragged.firstMonth()).isEqualTo(LocalDate.of(2026, 2, 1));
        assertThat(ragged.lastMonth()).isEqualTo(LocalDate.of(2026, 2, 1));
        assertThat(ragged.edges()).containsExactly(
                new io.leadflow.analytics.domain.Period(LocalDate.of(2026, 1, 15), LocalDate.of(2026, 1, 31)),
                new io.leadflow.analytics.domain.Period(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 10)));

        MonthSplit inside = MonthSplit.of(new io.leadflow.analytics.domain.Period(LocalDate.of(2026, 1, 5),
                LocalDate.of(2026, 1, 20)));
        assertThat(inside.months()).isFalse();
        assertThat(inside.edges()).containsExactly(new io.leadflow.analytics.domain.Period(LocalDate.of(2026, 1, 5),
                LocalDate.of(2026, 1, 20)));

        MonthSplit open = MonthSplit.of(io.leadflow.analytics.domain.Period.all());
        assertThat(open.months()).isTrue();
        assertThat(open.firstMonth()).isNull();
        assertThat(open.edges()).isEmpty();
    }
}
