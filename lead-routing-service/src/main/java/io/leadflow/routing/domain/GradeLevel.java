package io.leadflow.routing.domain;

import io.leadflow.events.vocabulary.Language;

/**
 * One level of the grading scale, e.g. {@code HIGH} 高意向. A lead reaches the highest level whose {@code minScore}
 * it scores and whose decision-cycle gate it passes.
 *
 * @param maxDecisionCycleDays the template's hard limit for the level (HIGH: decision within 30 days); a lead
 *                             whose cycle is longer or unknown falls to the next level. Null means no gate.
 */
public record GradeLevel(String code, String labelZh, String labelEn, int minScore, Integer maxDecisionCycleDays) {

    /** The level's word for a reader; a policy names its own levels, so these are its words, not the suite's. */
    public String label(Language language) {
        return language.pick(labelZh, labelEn);
    }
}
