package io.leadflow.followup.repository;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "sla_breach")
public class SlaBreachEntity {
    @Id
    @Column(name = "lead_id")
    public String leadId;
    public String grade;
    public String source;
    @Column(name = "owner_id")
    public String ownerId;
    @Column(name = "assigned_at")
    public Instant assignedAt;
    public Instant deadline;
    @Column(name = "detected_at")
    public Instant detectedAt;
}
