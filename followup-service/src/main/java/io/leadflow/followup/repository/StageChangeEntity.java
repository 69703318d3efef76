package io.leadflow.followup.repository;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "stage_change")
public class StageChangeEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "lead_id")
    public String leadId;
    @Column(name = "from_stage")
    public String fromStage;
    @Column(name = "to_stage")
    public String toStage;
    @Column(name = "changed_by")
    public String changedBy;
    public String reason;
    public boolean reopened;
    /** When the stage changed: a date from history when one was given. */
    @Column(name = "changed_at")
    public Instant changedAt;
    /** When someone recorded it. */
    @Column(name = "recorded_at")
    public Instant recordedAt;
}
