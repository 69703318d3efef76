package io.leadflow.intake.repository;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.DynamicUpdate;

/** A lead row; never leaves the service (resources answer records built from it). */
@Entity
@Table(name = "lead")
// Only changed columns are written: the owner columns are set by routing's events with a plain UPDATE, and a
// correction saved at the same time must not write back the owner it loaded.
@DynamicUpdate
public class LeadEntity {

    @Id
    public String id;
    @Column(name = "external_ref")
    public String externalRef;
    public String status;
    public String channel;
    @Column(name = "customer_name")
    public String customerName;
    @Column(name = "contact_name")
    public String contactName;
    public String phone;
    @Column(name = "phone_raw")
    public String phoneRaw;
    public String email;
    public String wechat;
    public String source;
    @Column(name = "source_detail")
    public String sourceDetail;
    @Column(name = "utm_source")
    public String utmSource;
    @Column(name = "utm_medium")
    public String utmMedium;
    @Column(name = "utm_campaign")
    public String utmCampaign;
    @Column(name = "utm_term")
    public String utmTerm;
    @Column(name = "utm_content")
    public String utmContent;
    @Column(name = "need_description")
    public String needDescription;
    public String industry;
    public String region;
    @Column(name = "company_size")
    public Integer companySize;
    @Column(name = "customer_type")
    public String customerType;
    @Column(name = "budget_min")
    public BigDecimal budgetMin;
    @Column(name = "budget_max")
    public BigDecimal budgetMax;
    @Column(name = "budget_currency")
    public String budgetCurrency;
    @Column(name = "budget_text")
    public String budgetText;
    @Column(name = "decision_cycle_days")
    public Integer decisionCycleDays;
    @Column(name = "decision_cycle_text")
    public String decisionCycleText;
    @Column(name = "declared_intent")
    public String declaredIntent;
    @Column(name = "given_grade")
    public String givenGrade;
    @Column(name = "named_owner")
    public String namedOwner;
    @Column(name = "consent_granted")
    public Boolean consentGranted;
    @Column(name = "consent_at")
    public Instant consentAt;
    @Column(name = "consent_text")
    public String consentText;
    @Column(name = "registered_at")
    public Instant registeredAt;
    @Column(name = "captured_at")
    public Instant capturedAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "screening_policy_version")
    public int screeningPolicyVersion;
    @Column(name = "screened_at")
    public Instant screenedAt;
    /** JSON array of {code, message}. */
    @Column(name = "rejection_reasons")
    public String rejectionReasons;
    @Column(name = "phone_key")
    public String phoneKey;
    @Column(name = "email_key")
    public String emailKey;
    @Column(name = "company_key")
    public String companyKey;
    @Column(name = "erased_at")
    public Instant erasedAt;
    @Column(name = "erased_by")
    public String erasedBy;
    /** The owner routing last announced (its rep id); a sales token sees the lead only when this is its name. */
    @Column(name = "owner_id")
    public String ownerId;
    @Column(name = "owner_since")
    public Instant ownerSince;
    /** Where the consent was recorded: {@code form:<key> <origin>}, {@code staff:<user>}, {@code import:<id>}. */
    @Column(name = "consent_source")
    public String consentSource;
    /**
     * The lead a public post named the same company as, but no phone or email of: another person of that company,
     * or the same one from another number. Kept apart (each person stays erasable, and nobody reads a stranger's
     * words on their lead) and linked for staff to judge.
     */
    @Column(name = "possible_duplicate_of")
    public String possibleDuplicateOf;
    /** The lead staff merged this one into (status MERGED); submissions matching this lead's keys go there. */
    @Column(name = "merged_into")
    public String mergedInto;
    @Column(name = "merged_at")
    public Instant mergedAt;
    @Column(name = "merged_by")
    public String mergedBy;
    @Version
    public int version;
}
