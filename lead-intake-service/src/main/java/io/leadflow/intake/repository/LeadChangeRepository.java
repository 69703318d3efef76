package io.leadflow.intake.repository;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** The audit of a lead: one row per changed field. */
@ApplicationScoped
public class LeadChangeRepository implements PanacheRepositoryBase<LeadChangeEntity, Long> {

    /** Records who changed which field of a lead from what to what, when, and why, in the caller's transaction. */
    public void record(String leadId, String field, String oldValue, String newValue, String by, Instant at,
                       String reason) {
        LeadChangeEntity change = new LeadChangeEntity();
        change.leadId = leadId;
        change.changedBy = by;
        change.changedAt = at;
        change.field = field;
        change.oldValue = oldValue;
        change.newValue = newValue;
        change.reason = reason;
        persist(change);
    }

    /** The lead's changes, oldest first. */
    public List<LeadChangeEntity> changesOf(String leadId) {
        return list("leadId = ?1 order by changedAt, id", leadId);
    }

    /** The lead's changes of one field. */
    public List<LeadChangeEntity> changesOf(String leadId, String field) {
        return list("leadId = ?1 and field = ?2", leadId, field);
    }

    /** Blanks the audited values and reasons of the lead; who changed which field when stays. */
    public void forgetValues(String leadId) {
        update("oldValue = null, newValue = null, reason = null where leadId = ?1", leadId);
    }
}
