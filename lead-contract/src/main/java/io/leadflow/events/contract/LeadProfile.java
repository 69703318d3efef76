package io.leadflow.events.contract;

import java.time.Instant;

/**
 * Everything downstream services need to know about a lead: routing grades and assigns from it, follow-up shows
 * it to the owner, analytics groups by it. Contact fields are personal data and are erased on {@code LeadErased}.
 *
 * @param phone            E.164, validated by intake
 * @param companySize      number of employees, when known
 * @param decisionCycleDays parsed from the template's text (1个月 = 30), null when unknown
 * @param declaredIntent   intent as the lead or the capturer declared it (HIGH/MEDIUM/LOW), null when not said
 * @param givenGrade       a grade that came with the lead (an imported 意向等级), kept as given
 * @param namedOwner       the 跟进人 named at capture or import, matched against the roster by routing
 */
public record LeadProfile(
        String customerName,
        String contactName,
        String phone,
        String email,
        String wechat,
        String source,
        String sourceDetail,
        Utm utm,
        String needDescription,
        String industry,
        String region,
        Integer companySize,
        String customerType,
        Budget budget,
        Integer decisionCycleDays,
        String declaredIntent,
        String givenGrade,
        String namedOwner,
        Consent consent,
        Instant registeredAt) {

    /**
     * What may stay once the lead is erased: the codes and numbers grading, routing and analysis use (source,
     * industry, region, size, type, the budget's numbers, the decision cycle, intent, a given grade, the registration
     * date); no name, contact, typed text, campaign, named owner or consent record.
     */
    public LeadProfile withoutPersonalData() {
        Budget numbers = budget == null ? null : new Budget(budget.min(), budget.max(), budget.currency(), null);
        return new LeadProfile(null, null, null, null, null, source, null, null, null, industry, region, companySize,
                customerType, numbers, decisionCycleDays, declaredIntent, givenGrade, null, null, registeredAt);
    }
}
