package io.leadflow.followup.service;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadflow.events.contract.PolicyTrial;

/** One version of the cadence policy in its history: who published it, when and why. */
public record PolicyVersionView(
        int version,
        @Schema(description = "Who published it; null for version 1, the template's defaults") String changedBy,
        OffsetDateTime changedAt,
        @Schema(example = "清明节放假,首次响应按工作时间计算") String changeReason,
        @Schema(description = "True for the version in force") boolean current,
        @Schema(description = "The what-if it was activated from; null when it was not tried first") PolicyTrial tried) {
}
