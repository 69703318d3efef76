package io.leadflow.routing.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import io.leadflow.events.domain.Violation;
import org.junit.jupiter.api.Test;

class RouterTest {

    private final AssignmentPolicy policy = AssignmentPolicy.defaults();

    static Candidate rep(String id, String name, Seniority seniority, int open, int capacity) {
        return new Candidate(id, name, seniority, List.of(), List.of(), capacity, open, true, "available", 0);
    }

    static Candidate specialist(String id, String name, Seniority seniority, String industry, String region) {
        return new Candidate(id, name, seniority, industry == null ? List.of() : List.of(industry),
                region == null ? List.of() : List.of(region), 20, 5, true, "available", 0);
    }

    static Candidate away(String id, String name, Seniority seniority) {
        return new Candidate(id, name, seniority, List.of(), List.of(), 20, 0, false, "away until 2024-03-20", 0);
    }

    private static LeadToRoute lead(String grade) {
        return new LeadToRoute("LX20240301000001", grade, "SOFTWARE", "上海", "TRADE_SHOW");
    }

    @Test
    void highIntentGoesToASeniorRepMatchingIndustryOrRegionFirst() {
        List<Candidate> roster = List.of(rep("rep-wang", "王销售", Seniority.SENIOR, 0, 20),
                specialist("rep-li", "李销售", Seniority.SENIOR, null, "上海市"),
                rep("rep-zhao", "赵销售", Seniority.JUNIOR, 0, 20));
        RoutingDecision decision = Router.route(policy, lead("HIGH"), roster);
        assertThat(decision).isInstanceOf(RoutingDecision.Assigned.class);
        var assigned = (RoutingDecision.Assigned) decision;
        assertThat(assigned.owner().repId()).isEqualTo("rep-li");
        assertThat(assigned.ruleId()).isEqualTo("high-senior");
        assertThat(assigned.strategy()).isEqualTo(Strategy.LEAST_LOADED);
        assertThat(assigned.why()).contains("李销售 covers 上海 and has 5 of 20 open leads");
    }

    @Test
    void whenNoSpecialistIsFreeAPreferredRuleTakesAnySeniorRep() {
        Candidate busySpecialist = new Candidate("rep-li", "李销售", Seniority.SENIOR, List.of("SOFTWARE"), List.of(),
                5, 5, true, "available", 0);
        RoutingDecision decision = Router.route(policy, lead("HIGH"),
                List.of(busySpecialist, rep("rep-wang", "王销售", Seniority.SENIOR, 3, 20)));
        assertThat(((RoutingDecision.Assigned) decision).owner().repId()).isEqualTo("rep-wang");
    }

    @Test
    void aRequiredSpecialtyNeverFallsBackToOtherReps() {
        AssignmentRule rule = new AssignmentRule("fin", null, List.of(), List.of("FINANCE"), List.of(), List.of(),
                List.of("SENIOR"), List.of(), AssignmentRule.Specialty.REQUIRED, Strategy.ROUND_ROBIN);
        var only = new AssignmentPolicy(2, List.of(rule));
        LeadToRoute finance = new LeadToRoute("LX1", "HIGH", "FINANCE", "北京", "TRADE_SHOW");
        RoutingDecision decision = Router.route(only, finance, List.of(rep("rep-wang", "王销售", Seniority.SENIOR, 0, 20)));
        assertThat(decision).isInstanceOf(RoutingDecision.Unassigned.class);
        assertThat(decision.why()).isEqualTo("rule fin: no rep in its pool");
    }

    @Test
    void mediumIntentGoesToJuniorRepsAndLowIntentToNurture() {
        List<Candidate> roster = List.of(rep("rep-li", "李销售", Seniority.SENIOR, 0, 20),
                rep("rep-zhao", "赵销售", Seniority.JUNIOR, 0, 20), rep("mkt-sun", "孙市场", Seniority.NURTURE, 0, 200));
        assertThat(((RoutingDecision.Assigned) Router.route(policy, lead("MEDIUM"), roster)).owner().repId())
                .isEqualTo("rep-zhao");
        assertThat(((RoutingDecision.Assigned) Router.route(policy, lead("LOW"), roster)).owner().repId())
                .isEqualTo("mkt-sun");
    }

    @Test
    void repsAwayOrAtCapacityAreSkippedAndTheQueueSaysWhy() {
        List<Candidate> roster = List.of(away("rep-li", "李销售", Seniority.SENIOR),
                rep("rep-wang", "王销售", Seniority.SENIOR, 20, 20));
        RoutingDecision decision = Router.route(policy, lead("HIGH"), roster);
        assertThat(decision).isInstanceOf(RoutingDecision.Unassigned.class);
        assertThat(decision.why()).isEqualTo(
                "rule high-senior: no free rep (李销售 away until 2024-03-20; 王销售 at capacity 20/20)");
    }

    @Test
    void aLeadNoRuleMatchesSaysSo() {
        RoutingDecision decision = Router.route(policy, lead("URGENT"), List.of(rep("rep-li", "李销售", Seniority.SENIOR, 0, 20)));
        assertThat(decision.why()).startsWith("no assignment rule matches grade URGENT");
    }

    @Test
    void rulesMatchOnIndustryRegionAndSourceAndTheFirstWithAFreeRepWins() {
        AssignmentRule partners = new AssignmentRule("partners", "渠道线索给王销售", List.of(), List.of(), List.of(),
                List.of("PARTNER_REFERRAL"), List.of(), List.of("rep-wang"), AssignmentRule.Specialty.ANY,
                Strategy.ROUND_ROBIN);
        var withPartners = new AssignmentPolicy(3, List.of(partners, policy.rules().get(0)));
        List<Candidate> roster = List.of(rep("rep-li", "李销售", Seniority.SENIOR, 0, 20),
                rep("rep-wang", "王销售", Seniority.JUNIOR, 0, 20));
        LeadToRoute partnerLead = new LeadToRoute("LX1", "HIGH", "SOFTWARE", "上海", "PARTNER_REFERRAL");
        assertThat(((RoutingDecision.Assigned) Router.route(withPartners, partnerLead, roster)).owner().repId())
                .isEqualTo("rep-wang");
        assertThat(((RoutingDecision.Assigned) Router.route(withPartners, lead("HIGH"), roster)).owner().repId())
                .isEqualTo("rep-li");
    }

    @Test
    void theNamedOwnerIsFoundByNameOrIdEvenWhenAway() {
        List<Candidate> roster = List.of(away("rep-li", "李销售", Seniority.SENIOR), rep("rep-zhao", "赵销售", Seniority.JUNIOR, 0, 20));
        assertThat(Router.namedOwner("李销售", roster)).map(Candidate::repId).contains("rep-li");
        assertThat(Router.namedOwner("REP-ZHAO", roster)).map(Candidate::repId).contains("rep-zhao");
        assertThat(Router.namedOwner("钱销售", roster)).isEmpty();
    }

    @Test
    void aPolicyAsTypedIsCheckedAndTranslatedToCodes() {
        AssignmentRule typed = new AssignmentRule(null, null, List.of("高意向"), List.of(), List.of(), List.of("展会"),
                List.of("资深销售"), List.of("rep-li"), null, Strategy.ROUND_ROBIN);
        var checked = AssignmentPolicy.check(List.of(typed), GradingPolicy.defaults(), Set.of("rep-li"));
        assertThat(checked.violations()).isEmpty();
        AssignmentRule rule = checked.rules().get(0);
        assertThat(rule.id()).isEqualTo("rule-1");
        assertThat(rule.grades()).containsExactly("HIGH");
        assertThat(rule.sources()).containsExactly("TRADE_SHOW");
        assertThat(rule.seniorities()).containsExactly("SENIOR");
        assertThat(rule.specialty()).isEqualTo(AssignmentRule.Specialty.ANY);
    }

    @Test
    void aPolicyNamingAnUnknownRepGradeOrSourceIsRefused() {
        AssignmentRule typed = new AssignmentRule("r1", null, List.of("URGENT"), List.of(), List.of(), List.of("电视广告"),
                List.of("BOSS"), List.of("rep-ghost"), null, null);
        var checked = AssignmentPolicy.check(List.of(typed, typed), GradingPolicy.defaults(), Set.of("rep-li"));
        assertThat(checked.ok()).isFalse();
        assertThat(checked.violations()).extracting(Violation::field).contains("rules[0].grades[0]",
                "rules[0].sources[0]", "rules[0].seniorities[0]", "rules[0].repIds[0]", "rules[0].strategy",
                "rules[1].id");
        assertThat(AssignmentPolicy.check(List.of(), GradingPolicy.defaults(), Set.of()).violations())
                .extracting(Violation::field).containsExactly("rules");
    }

    @Test
    void anOwnerFitsWhenNoEarlierRuleSendsTheLeadToAnotherFreeRep() {
        Candidate nurture = rep("mkt-sun", "孙市场", Seniority.NURTURE, 3, 200);
        Candidate senior = rep("rep-li", "李销售", Seniority.SENIOR, 0, 20);
        assertThat(Router.ownerFits(policy, lead("LOW"), nurture, List.of(nurture, senior))).isTrue();
        assertThat(Router.ownerFits(policy, lead("HIGH"), nurture, List.of(nurture, senior))).isFalse();
        // No senior rep free: the nurture owner keeps the lead rather than nobody.
        Candidate fullSenior = rep("rep-li", "李销售", Seniority.SENIOR, 20, 20);
        assertThat(Router.ownerFits(policy, lead("HIGH"), nurture, List.of(nurture, fullSenior))).isTrue();
    }
}
