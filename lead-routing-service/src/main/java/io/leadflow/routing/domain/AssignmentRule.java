package io.leadflow.routing.domain;

import java.util.List;

/**
 * One ordered rule: which leads it matches (grade, industry, region, source; an empty list matches any) and which
 * pool of reps takes them (seniorities and/or named reps), picked by a strategy.
 *
 * @param specialty REQUIRED: only reps whose industries or regions include the lead's; PREFERRED: such reps first,
 *                  any rep of the pool when none is free; ANY: ignore specialties
 */
public record AssignmentRule(String id, String name, List<String> grades, List<String> industries,
                             List<String> regions, List<String> sources, List<String> seniorities, List<String> repIds,
                             Specialty specialty, Strategy strategy) {

    public enum Specialty { REQUIRED, PREFERRED, ANY }

    public boolean matches(LeadToRoute lead) {
        return (empty(grades) || grades.contains(lead.grade()))
                && (empty(industries) || Areas.containsSame(industries, lead.industry()))
                && (empty(regions) || Areas.containsSame(regions, lead.region()))
                && (empty(sources) || sources.contains(lead.source()));
    }

    public boolean inPool(Candidate rep) {
        return (seniorities != null && seniorities.contains(rep.seniority().name()))
                || (repIds != null && repIds.contains(rep.repId()));
    }

    /** "HIGH to SENIOR reps (industry or region preferred), LEAST_LOADED" when the rule has no name. */
    public String describe() {
        if (name != null && !name.isBlank()) {
            return name;
        }
        StringBuilder s = new StringBuilder(empty(grades) ? "any grade" : String.join("/", grades)).append(" to ");
        if (!empty(seniorities)) {
            s.append(String.join("/", seniorities)).append(" reps");
        }
        if (!empty(repIds)) {
            s.append(empty(seniorities) ? "" : " and ").append(String.join(", ", repIds));
        }
        return s.toString();
    }

    private static boolean empty(List<String> list) {
        return list == null || list.isEmpty();
    }
}
