package io.leadflow.intake.rest;

import java.math.BigDecimal;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonCreator;

import io.leadflow.intake.domain.RawLead;

/**
 * Staff capture: the template's Table 1 and more. {@code budget} is the typed text ({@code "10-15万"},
 * {@code "待确认"}) or a range object {@code {min, max, currency}}; {@code companySize} a number or text such as
 * {@code "50-99人"}; {@code registeredAt} a date or date-time with offset, today or earlier.
 *
 * @param leadId an existing 线索编号 when the lead is moved in from another register
 */
public record CaptureLeadRequest(
        String leadId,
        String customerName,
        String contactName,
        String phone,
        String email,
        String wechat,
        String source,
        String sourceDetail,
        UtmInput utm,
        String needDescription,
        String industry,
        String region,
        String companySize,
        String customerType,
        @Schema(oneOf = {String.class, BudgetInput.class}, description = "The budget as typed (10-15万, 待确认) or as "
                + "a range {min, max, currency}", examples = "10-15万")
        BudgetInput budget,
        String decisionCycle,
        String declaredIntent,
        String namedOwner,
        ConsentInput consent,
        String registeredAt) {

    public record UtmInput(String source, String medium, String campaign, String term, String content) {
    }

    public record ConsentInput(boolean granted, String text) {
    }

    /** A budget as text or as numbers. */
    public record BudgetInput(BigDecimal min, BigDecimal max, String currency, String text) {
        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        public BudgetInput {
        }

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public static BudgetInput ofText(String text) {
            return new BudgetInput(null, null, null, text);
        }
    }

    public RawLead toRaw() {
        UtmInput u = utm;
        BudgetInput b = budget;
        return new RawLead(leadId, customerName, contactName, phone, email, wechat, source, sourceDetail,
                u == null ? null : u.source(), u == null ? null : u.medium(), u == null ? null : u.campaign(),
                u == null ? null : u.term(), u == null ? null : u.content(), needDescription, industry, region,
                companySize, customerType, b == null ? null : b.text(), b == null ? null : b.min(),
                b == null ? null : b.max(), b == null ? null : b.currency(), decisionCycle, declaredIntent, null,
                namedOwner, consent == null ? null : consent.granted(), consent == null ? null : consent.text(),
                registeredAt);
    }
}
