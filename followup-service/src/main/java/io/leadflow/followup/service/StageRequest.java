package io.leadflow.followup.service;

import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

public record StageRequest(
        @Schema(description = "NEW, CONTACTED, NEEDS_CONFIRMED, PROPOSAL, NEGOTIATION, NURTURING (or 已联系, 需求确认, 方案, 谈判, 培育 ...)",
                example = "NEEDS_CONFIRMED") String stage,
        @Schema(description = "Why; required to reopen a lost lead", example = "客户确认预算12万,需要定制方案") @Size(max = 1000) String reason,
        @Schema(description = "When it happened, for history recorded later: an ISO date-time with offset, or a date "
                + "(the end of that working day). Default now. Not in the future, not before the lead was registered "
                + "or its last stage change", example = "2024-03-05") @Size(max = 40) String on) {

    public StageRequest(String stage, String reason) {
        this(stage, reason, null);
    }
}
