package io.leadflow.routing.repository;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One owner of one lead for a while; at most one active row per lead (a partial unique index). */
@Entity
@Table(name = "assignment")
public class AssignmentEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    public Long id;
    @Column(name = "lead_id")
    public String leadId;
    @Column(name = "owner_id")
    public String ownerId;
    @Column(name = "owner_name")
    public String ownerName;
    @Column(name = "seniority")
    public String seniority;
    @Column(name = "grade")
    public String grade;
    @Column(name = "source")
    public String source;
    @Column(name = "rule_id")
    public String ruleId;
    @Column(name = "strategy")
    public String strategy;
    @Column(name = "why")
    public String why;
    @Column(name = "policy_version")
    public Integer policyVersion;
    @Column(name = "previous_owner_id")
    public String previousOwnerId;
    /** The person who handed the lead over (a reassignment, a deactivation, a regrade); null: the rules did. */
    @Column(name = "assigned_by")
    public String assignedBy;
    /** Why the lead changed hands, in the words of whoever did it; null for a first assignment. */
    @Column(name = "reason")
    public String reason;
    @Column(name = "assigned_at")
    public Instant assignedAt;
    @Column(name = "active")
    public boolean active;
    @Column(name = "ended_at")
    public Instant endedAt;
    @Column(name = "end_reason")
    public String endReason;
    /** Who ended this ownership, when a person did (the next owner's assignedBy, a deactivation, an erasure). */
    @Column(name = "ended_by")
    public String endedBy;
}
