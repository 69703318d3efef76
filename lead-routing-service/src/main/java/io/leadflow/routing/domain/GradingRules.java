package io.leadflow.routing.domain;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The weighted rules a policy scores a lead with. Every rule adds points and says why, so a sales manager can
 * read how a grade came about; setting a rule's points to 0 switches it off.
 */
public record GradingRules(
        DeclaredIntent declaredIntent,
        NeedClarity needClarity,
        BudgetFit budgetFit,
        DecisionCycle decisionCycle,
        CustomerType customerType,
        CompanySize companySize) {

    /** Points for the intent the lead or the capturer declared (HIGH/MEDIUM/LOW). */
    public record DeclaredIntent(Map<String, Integer> points) {
    }

    /**
     * Reads the need description: words that deny a need are checked first, then words of an explicit need, then
     * words of mere interest.
     */
    public record NeedClarity(List<String> noNeedKeywords, List<String> explicitKeywords, int explicitPoints,
                              List<String> interestKeywords, int interestPoints) {
    }

    /** The lead's budget range against the deal size the team expects. */
    public record BudgetFit(BigDecimal expectedMin, BigDecimal expectedMax, String currency, int fitsPoints,
                            int partialPoints) {
    }

    /** Bands by days to decision, shortest first: the first band the cycle fits in gives its points. */
    public record DecisionCycle(List<Band> bands) {
        public record Band(int maxDays, int points) {
        }
    }

    public record CustomerType(Map<String, Integer> points) {
    }

    /** Bands by employees, largest first: the first band the company reaches gives its points. */
    public record CompanySize(List<Band> bands) {
        public record Band(int minEmployees, int points) {
        }
    }
}
