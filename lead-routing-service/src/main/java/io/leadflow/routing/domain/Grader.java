package io.leadflow.routing.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.leadflow.events.contract.Budget;
import io.leadflow.events.contract.GradeReason;
import io.leadflow.events.contract.LeadProfile;

/** Scores a lead with a grading policy and explains every point in words a sales manager reads. */
public final class Grader {

    public static final String DECLARED_INTENT = "DECLARED_INTENT";
    public static final String NEED_CLARITY = "NEED_CLARITY";
    public static final String BUDGET_FIT = "BUDGET_FIT";
    public static final String DECISION_CYCLE = "DECISION_CYCLE";
    public static final String CUSTOMER_TYPE = "CUSTOMER_TYPE";
    public static final String COMPANY_SIZE = "COMPANY_SIZE";
    public static final String LEVEL_GATE = "LEVEL_GATE";
    public static final String GIVEN_GRADE = "GIVEN_GRADE";

    private Grader() {
    }

    /**
     * A newly qualified lead: a grade that came with it (意向等级 on an import) is kept and marked given; otherwise
     * the policy decides.
     */
    public static Grade gradeNew(GradingPolicy policy, LeadProfile lead) {
        Grade scored = score(policy, lead);
        if (lead.givenGrade() == null || lead.givenGrade().isBlank()) {
            return scored;
        }
        Optional<String> given = policy.resolve(lead.givenGrade());
        List<GradeReason> reasons = new ArrayList<>();
        if (given.isEmpty()) {
            reasons.add(new GradeReason(GIVEN_GRADE, "given grade '" + lead.givenGrade() + "' is not a level of policy v"
                    + policy.version() + " " + policy.codes() + "; graded by the rules instead", 0));
            reasons.addAll(scored.reasons());
            return new Grade(scored.code(), scored.score(), reasons, policy.version(), GradeOrigin.POLICY);
        }
        reasons.add(new GradeReason(GIVEN_GRADE, "grade '" + lead.givenGrade() + "' came with the lead and is kept as "
                + given.get() + " (the rules would say " + scored.code() + " with " + scored.score() + " points)", 0));
        reasons.addAll(scored.reasons());
        return new Grade(given.get(), scored.score(), reasons, policy.version(), GradeOrigin.GIVEN);
    }

    /** The policy's grade, ignoring any given grade. */
    public static Grade score(GradingPolicy policy, LeadProfile lead) {
        GradingRules rules = policy.rules();
        List<GradeReason> reasons = new ArrayList<>();
        reasons.add(declaredIntent(rules.declaredIntent(), lead.declaredIntent()));
        reasons.add(needClarity(rules.needClarity(), lead.needDescription()));
        reasons.add(budgetFit(rules.budgetFit(), lead.budget()));
        reasons.add(decisionCycle(rules.decisionCycle(), lead.decisionCycleDays()));
        reasons.add(customerType(rules.customerType(), lead.customerType()));
        reasons.add(companySize(rules.companySize(), lead.companySize()));
        int score = Math.max(0, reasons.stream().mapToInt(GradeReason::points).sum());
        GradeLevel chosen = null;
        for (GradeLevel level : policy.levels()) {
            if (score < level.minScore()) {
                continue;
            }
            Integer gate = level.maxDecisionCycleDays();
            Integer days = lead.decisionCycleDays();
            if (gate != null && (days == null || days > gate)) {
                reasons.add(new GradeReason(LEVEL_GATE, "score " + score + " ≥ " + level.minScore() + " but "
                        + level.code() + " needs a decision within " + gate + " days ("
                        + (days == null ? "decision cycle unknown" : "decision cycle " + days + " days") + ")", 0));
                continue;
            }
            chosen = level;
            break;
        }
        if (chosen == null) {
            chosen = policy.levels().get(policy.levels().size() - 1);
        }
        return new Grade(chosen.code(), score, List.copyOf(reasons), policy.version(), GradeOrigin.POLICY);
    }

    static GradeReason declaredIntent(GradingRules.DeclaredIntent rule, String intent) {
        if (intent == null || intent.isBlank()) {
            return new GradeReason(DECLARED_INTENT, "no declared intent", 0);
        }
        String code = IntentWords.normalise(intent);
        Integer points = rule.points().get(code);
        if (points == null) {
            return new GradeReason(DECLARED_INTENT, "declared intent " + intent + " has no points in the policy", 0);
        }
        return new GradeReason(DECLARED_INTENT, "declared intent " + code, points);
    }

    static GradeReason needClarity(GradingRules.NeedClarity rule, String need) {
        if (need == null || need.isBlank()) {
            return new GradeReason(NEED_CLARITY, "no need description", 0);
        }
        String text = need.toLowerCase(Locale.ROOT);
        String quoted = "need '" + abbreviate(need) + "'";
        Optional<String> denial = firstIn(text, rule.noNeedKeywords());
        if (denial.isPresent()) {
            return new GradeReason(NEED_CLARITY, quoted + " says there is no clear need (" + denial.get() + ")", 0);
        }
        Optional<String> explicit = firstIn(text, rule.explicitKeywords());
        if (explicit.isPresent()) {
            return new GradeReason(NEED_CLARITY, quoted + " states an explicit need (" + explicit.get() + ")",
                    rule.explicitPoints());
        }
        Optional<String> interest = firstIn(text, rule.interestKeywords());
        if (interest.isPresent()) {
            return new GradeReason(NEED_CLARITY, quoted + " shows initial interest (" + interest.get() + ")",
                    rule.interestPoints());
        }
        return new GradeReason(NEED_CLARITY, quoted + " names no explicit need or interest", 0);
    }

    static GradeReason budgetFit(GradingRules.BudgetFit rule, Budget budget) {
        String expected = plain(rule.expectedMin()) + "-" + plain(rule.expectedMax()) + " " + rule.currency();
        if (budget == null || (budget.min() == null && budget.max() == null)) {
            String text = budget == null || budget.text() == null ? "" : " '" + budget.text() + "'";
            return new GradeReason(BUDGET_FIT, "budget" + text + " unknown; expected " + expected, 0);
        }
        if (budget.currency() != null && !budget.currency().equalsIgnoreCase(rule.currency())) {
            return new GradeReason(BUDGET_FIT, "budget in " + budget.currency() + " is not compared with the expected "
                    + expected, 0);
        }
        BigDecimal min = budget.min() != null ? budget.min() : budget.max();
        BigDecimal max = budget.max() != null ? budget.max() : budget.min();
        String range = (min.compareTo(max) == 0 ? plain(min) : plain(min) + "-" + plain(max)) + " " + rule.currency();
        if (min.compareTo(rule.expectedMin()) >= 0 && max.compareTo(rule.expectedMax()) <= 0) {
            return new GradeReason(BUDGET_FIT, "budget " + range + " within expected " + expected, rule.fitsPoints());
        }
        if (max.compareTo(rule.expectedMin()) >= 0 && min.compareTo(rule.expectedMax()) <= 0) {
            return new GradeReason(BUDGET_FIT, "budget " + range + " partly within expected " + expected,
                    rule.partialPoints());
        }
        String side = max.compareTo(rule.expectedMin()) < 0 ? "below" : "above";
        return new GradeReason(BUDGET_FIT, "budget " + range + " " + side + " expected " + expected, 0);
    }

    static GradeReason decisionCycle(GradingRules.DecisionCycle rule, Integer days) {
        if (days == null) {
            return new GradeReason(DECISION_CYCLE, "decision cycle unknown", 0);
        }
        for (GradingRules.DecisionCycle.Band band : rule.bands()) {
            if (days <= band.maxDays()) {
                return new GradeReason(DECISION_CYCLE, "decision cycle " + days + " days ≤ " + band.maxDays(), band.points());
            }
        }
        int longest = rule.bands().isEmpty() ? 0 : rule.bands().get(rule.bands().size() - 1).maxDays();
        return new GradeReason(DECISION_CYCLE, "decision cycle " + days + " days > " + longest, 0);
    }

    static GradeReason customerType(GradingRules.CustomerType rule, String type) {
        if (type == null || type.isBlank()) {
            return new GradeReason(CUSTOMER_TYPE, "customer type unknown", 0);
        }
        String code = type.strip().toUpperCase(Locale.ROOT);
        Integer points = rule.points().get(code);
        return new GradeReason(CUSTOMER_TYPE, "customer type " + code, points == null ? 0 : points);
    }

    static GradeReason companySize(GradingRules.CompanySize rule, Integer employees) {
        if (employees == null) {
            return new GradeReason(COMPANY_SIZE, "company size unknown", 0);
        }
        for (GradingRules.CompanySize.Band band : rule.bands()) {
            if (employees >= band.minEmployees()) {
                return new GradeReason(COMPANY_SIZE, "company size " + employees + " employees ≥ " + band.minEmployees(),
                        band.points());
            }
        }
        return new GradeReason(COMPANY_SIZE, "company size " + employees + " employees", 0);
    }

    private static Optional<String> firstIn(String text, List<String> keywords) {
        return keywords.stream().filter(k -> text.contains(k.toLowerCase(Locale.ROOT))).findFirst();
    }

    private static String abbreviate(String s) {
        String one = s.strip().replaceAll("\\s+", " ");
        return one.length() <= 40 ? one : one.substring(0, 39) + "…";
    }

    private static String plain(BigDecimal amount) {
        return amount.stripTrailingZeros().toPlainString();
    }

    /** Declared intent as people write it: HIGH, 高意向, 高 ... */
    static final class IntentWords {
        private static final Map<String, String> WORDS = Map.of(
                "高意向", "HIGH", "高", "HIGH", "中意向", "MEDIUM", "中", "MEDIUM", "低意向", "LOW", "低", "LOW");

        static String normalise(String intent) {
            String t = intent.strip();
            return WORDS.getOrDefault(t, t.toUpperCase(Locale.ROOT));
        }
    }
}
