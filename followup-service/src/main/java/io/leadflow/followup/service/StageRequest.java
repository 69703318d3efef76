package io.leadflow.followup.service;

import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

public record StageRequest(
        @Schema(description = "NEW, CONTACTED, NEEDS_CONFIRMED, PROPOSAL, NEGOTIATION, NURTURING (or 已联系, 需求确认, 方案, 谈判, 培育 ...)",
                example = "NEEDS_CONFIRMED") String stage,
        @Schema(description = "Why; required to reopen a lost lead", example = "客户确认预算12万,需要定制方案") @Size(max = 1000) String reason) {
}
