package io.leadflow.intake.service;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;

import io.leadflow.events.contract.Budget;
import io.leadflow.events.contract.Consent;
import io.leadflow.events.contract.EventJson;
import io.leadflow.events.contract.LeadProfile;
import io.leadflow.events.contract.Reason;
import io.leadflow.events.contract.Utm;
import io.leadflow.intake.domain.BudgetParser;
import io.leadflow.intake.domain.ContactCheck;
import io.leadflow.intake.domain.DuplicateKeys;
import io.leadflow.intake.domain.LeadDraft;
import io.leadflow.intake.domain.RawLead;
import io.leadflow.intake.repository.LeadEntity;

/** Between the lead row, the domain draft and the event contract's profile. */
public final class LeadMapper {

    private LeadMapper() {
    }

    /** Copies a draft's fields onto the row, with the phone in E.164 and the duplicate keys it will be found by. */
    public static void apply(LeadDraft d, LeadEntity e) {
        ContactCheck contact = d.contact();
        apply(d, contact, DuplicateKeys.of(contact, d.customerName()), e);
    }

    /** With the contact check and duplicate keys the caller already made for this draft. */
    public static void apply(LeadDraft d, ContactCheck contact, DuplicateKeys keys, LeadEntity e) {
        e.customerName = d.customerName();
        e.contactName = d.contactName();
        e.phone = contact.phoneE164();
        e.phoneRaw = contact.phoneRaw();
        e.email = contact.email();
        e.wechat = d.wechat();
        e.source = d.source().name();
        e.sourceDetail = d.sourceDetail();
        Utm utm = d.utm();
        e.utmSource = utm == null ? null : utm.source();
        e.utmMedium = utm == null ? null : utm.medium();
        e.utmCampaign = utm == null ? null : utm.campaign();
        e.utmTerm = utm == null ? null : utm.term();
        e.utmContent = utm == null ? null : utm.content();
        e.needDescription = d.needDescription();
        e.industry = d.industry();
        e.region = d.region();
        e.companySize = d.companySize();
        e.customerType = d.customerType();
        Budget b = d.budget();
        e.budgetMin = b == null ? null : b.min();
        e.budgetMax = b == null ? null : b.max();
        e.budgetCurrency = b == null ? null : b.currency();
        e.budgetText = b == null ? null : b.text();
        e.decisionCycleDays = d.decisionCycleDays();
        e.decisionCycleText = d.decisionCycleText();
        e.declaredIntent = d.declaredIntent() == null ? null : d.declaredIntent().name();
        e.givenGrade = d.givenGrade() == null ? null : d.givenGrade().name();
        e.namedOwner = d.namedOwner();
        Consent c = d.consent();
        e.consentGranted = c == null ? null : c.granted();
        e.consentAt = c == null ? null : c.at();
        e.consentText = c == null ? null : c.text();
        e.registeredAt = d.registeredAt();
        e.phoneKey = keys.phone();
        e.emailKey = keys.email();
        e.companyKey = keys.company();
    }

    public static LeadProfile profile(LeadEntity e) {
        return new LeadProfile(e.customerName, e.contactName, e.phone, e.email, e.wechat, e.source, e.sourceDetail,
                utm(e), e.needDescription, e.industry, e.region, e.companySize, e.customerType, budget(e),
                e.decisionCycleDays, e.declaredIntent, e.givenGrade, e.namedOwner, consent(e), e.registeredAt);
    }

    public static Utm utm(LeadEntity e) {
        if (e.utmSource == null && e.utmMedium == null && e.utmCampaign == null && e.utmTerm == null
                && e.utmContent == null) {
            return null;
        }
        return new Utm(e.utmSource, e.utmMedium, e.utmCampaign, e.utmTerm, e.utmContent);
    }

    public static Budget budget(LeadEntity e) {
        if (e.budgetMin == null && e.budgetMax == null && e.budgetText == null) {
            return null;
        }
        return new Budget(BudgetParser.plain(e.budgetMin), BudgetParser.plain(e.budgetMax),
                e.budgetCurrency == null ? BudgetParser.DEFAULT_CURRENCY : e.budgetCurrency, e.budgetText);
    }

    public static Consent consent(LeadEntity e) {
        return e.consentGranted == null ? null : new Consent(e.consentGranted, e.consentAt, e.consentText);
    }

    /** The lead as text again, so a correction is read by the same parser as a capture. */
    public static RawLead raw(LeadEntity e) {
        return new RawLead(e.externalRef, e.customerName, e.contactName, e.phoneRaw != null ? e.phoneRaw : e.phone,
                e.email, e.wechat, e.source, e.sourceDetail, e.utmSource, e.utmMedium, e.utmCampaign, e.utmTerm,
                e.utmContent, e.needDescription, e.industry, e.region,
                e.companySize == null ? null : e.companySize.toString(), e.customerType, e.budgetText,
                e.budgetMin, e.budgetMax, e.budgetCurrency,
                e.decisionCycleText != null ? e.decisionCycleText
                        : e.decisionCycleDays == null ? null : e.decisionCycleDays + "天",
                e.declaredIntent, e.givenGrade, e.namedOwner, e.consentGranted, e.consentText,
                e.registeredAt == null ? null : e.registeredAt.toString());
    }

    public static String json(Object value) {
        try {
            return value == null ? null : EventJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    public static List<Reason> reasons(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            return EventJson.mapper().readValue(json, new TypeReference<List<Reason>>() {
            });
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
