package io.leadflow.intake.service;

import java.time.Instant;
import java.util.List;

import io.leadflow.events.contract.Budget;
import io.leadflow.events.contract.Consent;
import io.leadflow.events.contract.Reason;
import io.leadflow.events.contract.Utm;
import io.leadflow.events.vocabulary.Coded;
import io.leadflow.events.vocabulary.Term;
import io.leadflow.intake.repository.LeadEntity;

/**
 * A lead as staff read it. {@code namedOwner} is the 跟进人 typed at capture; {@code ownerId} the rep routing
 * assigned (the one a sales token must carry to see the lead). {@code consentSource} says where the consent was
 * recorded.
 */
public record LeadView(String id, String externalRef, String status, @Coded(Term.CHANNEL) String channel,
                       String customerName, String contactName, String phone, String phoneAsTyped, String email,
                       String wechat, @Coded(Term.SOURCE) String source, String sourceLabel, String sourceDetail,
                       Utm utm, String needDescription, @Coded(Term.INDUSTRY) String industry, String region,
                       Integer companySize, @Coded(Term.CUSTOMER_TYPE) String customerType, Budget budget,
                       Integer decisionCycleDays, String decisionCycleText, String declaredIntent,
                       @Coded(Term.GRADE) String givenGrade, String namedOwner, String ownerId, Instant ownerSince,
                       Consent consent, String consentSource, Instant registeredAt, Instant capturedAt,
                       Instant updatedAt, int screeningPolicyVersion, Instant screenedAt, List<Reason> rejectionReasons,
                       Instant erasedAt, String erasedBy, String possibleDuplicateOf,
                       @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "The lead staff merged "
                               + "this one into (status MERGED): its touches are there now, and so is the work")
                       String mergedInto, Instant mergedAt, String mergedBy,
                       @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "Goes up with every change of the " + "lead; the ETag is this number, which a correction sends back in If-Match") int version) {

    public static LeadView of(LeadEntity e) {
        String label;
        try {
            label = io.leadflow.intake.domain.LeadSource.valueOf(e.source).label();
        } catch (IllegalArgumentException ex) {
            label = e.source;
        }
        return new LeadView(e.id, e.externalRef, e.status, e.channel, e.customerName, e.contactName, e.phone,
                e.phoneRaw, e.email, e.wechat, e.source, label, e.sourceDetail, LeadMapper.utm(e), e.needDescription,
                e.industry, e.region, e.companySize, e.customerType, LeadMapper.budget(e), e.decisionCycleDays,
                e.decisionCycleText, e.declaredIntent, e.givenGrade, e.namedOwner, e.ownerId, e.ownerSince,
                LeadMapper.consent(e), e.consentSource,
                e.registeredAt, e.capturedAt, e.updatedAt, e.screeningPolicyVersion, e.screenedAt,
                LeadMapper.reasons(e.rejectionReasons), e.erasedAt, e.erasedBy, e.possibleDuplicateOf, e.mergedInto, e.mergedAt, e.mergedBy,
                e.version);
    }
}
