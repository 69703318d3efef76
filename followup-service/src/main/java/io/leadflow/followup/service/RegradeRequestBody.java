package io.leadflow.followup.service;

import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

public record RegradeRequestBody(
        @Schema(description = "Grade code or 高意向/中意向/低意向", example = "HIGH") String suggestedGrade,
        @Schema(example = "客户明确了预算和上线时间") @Size(max = 1000) String reason) {
}
