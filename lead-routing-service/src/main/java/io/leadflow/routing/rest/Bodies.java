package io.leadflow.routing.rest;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

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
    public record GradingPolicyInput(Integer basedOnVersion, @NotNull List<GradeLevel> levels,
                                     @NotNull GradingRules rules, @Size(max = 500) String reason) {
    }

    public record AssignmentPolicyInput(Integer basedOnVersion, @NotNull List<AssignmentRule> rules,
                                        @Size(max = 500) String reason) {
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
