package io.leadflow.routing.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.leadflow.events.domain.Violation;

/** A version of the ordered assignment rules; the first matching rule with a free rep in its pool decides. */
public record AssignmentPolicy(int version, List<AssignmentRule> rules) {

    public static final int MAX_RULES = 100;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    /**
     * The template's Step 2.2: high intent to senior reps who know the lead's industry or region, medium to junior
     * reps, low intent to marketing nurture and sales assistants.
     */
    public static AssignmentPolicy defaults() {
        return new AssignmentPolicy(1, List.of(
                new AssignmentRule("high-senior", "HIGH to SENIOR reps, those matching industry or region first",
                        List.of("HIGH"), List.of(), List.of(), List.of(), List.of("SENIOR"), List.of(),
                        AssignmentRule.Specialty.PREFERRED, Strategy.LEAST_LOADED),
                new AssignmentRule("medium-junior", "MEDIUM to JUNIOR reps, those matching industry or region first",
                        List.of("MEDIUM"), List.of(), List.of(), List.of(), List.of("JUNIOR"), List.of(),
                        AssignmentRule.Specialty.PREFERRED, Strategy.ROUND_ROBIN),
                new AssignmentRule("low-nurture", "LOW to marketing nurture and sales assistants",
                        List.of("LOW"), List.of(), List.of(), List.of(), List.of("NURTURE", "ASSISTANT"), List.of(),
                        AssignmentRule.Specialty.ANY, Strategy.ROUND_ROBIN)));
    }

    public Optional<AssignmentRule> rule(String id) {
        return rules.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /** A policy as typed (grades as 高意向, seniorities as 资深销售, sources as 展会) checked and in canonical codes. */
    public static Checked check(List<AssignmentRule> typed, GradingPolicy grading, Set<String> knownRepIds) {
        List<Violation> errors = new ArrayList<>();
        List<AssignmentRule> rules = new ArrayList<>();
        if (typed == null || typed.isEmpty()) {
            errors.add(new Violation("rules", "must list at least one rule"));
            return new Checked(List.of(), errors);
        }
        if (typed.size() > MAX_RULES) {
            errors.add(new Violation("rules", "at most " + MAX_RULES + " rules"));
            return new Checked(List.of(), errors);
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < typed.size(); i++) {
            AssignmentRule rule = typed.get(i);
            String at = "rules[" + i + "]";
            if (rule == null) {
                errors.add(new Violation(at, "must not be null"));
                continue;
            }
            String id = rule.id() == null || rule.id().isBlank() ? "rule-" + (i + 1) : rule.id().strip();
            if (!ID.matcher(id).matches()) {
                errors.add(new Violation(at + ".id", "must be letters, digits, '-' or '_' (at most 64)"));
            } else if (!ids.add(id)) {
                errors.add(new Violation(at + ".id", "'" + id + "' is used by two rules"));
            }
            List<String> grades = new ArrayList<>();
            List<String> typedGrades = orEmpty(rule.grades());
            for (int g = 0; g < typedGrades.size(); g++) {
                Optional<String> code = grading.resolve(typedGrades.get(g));
                if (code.isEmpty()) {
                    errors.add(new Violation(at + ".grades[" + g + "]", "'" + typedGrades.get(g)
                            + "' is not a level of the grading policy " + grading.codes()));
                } else {
                    grades.add(code.get());
                }
            }
            List<String> sources = new ArrayList<>();
            List<String> typedSources = orEmpty(rule.sources());
            for (int s = 0; s < typedSources.size(); s++) {
                String code = LeadSources.normalise(typedSources.get(s));
                if (code == null) {
                    errors.add(new Violation(at + ".sources[" + s + "]", "'" + typedSources.get(s)
                            + "' is not a lead source; use one of " + LeadSources.CODES.stream().sorted().toList()
                            + " or 展会, 官网表单, 合作伙伴推荐, 社交媒体, 客户转介绍"));
                } else {
                    sources.add(code);
                }
            }
            List<String> seniorities = new ArrayList<>();
            List<String> typedSeniorities = orEmpty(rule.seniorities());
            for (int s = 0; s < typedSeniorities.size(); s++) {
                Optional<Seniority> seniority = Seniority.parse(typedSeniorities.get(s));
                if (seniority.isEmpty()) {
                    errors.add(new Violation(at + ".seniorities[" + s + "]", "'" + typedSeniorities.get(s)
                            + "' is not one of SENIOR, JUNIOR, ASSISTANT, NURTURE"));
                } else {
                    seniorities.add(seniority.get().name());
                }
            }
            List<String> repIds = orEmpty(rule.repIds()).stream().map(r -> r == null ? "" : r.strip()).toList();
            for (int r = 0; r < repIds.size(); r++) {
                if (!knownRepIds.contains(repIds.get(r))) {
                    errors.add(new Violation(at + ".repIds[" + r + "]", "rep '" + repIds.get(r)
                            + "' is not on the roster (or is deactivated)"));
                }
            }
            if (seniorities.isEmpty() && repIds.isEmpty() && typedSeniorities.isEmpty()) {
                errors.add(new Violation(at, "must name a pool: seniorities and/or repIds"));
            }
            if (rule.strategy() == null) {
                errors.add(new Violation(at + ".strategy", "must be ROUND_ROBIN or LEAST_LOADED"));
            }
            if (rule.name() != null && rule.name().length() > 200) {
                errors.add(new Violation(at + ".name", "at most 200 characters"));
            }
            rules.add(new AssignmentRule(id, rule.name() == null ? null : rule.name().strip(), List.copyOf(grades),
                    clean(rule.industries()), clean(rule.regions()), List.copyOf(sources), List.copyOf(seniorities),
                    repIds, rule.specialty() == null ? AssignmentRule.Specialty.ANY : rule.specialty(),
                    rule.strategy()));
        }
        return new Checked(errors.isEmpty() ? List.copyOf(rules) : List.of(), errors);
    }

    private static List<String> orEmpty(List<String> list) {
        return list == null ? List.of() : list;
    }

    private static List<String> clean(List<String> list) {
        return orEmpty(list).stream().filter(s -> s != null && !s.isBlank()).map(String::strip).toList();
    }

    public record Checked(List<AssignmentRule> rules, List<Violation> violations) {
        public boolean ok() {
            return violations.isEmpty();
        }
    }
}
