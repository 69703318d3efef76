package io.leadflow.intake.repository;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One audited correction of one field. */
@Entity
@Table(name = "lead_change")
public class LeadChangeEntity extends PanacheEntityBase {

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

    /** Records who changed which field of a lead from what to what, when, and why, in the caller's transaction. */
    public static void record(String leadId, String field, String oldValue, String newValue, String by, Instant at,
                              String reason) {
        LeadChangeEntity change = new LeadChangeEntity();
        change.leadId = leadId;
        change.changedBy = by;
        change.changedAt = at;
        change.field = field;
        change.oldValue = oldValue;
        change.newValue = newValue;
        change.reason = reason;
        change.persist();
    }
}
