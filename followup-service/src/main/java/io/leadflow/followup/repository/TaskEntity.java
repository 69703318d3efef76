package io.leadflow.followup.repository;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "follow_up_task")
public class TaskEntity {
    public static final String OPEN = "OPEN";
    public static final String DONE = "DONE";
    public static final String CANCELLED = "CANCELLED";

    @Id
    public String id;
    @Column(name = "lead_id")
    public String leadId;
    @Column(name = "owner_id")
    public String ownerId;
    @Column(name = "owner_name")
    public String ownerName;
    public String kind;
    public String method;
    public String title;
    public String grade;
    /** ISO-8601 period of a recurring touch; null for a one-off. */
    public String every;
    @Column(name = "due_at")
    public Instant dueAt;
    @Column(name = "original_due_at")
    public Instant originalDueAt;
    public String status;
    @Column(name = "policy_version")
    public Integer policyVersion;
    @Column(name = "from_follow_up_id")
    public String fromFollowUpId;
    @Column(name = "snooze_count")
    public int snoozeCount;
    @Column(name = "snooze_reason")
    public String snoozeReason;
    @Column(name = "snoozed_by")
    public String snoozedBy;
    @Column(name = "snoozed_at")
    public Instant snoozedAt;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "closed_at")
    public Instant closedAt;
    @Column(name = "closed_by")
    public String closedBy;
    @Column(name = "close_reason")
    public String closeReason;
}
