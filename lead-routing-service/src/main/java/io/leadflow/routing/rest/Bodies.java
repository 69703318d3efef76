package io.leadflow.routing.rest;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.leadflow.routing.domain.AssignmentRule;
import io.leadflow.routing.domain.GradeLevel;
import io.leadflow.routing.domain.GradingRules;

/** Request bodies. */
public final class Bodies {

    private Bodies() {
    }

    /**
     * @param basedOnVersion optional: the version the change was made on; a newer policy in force answers 409
     * @param reason         optional: why, shown in the versions list (who and when come from the token)
     */
    // What GET answers beside the policy itself: a client may send the document it read back with its changes, and
    // these are ignored (the version comes from If-Match, who and when from the token); any other unknown field is a
    // 400 naming it.
    @JsonIgnoreProperties({"version", "createdAt", "changedBy", "changedAt", "maxScore", "regrades"})
    public record GradingPolicyInput(@org.eclipse.microprofile.openapi.annotations.media.Schema(deprecated = true, description = "The version the change was made on; send its ETag in If-Match instead (412 when stale)")
                                     Integer basedOnVersion, @NotNull List<GradeLevel> levels,
                                     @NotNull GradingRules rules, @Size(max = 500) String reason,
                                     BacktestInput backtest) {
    }

    @JsonIgnoreProperties({"version", "createdAt", "changedBy", "changedAt"})
    public record AssignmentPolicyInput(@org.eclipse.microprofile.openapi.annotations.media.Schema(deprecated = true, description = "The version the change was made on; send its ETag in If-Match instead (412 when stale)")
                                        Integer basedOnVersion, @NotNull List<AssignmentRule> rules,
                                        @Size(max = 500) String reason, BacktestInput backtest) {
    }

    /**
     * On a policy PUT: the period the version was tried on (what a backtest or dry run answers under
     * {@code activate.body.backtest}). The service runs it again for exactly the version saved and stores those
     * figures; a {@code reason} is then required.
     *
     * @param givenGrades grading only: KEEP (default) or SCORE, as in the backtest
     */
    public record BacktestInput(@Size(max = 20) String period, @Size(max = 20) String from, @Size(max = 20) String to,
                                @Size(max = 10) String givenGrades) {
    }

    /**
     * A draft grading policy (the shape of PUT /grading-policy) and the past period to grade with it: {@code period}
     * (2026-Q3, 2026-07, 2026) or {@code from}/{@code to} (dates or months, both inclusive).
     *
     * @param givenGrades KEEP (default: imported grades stay, as live grading keeps them) or SCORE (the rules grade
     *                    every lead)
     */
    public record GradingBacktestInput(@NotNull List<GradeLevel> levels, @NotNull GradingRules rules,
                                       @Size(max = 20) String period, @Size(max = 20) String from,
                                       @Size(max = 20) String to, @Size(max = 10) String givenGrades) {
    }

    /**
     * Draft assignment rules (the shape of PUT /assignment-policy), optionally a draft roster (reps as POST /reps
     * takes them; left out, the active roster), and the past period to replay.
     */
    public record AssignmentDryRunInput(@NotNull List<AssignmentRule> rules,
                                        @Size(max = 1000) List<io.leadflow.routing.service.RosterService.RepInput> roster,
                                        @Size(max = 20) String period, @Size(max = 20) String from,
                                        @Size(max = 20) String to) {
    }

    /**
     * Who regraded is the caller's token user; a {@code requestedBy} in the body is ignored.
     *
     * @param grade a code of the grading policy, or its Chinese words (高意向, 中, 低意向)
     */
    public record RegradeInput(@NotBlank String grade, @NotBlank @Size(max = 500) String reason) {
    }

    /**
     * Who reassigned is the caller's token user; a {@code requestedBy} in the body is ignored.
     *
     * @param toRepId a rep to hand the lead to; left out, the rules choose another rep
     */
    public record ReassignInput(@Size(max = 64) String toRepId, @NotBlank @Size(max = 500) String reason) {
    }
}
