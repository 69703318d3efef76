package io.leadflow.analytics.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import io.leadflow.events.contract.EventEnvelope;
import io.leadflow.events.contract.LeadEvent;
import io.leadflow.events.contract.LeadProfile;
import io.leadflow.events.contract.Money;
import io.leadflow.events.contract.Reason;
import io.leadflow.events.contract.Utm;
import io.leadflow.events.testing.SampleEvents;
import io.leadflow.events.testing.Seeds;
import io.leadflow.events.vocabulary.Stage;

class FactsProjectionTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Instant T0 = Instant.parse("2024-03-01T02:30:00Z");
    private final FactsProjection projection = new FactsProjection(SHANGHAI);

    private static EventEnvelope at(Instant at, LeadEvent payload) {
        return EventEnvelope.of("LX20240301000123", at, "test", payload);
    }

    private static Instant plusHours(long h) {
        return T0.plusSeconds(h * 3600);
    }

    private List<EventEnvelope> lifeOfALead() {
        LeadProfile lead = SampleEvents.tradeShowLead();
        return List.of(
                at(T0, new LeadEvent.LeadCaptured(lead, "STAFF")),
                at(plusHours(0), new LeadEvent.LeadQualified(lead, 3)),
                at(plusHours(1), new LeadEvent.LeadGraded("MEDIUM", 55, List.of(), 2, false, null, null)),
                at(plusHours(1), new LeadEvent.LeadAssigned("rep-zhao", "赵销售", "JUNIOR", "MEDIUM", "TRADE_SHOW", "r1",
                        "ROUND_ROBIN", "why")),
                at(plusHours(20), new LeadEvent.FollowUpLogged("F1", "rep-zhao", plusHours(20), "PHONE", "DONE", true,
                        null, null)),
                at(plusHours(30), new LeadEvent.LeadGraded("HIGH", 85, List.of(), 2, false, "MEDIUM", "预算明确")),
                at(plusHours(31), new LeadEvent.LeadReassigned("rep-zhao", "rep-li", "李销售", "HIGH", "升级")),
                at(plusHours(40), new LeadEvent.LeadStageChanged("CONTACTED", "PROPOSAL", "rep-li", null)),
                at(plusHours(60), new LeadEvent.FirstResponseSlaBreached("HIGH", "TRADE_SHOW", "rep-li", T0,
                        plusHours(48))),
                at(plusHours(600), new LeadEvent.LeadWon(LocalDate.of(2024, 3, 26),
                        new Money(new BigDecimal("120000"), "CNY"), List.of("现场互动强", "需求明确"), "rep-li")));
    }

    @Test
    void aLeadsFactsAreJoinedFromAllThreeTopics() {
        LeadFacts f = new LeadFacts("LX20240301000123");
        lifeOfALead().forEach(e -> projection.apply(f, e));
        assertFinalFacts(f);
    }

    @RepeatedTest(20)
    void anyArrivalOrderGivesTheSameFacts() {
        Seeds.withRandom(random -> {
            List<EventEnvelope> events = new ArrayList<>(lifeOfALead());
            Collections.shuffle(events, random);
            LeadFacts f = new LeadFacts("LX20240301000123");
            events.forEach(e -> projection.apply(f, e));
            assertFinalFacts(f);
        });
    }

    private static void assertFinalFacts(LeadFacts f) {
        assertThat(f.source).isEqualTo("TRADE_SHOW");
        assertThat(f.sourceDetail).isEqualTo("2024 上海数字化展会");
        assertThat(f.utmCampaign).isEqualTo("expo-2024-sh");
        assertThat(f.industry).isEqualTo("SOFTWARE");
        assertThat(f.region).isEqualTo("上海");
        assertThat(f.registeredOn).isEqualTo(LocalDate.of(2024, 3, 1));
        assertThat(f.registeredMonth).isEqualTo(LocalDate.of(2024, 3, 1));
        assertThat(f.screening).isEqualTo("QUALIFIED");
        assertThat(f.grade).isEqualTo("HIGH");
        assertThat(f.gradeScore).isEqualTo(85);
        assertThat(f.ownerId).isEqualTo("rep-li");
        assertThat(f.assignedAt).isEqualTo(plusHours(1));
        assertThat(f.firstResponseAt).isEqualTo(plusHours(20));
        assertThat(f.stage).isEqualTo("PROPOSAL");
        assertThat(f.maxStageRank).isEqualTo(Stage.WON.rank());
        assertThat(f.outcome).isEqualTo("WON");
        assertThat(f.wonOn).isEqualTo(LocalDate.of(2024, 3, 26));
        assertThat(f.cycleDays).isEqualTo(25);
        assertThat(f.amount).isEqualByComparingTo("120000");
        assertThat(f.winFactors).containsExactly("现场互动强", "需求明确");
        assertThat(f.slaBreaches).isEqualTo(1);
        assertThat(f.reassignments).isEqualTo(1);
        assertThat(f.lastEventAt).isEqualTo(plusHours(600));
    }

    @Test
    void aWinReadBeforeItsCaptureIsKeptAndGetsItsCycleWhenTheCaptureArrives() {
        LeadFacts f = new LeadFacts("LX1");
        projection.apply(f, at(plusHours(600), new LeadEvent.LeadWon(LocalDate.of(2024, 3, 26), null, List.of(),
                "rep-li")));
        assertThat(f.isWon()).isTrue();
        assertThat(f.cycleDays).isNull();
        assertThat(f.ownerId).isEqualTo("rep-li");
        projection.apply(f, at(T0, new LeadEvent.LeadCaptured(SampleEvents.tradeShowLead(), "STAFF")));
        assertThat(f.cycleDays).isEqualTo(25);
    }

    @Test
    void theLatestGradeByOccurredAtWinsWhateverTheOrder() {
        LeadFacts f = new LeadFacts("LX1");
        List<FactsProjection.HistoryEntry> later = projection.apply(f, at(plusHours(30),
                new LeadEvent.LeadGraded("HIGH", 85, List.of(), 2, false, "MEDIUM", "预算明确")));
        projection.apply(f, at(plusHours(1), new LeadEvent.LeadGraded("MEDIUM", 55, List.of(), 2, false, null, null)));
        assertThat(f.grade).isEqualTo("HIGH");
        assertThat(later).hasSize(1);
    }

    @Test
    void anAssignmentsGradeStandsInOnlyUntilAGradeIsRead() {
        LeadFacts f = new LeadFacts("LX1");
        projection.apply(f, at(plusHours(5), new LeadEvent.LeadAssigned("rep-li", "李销售", "SENIOR", "LOW",
                "TRADE_SHOW", "r", "s", "w")));
        assertThat(f.grade).isEqualTo("LOW");
        projection.apply(f, at(plusHours(1), new LeadEvent.LeadGraded("HIGH", 85, List.of(), 2, false, null, null)));
        assertThat(f.grade).isEqualTo("HIGH");
    }

    @Test
    void aLaterLossReplacesAnEarlierWinAndClearsItsAmount() {
        LeadFacts f = new LeadFacts("LX1");
        projection.apply(f, at(plusHours(10), new LeadEvent.LeadLost(LocalDate.of(2024, 3, 5), "BUDGET_INSUFFICIENT",
                "note", "rep-li")));
        projection.apply(f, at(plusHours(5), new LeadEvent.LeadWon(LocalDate.of(2024, 3, 3),
                new Money(BigDecimal.TEN, "CNY"), List.of("x"), "rep-li")));
        assertThat(f.outcome).isEqualTo("LOST");
        assertThat(f.amount).isNull();
        assertThat(f.lossReason).isEqualTo("BUDGET_INSUFFICIENT");
    }

    @Test
    void noPersonalDataIsCopiedFromTheProfile() throws IllegalAccessException {
        LeadFacts f = new LeadFacts("LX1");
        projection.apply(f, at(T0, new LeadEvent.LeadCaptured(SampleEvents.tradeShowLead(), "STAFF")));
        projection.apply(f, at(T0, new LeadEvent.LeadLost(LocalDate.of(2024, 4, 10), "BUDGET_INSUFFICIENT",
                "张经理说预算不足", "rep-li")));
        for (var field : LeadFacts.class.getFields()) {
            Object v = field.get(f);
            assertThat(String.valueOf(v)).doesNotContain("张经理", "+8613912345678", "zhang@", "星辰科技", "zhang_xc",
                    "需要CRM");
        }
    }

    @Test
    void rejectionKeepsItsReasonCodesAndSource() {
        LeadFacts f = new LeadFacts("LX1");
        projection.apply(f, at(T0, new LeadEvent.LeadRejected(List.of(new Reason("CONTACT_INCOMPLETE", "m"),
                new Reason("INDUSTRY_NOT_TARGETED", "m")), 3, "WEBSITE_FORM")));
        assertThat(f.screening).isEqualTo("REJECTED");
        assertThat(f.source).isEqualTo("WEBSITE_FORM");
        assertThat(f.rejectionReasons).containsExactly("CONTACT_INCOMPLETE", "INDUSTRY_NOT_TARGETED");
        assertThat(f.registeredOn).isEqualTo(LocalDate.of(2024, 3, 1));
    }

    @Test
    void aRejectionReadBeforeItsCaptureIsDatedByTheRegistrationItCarries() {
        LeadFacts f = new LeadFacts("LX1");
        Instant registered = Instant.parse("2023-11-20T01:00:00Z");
        projection.apply(f, at(T0, new LeadEvent.LeadRejected(List.of(new Reason("CONTACT_INCOMPLETE", "m")), 3,
                "WEBSITE_FORM", registered)));
        assertThat(f.registeredAt).isEqualTo(registered);
        assertThat(f.registeredOn).isEqualTo(LocalDate.of(2023, 11, 20));
    }

    @Test
    void aStageChangeRecordedFromHistoryCountsFromWhenItHappened() {
        LeadFacts f = new LeadFacts("LX1");
        Instant loadedToday = Instant.parse("2026-12-06T02:00:00Z");
        var contacted = projection.apply(f, at(loadedToday, new LeadEvent.LeadStageChanged("NEW", "CONTACTED", "rep",
                null, plusHours(24), false)));
        var proposal = projection.apply(f, at(loadedToday.plusSeconds(1), new LeadEvent.LeadStageChanged("CONTACTED",
                "PROPOSAL", "rep", null, plusHours(24 * 5), false)));
        assertThat(((FactsProjection.StageEntry) contacted.get(0)).occurredAt()).isEqualTo(plusHours(24));
        assertThat(((FactsProjection.StageEntry) proposal.get(0)).occurredAt()).isEqualTo(plusHours(24 * 5));
        assertThat(f.stage).isEqualTo("PROPOSAL");
        assertThat(f.stageAt).isEqualTo(plusHours(24 * 5));
        // An event from before changedAt existed happened when it was published.
        var old = projection.apply(f, at(loadedToday.plusSeconds(2), new LeadEvent.LeadStageChanged("PROPOSAL",
                "NEGOTIATION", "rep", null)));
        assertThat(((FactsProjection.StageEntry) old.get(0)).occurredAt()).isEqualTo(loadedToday.plusSeconds(2));
    }

    @Test
    void aPlannedFollowUpIsNotAFirstResponseAndTheEarliestTouchCounts() {
        LeadFacts f = new LeadFacts("LX1");
        projection.apply(f, at(plusHours(2), new LeadEvent.FollowUpLogged("F0", "rep", plusHours(2), "PHONE",
                "PLANNED", true, null, null)));
        assertThat(f.firstResponseAt).isNull();
        projection.apply(f, at(plusHours(9), new LeadEvent.FollowUpLogged("F2", "rep", plusHours(9), "PHONE", "DONE",
                true, null, null)));
        projection.apply(f, at(plusHours(3), new LeadEvent.FollowUpLogged("F1", "rep", plusHours(3), "EMAIL", "DONE",
                true, null, null)));
        projection.apply(f, at(plusHours(1), new LeadEvent.FollowUpLogged("F-auto", "rep", plusHours(1), "EMAIL",
                "DONE", false, null, null)));
        assertThat(f.firstResponseAt).isEqualTo(plusHours(3));
        assertThat(f.touches).isEqualTo(3);
    }

    @Test
    void theBusinessZoneDecidesTheRegistrationDay() {
        LeadFacts f = new LeadFacts("LX1");
        // 17:00 UTC on 31 March is 01:00 on 1 April in Shanghai.
        LeadProfile lead = SampleEvents.tradeShowLead();
        LeadProfile late = new LeadProfile(null, null, null, null, null, lead.source(), null, null, null, null,
                null, null, null, null, null, null, null, null, null, Instant.parse("2024-03-31T17:00:00Z"));
        projection.apply(f, at(T0, new LeadEvent.LeadCaptured(late, "FORM")));
        assertThat(f.registeredOn).isEqualTo(LocalDate.of(2024, 4, 1));
        assertThat(f.registeredMonth).isEqualTo(LocalDate.of(2024, 4, 1));
    }

    @Test
    void anErasedLeadKeepsItsNumbersAndCodesButLosesEveryTypedText() {
        LeadFacts f = new LeadFacts("LX1");
        lifeOfALead().forEach(e -> projection.apply(f, e));
        assertThat(f.sourceDetail).isNotNull();
        projection.apply(f, at(plusHours(700), new LeadEvent.LeadErased("admin@leadflow.io", "客户要求删除个人信息")));
        assertThat(f.erasedAt).isEqualTo(plusHours(700));
        assertThat(f.sourceDetail).isNull();
        assertThat(f.utmTerm).isNull();
        assertThat(f.utmContent).isNull();
        assertThat(f.winFactors).isEmpty();
        // What no one is identified by stays, so every report keeps its totals.
        assertThat(f.source).isEqualTo("TRADE_SHOW");
        assertThat(f.utmCampaign).isEqualTo("expo-2024-sh");
        assertThat(f.registeredOn).isEqualTo(LocalDate.of(2024, 3, 1));
        assertThat(f.outcome).isEqualTo("WON");
        assertThat(f.amount).isEqualByComparingTo("120000");
        assertThat(f.cycleDays).isEqualTo(25);
        assertThat(f.ownerId).isEqualTo("rep-li");
        assertThat(f.grade).isEqualTo("HIGH");
    }

    @RepeatedTest(10)
    void erasureIsForGoodWhateverOrderTheTopicsDeliverIn() {
        List<EventEnvelope> events = new ArrayList<>(lifeOfALead());
        events.add(at(plusHours(700), new LeadEvent.LeadErased("admin@leadflow.io", "客户要求删除个人信息")));
        events.add(at(plusHours(701), new LeadEvent.LeadUpdated(SampleEvents.tradeShowLead(), List.of("region"))));
        Seeds.withRandom(random -> {
            Collections.shuffle(events, random);
            LeadFacts f = new LeadFacts("LX1");
            events.forEach(e -> projection.apply(f, e));
            assertThat(f.erasedAt).isEqualTo(plusHours(700));
            assertThat(f.sourceDetail).isNull();
            assertThat(f.winFactors).isEmpty();
            assertThat(f.outcome).isEqualTo("WON");
        });
    }

    @Test
    void phonesAndEmailsTypedIntoKeptTextsAreMasked() {
        LeadFacts f = new LeadFacts("LX1");
        LeadProfile lead = SampleEvents.tradeShowLead();
        LeadProfile typed = new LeadProfile(lead.customerName(), lead.contactName(), lead.phone(), lead.email(),
                lead.wechat(), "REFERRAL", "王总推荐 13812345678", new Utm("baidu", "cpc", "crm", "wang@corp.cn",
                "+8613912345678"), lead.needDescription(), "SOFTWARE", "上海 021-55551234", 120, "ENTERPRISE",
                lead.budget(), 30, "HIGH", null, null, lead.consent(), T0);
        projection.apply(f, at(T0, new LeadEvent.LeadCaptured(typed, "STAFF")));
        projection.apply(f, at(plusHours(9), new LeadEvent.LeadWon(LocalDate.of(2024, 3, 2), null,
                List.of("客户 li@corp.cn 拍板"), "rep-li")));
        assertThat(f.sourceDetail).doesNotContain("13812345678").endsWith("5678");
        assertThat(f.utmTerm).doesNotContain("wang@corp.cn").contains("@corp.cn");
        assertThat(f.utmContent).doesNotContain("13912345678");
        assertThat(f.region).doesNotContain("55551234").startsWith("上海");
        assertThat(f.winFactors).singleElement().asString().doesNotContain("li@corp.cn");
        assertThat(f.utmSource).isEqualTo("baidu");
    }

    @Test
    void aRegradeKeepsTheGradesButNotTheReasonAPersonTyped() {
        LeadFacts f = new LeadFacts("LX1");
        List<FactsProjection.HistoryEntry> history = projection.apply(f, at(T0, new LeadEvent.LeadGraded("HIGH", 80,
                List.of(), 2, false, "LOW", "张经理说预算已批, 电话 13912345678")));
        assertThat(history).singleElement().isInstanceOfSatisfying(FactsProjection.GradeEntry.class, g -> {
            assertThat(g.grade()).isEqualTo("HIGH");
            assertThat(g.previousGrade()).isEqualTo("LOW");
            assertThat(g.toString()).doesNotContain("张经理").doesNotContain("13912345678");
        });
    }

    @Test
    void aMergedDuplicateIsAnotherTouchNotAnotherLead() {
        LeadFacts f = new LeadFacts("LX1");
        projection.apply(f, at(T0, new LeadEvent.LeadCaptured(SampleEvents.tradeShowLead(), "STAFF")));
        projection.apply(f, at(plusHours(24), new LeadEvent.DuplicateLeadMerged("T-1", "PHONE", "WEBSITE_FORM",
                "官网首页表单", null, plusHours(24))));
        assertThat(f.mergedTouches).isEqualTo(1);
        assertThat(f.source).isEqualTo("TRADE_SHOW");
    }
    /**
     * Staff merged the lead into the one it duplicates: it counts in no report (no registration day, no cube cell),
     * keeps its registration time and its merge, whatever order the topics deliver in; the cube takes back all it
     * had added.
     */
    @RepeatedTest(10)
    void aLeadMergedIntoAnotherCountsNowhereWhateverTheOrder() {
        List<EventEnvelope> open = new ArrayList<>(lifeOfALead().subList(0, 9));
        LeadFacts counted = new LeadFacts("LX1");
        open.forEach(e -> projection.apply(counted, e));
        assertThat(Aggregates.contribution(counted, List.of(), List.of())).isNotEmpty();

        List<EventEnvelope> events = new ArrayList<>(open);
        events.add(at(plusHours(70), new LeadEvent.LeadMerged("LX20240228000045", "manager-wang")));
        Seeds.withRandom(random -> {
            Collections.shuffle(events, random);
            LeadFacts f = new LeadFacts("LX1");
            events.forEach(e -> projection.apply(f, e));
            assertThat(f.mergedInto).isEqualTo("LX20240228000045");
            assertThat(f.registeredAt).isEqualTo(T0);
            assertThat(f.registeredOn).isNull();
            assertThat(f.registeredMonth).isNull();
            assertThat(f.grade).isEqualTo("HIGH");
            assertThat(Aggregates.contribution(f, List.of(), List.of())).isEmpty();
        });
        var removed = Aggregates.difference(Aggregates.contribution(counted, List.of(), List.of()), Map.of());
        assertThat(removed.values()).allSatisfy(d -> assertThat(d.count(Aggregates.Count.LEADS)).isEqualTo(-1));
    }
}
