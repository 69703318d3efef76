package io.leadflow.intake.repository;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One audited correction of one field. */
@Entity
@Table(name = "lead_change")
public class LeadChangeEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "lead_id")
    public String leadId;
    @Column(name = "changed_by")
    public String changedBy;
    @Column(name = "changed_at")
    public Instant changedAt;
    public String field;
    @Column(name = "old_value")
    public String oldValue;
    @Column(name = "new_value")
    public String newValue;
    public String reason;
}
