package io.leadflow.followup.repository;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** What follow-up knows about one lead; never leaves the service (responses are records). */
@Entity
@Table(name = "lead_state")
public class LeadState {
    @Id
    @Column(name = "lead_id")
    public String leadId;
    @Column(name = "customer_name")
    public String customerName;
    @Column(name = "contact_name")
    public String contactName;
    public String source;
    @Column(name = "registered_at")
    public Instant registeredAt;
    public String grade;
    @Column(name = "grade_at")
    public Instant gradeAt;
    @Column(name = "owner_id")
    public String ownerId;
    @Column(name = "owner_name")
    public String ownerName;
    @Column(name = "assigned_at")
    public Instant assignedAt;
    public String stage;
    @Column(name = "stage_changed_at")
    public Instant stageChangedAt;
    @Column(name = "closed_at")
    public Instant closedAt;
    @Column(name = "won_on")
    public LocalDate wonOn;
    @Column(name = "won_amount")
    public BigDecimal wonAmount;
    @Column(name = "won_currency")
    public String wonCurrency;
    /** Win factors joined by a line feed, in the order given. */
    @Column(name = "win_factors")
    public String winFactors;
    @Column(name = "lost_on")
    public LocalDate lostOn;
    @Column(name = "lost_reason")
    public String lostReason;
    @Column(name = "lost_note")
    public String lostNote;
    @Column(name = "erased_at")
    public Instant erasedAt;
    /** The lead staff merged this one into: closed at the merge, and the work goes on there. */
    @Column(name = "merged_into")
    public String mergedInto;
    @Column(name = "erased_by")
    public String erasedBy;
    /** When the first-response clock started: the registration, or the assignment if that came first. */
    @Column(name = "sla_started_at")
    public Instant slaStartedAt;
    @Column(name = "sla_deadline")
    public Instant slaDeadline;
    @Column(name = "sla_grade")
    public String slaGrade;
    @Column(name = "sla_policy_version")
    public Integer slaPolicyVersion;
    @Column(name = "first_response_at")
    public Instant firstResponseAt;
    @Column(name = "first_response_by")
    public String firstResponseBy;
    @Column(name = "sla_breached_at")
    public Instant slaBreachedAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public boolean erased() {
        return erasedAt != null;
    }

    public boolean merged() {
        return mergedInto != null;
    }

    public boolean closed() {
        return closedAt != null;
    }
}
