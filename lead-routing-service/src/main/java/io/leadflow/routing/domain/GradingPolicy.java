package io.leadflow.routing.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.leadflow.events.domain.Text;
import io.leadflow.events.domain.Violation;

/**
 * A version of the grading scale: 3 to 5 levels, highest first, and the weighted rules that score a lead.
 * A new version applies to leads graded from then on; open leads move only on an explicit regrade.
 */
public record GradingPolicy(int version, List<GradeLevel> levels, GradingRules rules) {

    public static final int MIN_LEVELS = 3;
    public static final int MAX_LEVELS = 5;
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,31}");
    private static final int MAX_POINTS = 100;

    /**
     * The template's Step 2.1: explicit need + budget fits + decision within a month is HIGH (25 + 15 + 40 = 80);
     * initial interest + 1-3 months is MEDIUM (10 + 20 = 30); only aware, 3+ months or unknown is LOW. The
     * decision-cycle gates make "longer than 3 months or unknown" LOW whatever else the lead scores.
     */
    public static GradingPolicy defaults() {
        List<GradeLevel> levels = List.of(
                new GradeLevel("HIGH", "高意向", "High intent", 70, 30),
                new GradeLevel("MEDIUM", "中意向", "Medium intent", 30, 90),
                new GradeLevel("LOW", "低意向", "Low intent", 0, null));
        Map<String, Integer> intent = new LinkedHashMap<>();
        intent.put("HIGH", 10);
        intent.put("MEDIUM", 5);
        intent.put("LOW", 0);
        Map<String, Integer> customerTypes = new LinkedHashMap<>();
        customerTypes.put("ENTERPRISE", 5);
        customerTypes.put("GOVERNMENT", 5);
        // Intake's code for 中小企业 (Codes.CUSTOMER_TYPES); "SME" scored nothing because no lead ever carried it.
        customerTypes.put("SMB", 3);
        customerTypes.put("INDIVIDUAL", 0);
        GradingRules rules = new GradingRules(
                new GradingRules.DeclaredIntent(intent),
                new GradingRules.NeedClarity(
                        List.of("暂无", "没有需求", "无明确", "不需要", "仅知晓", "no need", "not interested"),
                        List.of("需要", "需求", "采购", "购买", "计划", "上线", "替换", "升级", "招标", "选型",
                                "need", "buy", "purchase", "replace", "upgrade", "tender", "rfp"),
                        25,
                        List.of("了解", "知晓", "咨询", "感兴趣", "兴趣", "看看", "考虑", "关注",
                                "interest", "learn", "explore", "curious"),
                        10),
                new GradingRules.BudgetFit(new BigDecimal("50000"), new BigDecimal("1000000"), "CNY", 15, 8),
                new GradingRules.DecisionCycle(List.of(
                        new GradingRules.DecisionCycle.Band(30, 40),
                        new GradingRules.DecisionCycle.Band(90, 20))),
                new GradingRules.CustomerType(customerTypes),
                new GradingRules.CompanySize(List.of(new GradingRules.CompanySize.Band(50, 5))));
        return new GradingPolicy(1, levels, rules);
    }

    public GradingPolicy withVersion(int newVersion) {
        return new GradingPolicy(newVersion, levels, rules);
    }

    /** The most a lead can score: the best outcome of every rule. */
    public int maxScore() {
        if (rules == null) {
            return 0;
        }
        int max = 0;
        if (rules.declaredIntent() != null && rules.declaredIntent().points() != null) {
            max += positiveMax(rules.declaredIntent().points().values());
        }
        if (rules.needClarity() != null) {
            max += Math.max(0, Math.max(rules.needClarity().explicitPoints(), rules.needClarity().interestPoints()));
        }
        if (rules.budgetFit() != null) {
            max += Math.max(0, Math.max(rules.budgetFit().fitsPoints(), rules.budgetFit().partialPoints()));
        }
        if (rules.decisionCycle() != null && rules.decisionCycle().bands() != null) {
            max += positiveMax(rules.decisionCycle().bands().stream().map(GradingRules.DecisionCycle.Band::points).toList());
        }
        if (rules.customerType() != null && rules.customerType().points() != null) {
            max += positiveMax(rules.customerType().points().values());
        }
        if (rules.companySize() != null && rules.companySize().bands() != null) {
            max += positiveMax(rules.companySize().bands().stream().map(GradingRules.CompanySize.Band::points).toList());
        }
        return max;
    }

    private static int positiveMax(java.util.Collection<Integer> values) {
        return Math.max(0, values.stream().filter(java.util.Objects::nonNull).mapToInt(Integer::intValue).max().orElse(0));
    }

    public Optional<GradeLevel> level(String code) {
        return levels.stream().filter(l -> l.code().equals(code)).findFirst();
    }

    public List<String> codes() {
        return levels.stream().map(GradeLevel::code).toList();
    }

    /**
     * What a person typed or an import carried (高意向, 高, high, HIGH, a level's zh or en label) as a level code of
     * this policy. Short forms 高/中/低 map to the top, middle and bottom level.
     */
    public Optional<String> resolve(String typed) {
        if (typed == null || typed.isBlank()) {
            return Optional.empty();
        }
        String t = typed.strip();
        for (GradeLevel level : levels) {
            if (level.code().equalsIgnoreCase(t) || t.equals(level.labelZh())
                    || (level.labelEn() != null && level.labelEn().equalsIgnoreCase(t))) {
                return Optional.of(level.code());
            }
        }
        String bare = t.replace("意向", "").replace("级", "").strip();
        int index = switch (bare.toUpperCase(Locale.ROOT)) {
            case "高", "H" -> 0;
            case "中", "M" -> levels.size() / 2;
            case "低", "L" -> levels.size() - 1;
            default -> -1;
        };
        return index < 0 ? Optional.empty() : Optional.of(levels.get(index).code());
    }

    /** Everything wrong with this policy; empty when it may be saved. */
    public List<Violation> validate() {
        List<Violation> errors = new ArrayList<>();
        if (levels == null || levels.size() < MIN_LEVELS || levels.size() > MAX_LEVELS) {
            errors.add(new Violation("levels", "must have between " + MIN_LEVELS + " and " + MAX_LEVELS
                    + " levels, highest first (got " + (levels == null ? 0 : levels.size()) + ")"));
            return errors;
        }
        Set<String> codes = new HashSet<>();
        int maxScore = maxScore();
        for (int i = 0; i < levels.size(); i++) {
            GradeLevel level = levels.get(i);
            String at = "levels[" + i + "]";
            if (level == null) {
                errors.add(new Violation(at, "must not be null"));
                continue;
            }
            if (level.code() == null || !CODE.matcher(level.code()).matches()) {
                errors.add(new Violation(at + ".code", "must be UPPER_SNAKE letters and digits, e.g. HIGH"));
            } else if (!codes.add(level.code())) {
                errors.add(new Violation(at + ".code", "'" + level.code() + "' is used by two levels"));
            }
            if (Text.blank(level.labelZh())) {
                errors.add(new Violation(at + ".labelZh", "must not be blank, e.g. 高意向"));
            }
            if (Text.blank(level.labelEn())) {
                errors.add(new Violation(at + ".labelEn", "must not be blank, e.g. High intent"));
            }
            if (level.maxDecisionCycleDays() != null && level.maxDecisionCycleDays() <= 0) {
                errors.add(new Violation(at + ".maxDecisionCycleDays", "must be a positive number of days or null"));
            }
            if (i > 0 && levels.get(i - 1) != null && level.minScore() >= levels.get(i - 1).minScore()) {
                errors.add(new Violation(at + ".minScore", "must be lower than the level above ("
                        + levels.get(i - 1).minScore() + "): thresholds go from highest level to lowest and a level "
                        + "with the same threshold as the one above would be empty"));
            }
            if (i == levels.size() - 1) {
                if (level.minScore() != 0) {
                    errors.add(new Violation(at + ".minScore", "the lowest level must start at 0 so every lead gets a grade"));
                }
                if (level.maxDecisionCycleDays() != null) {
                    errors.add(new Violation(at + ".maxDecisionCycleDays",
                            "the lowest level takes every lead that passes no gate; it cannot have one"));
                }
            } else if (level.minScore() > maxScore) {
                errors.add(new Violation(at + ".minScore", "no lead can reach " + level.minScore()
                        + ": the rules give at most " + maxScore + " points, so the level would be empty"));
            }
        }
        validateRules(errors);
        return errors;
    }

    private void validateRules(List<Violation> errors) {
        if (rules == null) {
            errors.add(new Violation("rules", "must be given"));
            return;
        }
        if (rules.declaredIntent() == null || rules.declaredIntent().points() == null) {
            errors.add(new Violation("rules.declaredIntent.points", "must be given (use {} to ignore declared intent)"));
        } else {
            rules.declaredIntent().points().forEach((k, v) -> points(errors, "rules.declaredIntent.points." + k, v));
        }
        GradingRules.NeedClarity need = rules.needClarity();
        if (need == null) {
            errors.add(new Violation("rules.needClarity", "must be given"));
        } else {
            keywords(errors, "rules.needClarity.noNeedKeywords", need.noNeedKeywords());
            keywords(errors, "rules.needClarity.explicitKeywords", need.explicitKeywords());
            keywords(errors, "rules.needClarity.interestKeywords", need.interestKeywords());
            points(errors, "rules.needClarity.explicitPoints", need.explicitPoints());
            points(errors, "rules.needClarity.interestPoints", need.interestPoints());
        }
        GradingRules.BudgetFit budget = rules.budgetFit();
        if (budget == null) {
            errors.add(new Violation("rules.budgetFit", "must be given"));
        } else {
            if (budget.expectedMin() == null || budget.expectedMax() == null || budget.expectedMin().signum() < 0
                    || budget.expectedMin().compareTo(budget.expectedMax()) > 0) {
                errors.add(new Violation("rules.budgetFit", "expectedMin and expectedMax must be given, 0 or more, min ≤ max"));
            }
            if (Text.blank(budget.currency()) || !budget.currency().matches("[A-Z]{3}")) {
                errors.add(new Violation("rules.budgetFit.currency", "must be an ISO 4217 code such as CNY"));
            }
            points(errors, "rules.budgetFit.fitsPoints", budget.fitsPoints());
            points(errors, "rules.budgetFit.partialPoints", budget.partialPoints());
        }
        GradingRules.DecisionCycle cycle = rules.decisionCycle();
        if (cycle == null || cycle.bands() == null) {
            errors.add(new Violation("rules.decisionCycle.bands", "must be given (use [] to ignore the decision cycle)"));
        } else {
            for (int i = 0; i < cycle.bands().size(); i++) {
                GradingRules.DecisionCycle.Band band = cycle.bands().get(i);
                String at = "rules.decisionCycle.bands[" + i + "]";
                if (band == null || band.maxDays() <= 0) {
                    errors.add(new Violation(at + ".maxDays", "must be a positive number of days"));
                    continue;
                }
                if (i > 0 && cycle.bands().get(i - 1) != null && band.maxDays() <= cycle.bands().get(i - 1).maxDays()) {
                    errors.add(new Violation(at + ".maxDays", "bands must go from the shortest cycle to the longest"));
                }
                points(errors, at + ".points", band.points());
            }
        }
        if (rules.customerType() == null || rules.customerType().points() == null) {
            errors.add(new Violation("rules.customerType.points", "must be given (use {} to ignore customer type)"));
        } else {
            rules.customerType().points().forEach((k, v) -> points(errors, "rules.customerType.points." + k, v));
        }
        GradingRules.CompanySize size = rules.companySize();
        if (size == null || size.bands() == null) {
            errors.add(new Violation("rules.companySize.bands", "must be given (use [] to ignore company size)"));
        } else {
            for (int i = 0; i < size.bands().size(); i++) {
                GradingRules.CompanySize.Band band = size.bands().get(i);
                String at = "rules.companySize.bands[" + i + "]";
                if (band == null || band.minEmployees() < 0) {
                    errors.add(new Violation(at + ".minEmployees", "must be 0 or more"));
                    continue;
                }
                if (i > 0 && size.bands().get(i - 1) != null && band.minEmployees() >= size.bands().get(i - 1).minEmployees()) {
                    errors.add(new Violation(at + ".minEmployees", "bands must go from the largest company to the smallest"));
                }
                points(errors, at + ".points", band.points());
            }
        }
    }

    private static void points(List<Violation> errors, String field, Integer value) {
        if (value == null || value < -MAX_POINTS || value > MAX_POINTS) {
            errors.add(new Violation(field, "must be between -" + MAX_POINTS + " and " + MAX_POINTS + " points"));
        }
    }

    private static void keywords(List<Violation> errors, String field, List<String> words) {
        if (words == null) {
            errors.add(new Violation(field, "must be given (use [] for none)"));
            return;
        }
        for (int i = 0; i < words.size(); i++) {
            if (Text.blank(words.get(i))) {
                errors.add(new Violation(field + "[" + i + "]", "must not be blank"));
            }
        }
    }
}
