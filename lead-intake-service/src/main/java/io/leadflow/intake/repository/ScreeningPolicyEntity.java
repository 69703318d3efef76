package io.leadflow.intake.repository;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "screening_policy")
public class ScreeningPolicyEntity {

    @Id
    public int version;
    /** JSON of {@link io.leadflow.intake.domain.ScreeningPolicy}. */
    public String policy;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "created_by")
    public String createdBy;
    public String reason;
}
