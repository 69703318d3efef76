package io.leadflow.events.contract;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The headline of a policy lab run a policy version was activated from: the period it was tried on, how many leads,
 * and one measure under the policy then in force ({@code before}) and under the draft ({@code after}). For an
 * assignment dry run {@code before} is what really happened.
 *
 * @param kind    GRADING_BACKTEST, ASSIGNMENT_DRY_RUN or CADENCE_WHAT_IF
 * @param measure TOP_GRADE_LIFT (top grade's conversion over the average), TOP_GRADE_TO_SENIOR_PERCENT (top-grade
 *                leads that reached a senior rep) or FIRST_RESPONSE_SLA_PERCENT (first responses in time)
 */
public record PolicyTrial(String kind, LocalDate from, LocalDate to, int leads, String measure, BigDecimal before,
                          BigDecimal after, String ranBy, Instant ranAt) {
}
