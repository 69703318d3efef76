package io.leadflow.intake.domain;

import java.time.Instant;

import io.leadflow.events.contract.Budget;
import io.leadflow.events.contract.Consent;
import io.leadflow.events.contract.Utm;

/**
 * A lead as submitted through any channel, parsed and checked for form (not yet screened): what staff type, what a
 * website form posts, what an imported row holds.
 *
 * @param externalRef the 线索编号 an imported row carried, if any
 */
public record LeadDraft(
        String externalRef,
        String customerName,
        String contactName,
        String phone,
        String email,
        String wechat,
        LeadSource source,
        String sourceDetail,
        Utm utm,
        String needDescription,
        String industry,
        String region,
        Integer companySize,
        String customerType,
        Budget budget,
        Integer decisionCycleDays,
        String decisionCycleText,
        Intent declaredIntent,
        Intent givenGrade,
        String namedOwner,
        Consent consent,
        Instant registeredAt) {

    public ContactCheck contact() {
        return ContactCheck.of(phone, email);
    }
}
