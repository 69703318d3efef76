package io.leadflow.intake.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of a lead correction as its OpenAPI document shows it: a JSON merge patch (RFC 7396) of the correctable
 * fields, each optional, {@code null} clearing it, with a {@code reason}. The resource reads the patch as JSON (only
 * the fields sent change); this type names them for a generated client, and a test keeps it equal to
 * {@code LeadService.CORRECTABLE}.
 */
@Schema(name = "LeadCorrection", description = "A JSON merge patch of the fields to correct: send only those that "
        + "change; null clears one. The same shapes as a capture.")
public record LeadCorrection(
        String customerName,
        String contactName,
        String phone,
        String email,
        String wechat,
        String source,
        String sourceDetail,
        CaptureLeadRequest.UtmInput utm,
        String needDescription,
        String industry,
        String region,
        String companySize,
        String customerType,
        @Schema(oneOf = {String.class, CaptureLeadRequest.BudgetInput.class},
                description = "The budget as typed (10-15万, 待确认) or as a range {min, max, currency}")
        CaptureLeadRequest.BudgetInput budget,
        String decisionCycle,
        String declaredIntent,
        String namedOwner,
        String registeredAt,
        CaptureLeadRequest.ConsentInput consent,
        @Schema(description = "Why, shown in the lead's changes (e.g. 客户电话确认)", maxLength = 500) String reason) {
}
