package io.leadflow.routing.repository;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A lead as routing knows it: its profile for grading, its current grade and whether it waits for a rep. */
@Entity
@Table(name = "lead")
public class LeadEntity {

    @Id
    @Column(name = "lead_id")
    public String leadId;
    @Column(name = "status")
    public String status;
    @Column(name = "qualified")
    public boolean qualified;
    @Column(name = "profile")
    public String profile;
    @Column(name = "source")
    public String source;
    @Column(name = "registered_at")
    public Instant registeredAt;
    @Column(name = "industry")
    public String industry;
    @Column(name = "region")
    public String region;
    @Column(name = "grade")
    public String grade;
    @Column(name = "score")
    public Integer score;
    @Column(name = "grade_origin")
    public String gradeOrigin;
    @Column(name = "grading_policy_version")
    public Integer gradingPolicyVersion;
    @Column(name = "grade_reasons")
    public String gradeReasons;
    @Column(name = "graded_at")
    public Instant gradedAt;
    @Column(name = "queued_at")
    public Instant queuedAt;
    @Column(name = "queue_reason")
    public String queueReason;
    @Column(name = "closed_at")
    public Instant closedAt;
    @Column(name = "erased_at")
    public Instant erasedAt;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public boolean open() {
        return "OPEN".equals(status);
    }
}
