package io.leadflow.routing.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.leadflow.events.contract.Budget;
import io.leadflow.events.contract.GradeReason;

class GraderTest {

    private final GradingPolicy policy = GradingPolicy.defaults();

    private static int points(Grade grade, String rule) {
        return grade.reasons().stream().filter(r -> r.rule().equals(rule)).mapToInt(GradeReason::points).sum();
    }

    private static String detail(Grade grade, String rule) {
        return grade.reasons().stream().filter(r -> r.rule().equals(rule)).map(GradeReason::detail).findFirst().orElseThrow();
    }

    @Test
    void tableOneRowOneExplicitNeedBudgetFitsDecisionInAMonthIsHigh() {
        Grade grade = Grader.gradeNew(policy, Leads.tableOneRowOne());
        assertThat(grade.code()).isEqualTo("HIGH");
        assertThat(grade.score()).isEqualTo(80);
        assertThat(grade.origin()).isEqualTo(GradeOrigin.POLICY);
        assertThat(detail(grade, Grader.DECISION_CYCLE)).isEqualTo("decision cycle 30 days ≤ 30");
        assertThat(points(grade, Grader.DECISION_CYCLE)).isEqualTo(40);
        assertThat(detail(grade, Grader.BUDGET_FIT)).isEqualTo("budget 100000-150000 CNY within expected 50000-1000000 CNY");
        assertThat(detail(grade, Grader.NEED_CLARITY)).contains("需要CRM系统").contains("explicit need (需要)");
    }

    @Test
    void tableOneRowTwoInterestAndTwoToThreeMonthsIsMedium() {
        Grade grade = Grader.gradeNew(policy, Leads.tableOneRowTwo());
        assertThat(grade.code()).isEqualTo("MEDIUM");
        assertThat(grade.score()).isEqualTo(30);
        assertThat(detail(grade, Grader.NEED_CLARITY)).contains("initial interest (知晓)");
        assertThat(detail(grade, Grader.BUDGET_FIT)).contains("'待确认' unknown");
    }

    @Test
    void onlyAwareWithALongCycleIsLow() {
        Grade grade = Grader.score(policy, Leads.profile("了解一下产品", null, 120, null, null, null, null, null));
        assertThat(grade.code()).isEqualTo("LOW");
        assertThat(detail(grade, Grader.DECISION_CYCLE)).isEqualTo("decision cycle 120 days > 90");
    }

    @Test
    void anUnknownDecisionCycleGatesAStrongLeadDownToLow() {
        Grade grade = Grader.score(policy, Leads.profile("需要采购CRM", Leads.cny(100_000, 150_000), null, "HIGH",
                "ENTERPRISE", 500, null, null));
        assertThat(grade.score()).isEqualTo(60);
        assertThat(grade.code()).isEqualTo("LOW");
        assertThat(grade.reasons()).anyMatch(r -> r.rule().equals(Grader.LEVEL_GATE)
                && r.detail().contains("MEDIUM needs a decision within 90 days (decision cycle unknown)"));
    }

    @Test
    void aHighScoreWithATwoMonthCycleIsCappedAtMedium() {
        Grade grade = Grader.score(policy, Leads.profile("需要CRM", Leads.cny(100_000, 150_000), 60, "HIGH",
                "ENTERPRISE", 500, null, null));
        assertThat(grade.score()).isEqualTo(80);
        assertThat(grade.code()).isEqualTo("MEDIUM");
    }

    @Test
    void declaredIntentAddsItsWeightAndAcceptsChineseWords() {
        assertThat(Grader.declaredIntent(policy.rules().declaredIntent(), "高意向").points()).isEqualTo(10);
        assertThat(Grader.declaredIntent(policy.rules().declaredIntent(), "MEDIUM").points()).isEqualTo(5);
        assertThat(Grader.declaredIntent(policy.rules().declaredIntent(), null).detail()).isEqualTo("no declared intent");
    }

    @Test
    void needClarityReadsADenialBeforeTheWordNeed() {
        var rule = policy.rules().needClarity();
        assertThat(Grader.needClarity(rule, "暂无明确需求").points()).isZero();
        assertThat(Grader.needClarity(rule, "计划Q2上线ERP").points()).isEqualTo(25);
        assertThat(Grader.needClarity(rule, "Interested in a demo").points()).isEqualTo(10);
        assertThat(Grader.needClarity(rule, "   ").detail()).isEqualTo("no need description");
    }

    @Test
    void budgetFitComparesTheRangeWithTheExpectedDealSize() {
        var rule = policy.rules().budgetFit();
        assertThat(Grader.budgetFit(rule, Leads.cny(100_000, 150_000)).points()).isEqualTo(15);
        assertThat(Grader.budgetFit(rule, Leads.cny(30_000, 80_000)).points()).isEqualTo(8);
        assertThat(Grader.budgetFit(rule, Leads.cny(5_000, 10_000)).detail()).contains("below expected");
        assertThat(Grader.budgetFit(rule, Leads.cny(5_000, 10_000)).points()).isZero();
        assertThat(Grader.budgetFit(rule, new Budget(java.math.BigDecimal.TEN, null, "USD", null)).points()).isZero();
        assertThat(Grader.budgetFit(rule, new Budget(new java.math.BigDecimal("120000"), null, "CNY", "12万")).points())
                .isEqualTo(15);
    }

    @Test
    void decisionCycleTakesTheFirstBandItFits() {
        var rule = policy.rules().decisionCycle();
        assertThat(Grader.decisionCycle(rule, 7).points()).isEqualTo(40);
        assertThat(Grader.decisionCycle(rule, 31).points()).isEqualTo(20);
        assertThat(Grader.decisionCycle(rule, 91).points()).isZero();
        assertThat(Grader.decisionCycle(rule, null).detail()).isEqualTo("decision cycle unknown");
    }

    @Test
    void customerTypeAndCompanySizeAddTheirWeights() {
        assertThat(Grader.customerType(policy.rules().customerType(), "enterprise").points()).isEqualTo(5);
        assertThat(Grader.customerType(policy.rules().customerType(), "STARTUP").points()).isZero();
        // The code intake gives 中小企业 (Codes.CUSTOMER_TYPES) scores by default.
        assertThat(Grader.customerType(policy.rules().customerType(), "SMB").points()).isEqualTo(3);
        assertThat(Grader.companySize(policy.rules().companySize(), 120).detail()).isEqualTo("company size 120 employees ≥ 50");
        assertThat(Grader.companySize(policy.rules().companySize(), 12).points()).isZero();
    }

    @Test
    void aGivenGradeIsKeptAndMarkedGiven() {
        Grade grade = Grader.gradeNew(policy, Leads.profile("知晓一下ERP模块", null, 90, null, null, null, "高意向", null));
        assertThat(grade.code()).isEqualTo("HIGH");
        assertThat(grade.given()).isTrue();
        assertThat(grade.score()).isEqualTo(30);
        assertThat(grade.reasons().get(0).rule()).isEqualTo(Grader.GIVEN_GRADE);
        assertThat(grade.reasons().get(0).detail()).contains("the rules would say MEDIUM with 30 points");
    }

    @Test
    void aGivenGradeThatIsNoLevelFallsBackToTheRules() {
        Grade grade = Grader.gradeNew(policy, Leads.profile("需要CRM系统", Leads.cny(100_000, 150_000), 30, null, null,
                null, "A级", null));
        assertThat(grade.code()).isEqualTo("HIGH");
        assertThat(grade.given()).isFalse();
        assertThat(grade.reasons().get(0).detail()).contains("'A级' is not a level");
    }

    @Test
    void theScoreNeverGoesBelowZero() {
        var rules = policy.rules();
        var harsh = new GradingPolicy(2, policy.levels(), new GradingRules(
                new GradingRules.DeclaredIntent(java.util.Map.of("LOW", -50)), rules.needClarity(), rules.budgetFit(),
                rules.decisionCycle(), rules.customerType(), rules.companySize()));
        Grade grade = Grader.score(harsh, Leads.profile(null, null, null, "LOW", null, null, null, null));
        assertThat(grade.score()).isZero();
        assertThat(grade.code()).isEqualTo("LOW");
        assertThat(grade.policyVersion()).isEqualTo(2);
    }
}
