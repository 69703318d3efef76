package io.leadflow.followup.repository;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "cadence_policy")
public class CadencePolicyEntity {
    @Id
    public int version;
    /** The policy as its JSON document (the same shape GET /api/v1/cadence-policy answers). */
    public String document;
    @Column(name = "changed_by")
    public String changedBy;
    @Column(name = "changed_at")
    public Instant changedAt;
    @Column(name = "change_reason")
    public String changeReason;
    /** The what-if the version was activated from (JSON of a PolicyTrial), or null. */
    public String tried;
}
