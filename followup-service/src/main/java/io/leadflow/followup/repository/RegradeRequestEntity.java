package io.leadflow.followup.repository;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "regrade_request")
public class RegradeRequestEntity {
    @Id
    public String id;
    @Column(name = "lead_id")
    public String leadId;
    @Column(name = "current_grade")
    public String currentGrade;
    @Column(name = "requested_grade")
    public String requestedGrade;
    public String reason;
    @Column(name = "requested_by")
    public String requestedBy;
    @Column(name = "requested_at")
    public Instant requestedAt;
}
