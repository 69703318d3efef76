package io.leadflow.routing.repository;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "grade_history")
public class GradeHistoryEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    public Long id;
    @Column(name = "lead_id")
    public String leadId;
    @Column(name = "grade")
    public String grade;
    @Column(name = "previous_grade")
    public String previousGrade;
    @Column(name = "score")
    public int score;
    @Column(name = "origin")
    public String origin;
    @Column(name = "grading_policy_version")
    public int gradingPolicyVersion;
    @Column(name = "reasons")
    public String reasons;
    @Column(name = "reason")
    public String reason;
    @Column(name = "requested_by")
    public String requestedBy;
    @Column(name = "graded_at")
    public Instant gradedAt;
}
