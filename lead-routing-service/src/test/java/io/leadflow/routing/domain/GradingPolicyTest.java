package io.leadflow.routing.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import io.leadflow.events.domain.Violation;
import org.junit.jupiter.api.Test;

class GradingPolicyTest {

    private final GradingPolicy defaults = GradingPolicy.defaults();

    private GradingPolicy withLevels(List<GradeLevel> levels) {
        return new GradingPolicy(1, levels, defaults.rules());
    }

    private static List<String> fields(List<Violation> violations) {
        return violations.stream().map(Violation::field).toList();
    }

    @Test
    void theDefaultsAreValidAndScoreAtMostOneHundred() {
        assertThat(defaults.validate()).isEmpty();
        assertThat(defaults.maxScore()).isEqualTo(100);
        assertThat(defaults.codes()).containsExactly("HIGH", "MEDIUM", "LOW");
        assertThat(defaults.level("HIGH").orElseThrow().labelZh()).isEqualTo("高意向");
    }

    @Test
    void fewerThanThreeOrMoreThanFiveLevelsIsRefused() {
        assertThat(fields(withLevels(defaults.levels().subList(0, 2)).validate())).containsExactly("levels");
        List<GradeLevel> six = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            six.add(new GradeLevel("L" + i, "级" + i, "Level " + i, 50 - i * 10, null));
        }
        assertThat(fields(withLevels(six).validate())).containsExactly("levels");
    }

    @Test
    void fiveLevelsWithDescendingThresholdsAreAccepted() {
        List<GradeLevel> five = List.of(new GradeLevel("A", "A级", "A", 80, 30), new GradeLevel("B", "B级", "B", 60, 60),
                new GradeLevel("C", "C级", "C", 40, 90), new GradeLevel("D", "D级", "D", 20, null),
                new GradeLevel("E", "E级", "E", 0, null));
        assertThat(withLevels(five).validate()).isEmpty();
    }

    @Test
    void thresholdsOutOfOrderOrEqualMakeAnEmptyLevelAndAreRefused() {
        List<GradeLevel> levels = List.of(new GradeLevel("HIGH", "高意向", "High", 30, null),
                new GradeLevel("MEDIUM", "中意向", "Medium", 70, null), new GradeLevel("LOW", "低意向", "Low", 0, null));
        assertThat(fields(withLevels(levels).validate())).containsExactly("levels[1].minScore");
        List<GradeLevel> same = List.of(new GradeLevel("HIGH", "高意向", "High", 50, null),
                new GradeLevel("MEDIUM", "中意向", "Medium", 50, null), new GradeLevel("LOW", "低意向", "Low", 0, null));
        assertThat(fields(withLevels(same).validate())).containsExactly("levels[1].minScore");
    }

    @Test
    void aLevelNoLeadCanReachIsRefused() {
        List<GradeLevel> levels = List.of(new GradeLevel("HIGH", "高意向", "High", 150, null),
                new GradeLevel("MEDIUM", "中意向", "Medium", 30, null), new GradeLevel("LOW", "低意向", "Low", 0, null));
        assertThat(withLevels(levels).validate()).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("at most 100 points"));
    }

    @Test
    void theLowestLevelStartsAtZeroWithoutAGate() {
        List<GradeLevel> levels = List.of(new GradeLevel("HIGH", "高意向", "High", 70, 30),
                new GradeLevel("MEDIUM", "中意向", "Medium", 30, 90), new GradeLevel("LOW", "低意向", "Low", 10, 120));
        assertThat(fields(withLevels(levels).validate()))
                .containsExactly("levels[2].minScore", "levels[2].maxDecisionCycleDays");
    }

    @Test
    void duplicateOrMalformedCodesAndBlankLabelsAreRefused() {
        List<GradeLevel> levels = List.of(new GradeLevel("HIGH", "高意向", "High", 70, null),
                new GradeLevel("HIGH", "", "Medium", 30, null), new GradeLevel("low", "低意向", " ", 0, null));
        assertThat(fields(withLevels(levels).validate())).containsExactlyInAnyOrder("levels[1].code",
                "levels[1].labelZh", "levels[2].code", "levels[2].labelEn");
    }

    @Test
    void ruleWeightsAndBandsAreChecked() {
        var r = defaults.rules();
        var bad = new GradingPolicy(1, defaults.levels(), new GradingRules(r.declaredIntent(), r.needClarity(),
                new GradingRules.BudgetFit(new java.math.BigDecimal("10"), java.math.BigDecimal.ONE, "rmb", 500, 0),
                new GradingRules.DecisionCycle(List.of(new GradingRules.DecisionCycle.Band(90, 20),
                        new GradingRules.DecisionCycle.Band(30, 40))),
                r.customerType(), r.companySize()));
        assertThat(fields(bad.validate())).contains("rules.budgetFit", "rules.budgetFit.currency",
                "rules.budgetFit.fitsPoints", "rules.decisionCycle.bands[1].maxDays");
    }

    @Test
    void gradesAreTypedAsCodesLabelsOrTheTemplatesWords() {
        assertThat(defaults.resolve("高意向")).contains("HIGH");
        assertThat(defaults.resolve("中")).contains("MEDIUM");
        assertThat(defaults.resolve("low")).contains("LOW");
        assertThat(defaults.resolve("Medium intent")).contains("MEDIUM");
        assertThat(defaults.resolve("URGENT")).isEmpty();
    }
}
