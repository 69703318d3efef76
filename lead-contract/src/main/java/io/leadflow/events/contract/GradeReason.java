package io.leadflow.events.contract;

/** One rule's contribution to a grade, e.g. rule {@code DECISION_CYCLE}, "decision cycle 30 days ≤ 30", +40. */
public record GradeReason(String rule, String detail, int points) {
}
