package io.leadflow.routing.repository;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class LeadRepository implements PanacheRepositoryBase<LeadEntity, String> {


    /** The lead's row lock serialises everything that changes its grade or owner (REST, events, other instances). */
    public Optional<LeadEntity> lock(String leadId) {
        return findByIdOptional(leadId, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * The lead's row, created when this is the first event about it, and locked. Two instances (or two topics) meeting
     * the same new lead at once insert it once: the second insert waits for the first and then does nothing.
     */
    public LeadEntity lockOrCreate(String leadId, java.time.Instant now) {
        getEntityManager().createNativeQuery("insert into lead (lead_id, status, qualified, created_at, updated_at)"
                        + " values (?1, 'OPEN', false, ?2, ?2) on conflict (lead_id) do nothing")
                .setParameter(1, leadId).setParameter(2, now).executeUpdate();
        LeadEntity lead = findById(leadId, LockModeType.PESSIMISTIC_WRITE);
        getEntityManager().refresh(lead, LockModeType.PESSIMISTIC_WRITE);
        return lead;
    }

    /** A queued lead locked for this drain, or empty when another drain holds it or it left the queue. */
    public Optional<LeadEntity> lockQueued(String leadId) {
        List<?> ids = getEntityManager().createNativeQuery("select lead_id from lead where lead_id = ?1 and queued_at is not null"
                + " and status = 'OPEN' for update skip locked").setParameter(1, leadId).getResultList();
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        LeadEntity lead = findById(leadId);
        getEntityManager().refresh(lead);
        return Optional.of(lead);
    }

    public record Queued(String leadId, java.time.Instant queuedAt) {
    }

    /** Queued leads after (queuedAt, leadId) in queue order: keyset paging over the queue's index. */
    public List<Queued> queuedAfter(java.time.Instant afterAt, String afterId, int limit) {
        return getEntityManager().createQuery("select l.leadId, l.queuedAt from LeadEntity l where l.queuedAt is not null"
                        + " and l.status = 'OPEN' and (l.queuedAt > :at or (l.queuedAt = :at and l.leadId > :id))"
                        + " order by l.queuedAt, l.leadId", Object[].class)
                .setParameter("at", afterAt).setParameter("id", afterId).setMaxResults(limit).getResultList()
                .stream().map(r -> new Queued((String) r[0], (java.time.Instant) r[1])).toList();
    }

    public List<LeadEntity> queuedPage(String grade, int offset, int limit) {
        return getEntityManager().createQuery("from LeadEntity l where l.queuedAt is not null and l.status = 'OPEN'"
                        + " and (:grade = '' or l.grade = :grade) order by l.queuedAt, l.leadId", LeadEntity.class)
                .setParameter("grade", grade == null ? "" : grade)
                .setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    public long queuedCount(String grade) {
        return getEntityManager().createQuery("select count(l) from LeadEntity l where l.queuedAt is not null and l.status = 'OPEN'"
                        + " and (:grade = '' or l.grade = :grade)", Long.class)
                .setParameter("grade", grade == null ? "" : grade).getSingleResult();
    }

    /** Open leads graded by the policy (not given, not regraded by a person), after {@code afterId}, in id order. */
    public List<String> openPolicyGraded(String afterId, int limit) {
        return getEntityManager().createQuery("select l.leadId from LeadEntity l where l.status = 'OPEN' and l.gradeOrigin = 'POLICY'"
                        + " and l.leadId > :after order by l.leadId", String.class)
                .setParameter("after", afterId).setMaxResults(limit).getResultList();
    }

    public long openNotPolicyGraded() {
        return getEntityManager().createQuery("select count(l) from LeadEntity l where l.status = 'OPEN' and l.grade is not null"
                + " and l.gradeOrigin <> 'POLICY'", Long.class).getSingleResult();
    }

    public void persist(GradeHistoryEntity history) {
        getEntityManager().persist(history);
    }

    public List<GradeHistoryEntity> gradeHistory(String leadId) {
        return getEntityManager().createQuery("from GradeHistoryEntity h where h.leadId = :lead order by h.id", GradeHistoryEntity.class)
                .setParameter("lead", leadId).getResultList();
    }

    /**
     * Erasure: the words people typed about the lead (manual regrade reasons, follow-up's requests) and the rule
     * explanations that quote the need description go; the grades, who changed them and when stay (not personal).
     */
    public void eraseRegradeReasons(String leadId) {
        getEntityManager().createQuery("update GradeHistoryEntity h set h.reason = '[erased]' where h.leadId = :lead"
                        + " and h.reason is not null and h.origin = 'MANUAL'")
                .setParameter("lead", leadId).executeUpdate();
        // Reasons quote the need description.
        getEntityManager().createQuery("update GradeHistoryEntity h set h.reasons = '[]' where h.leadId = :lead")
                .setParameter("lead", leadId).executeUpdate();
    }

    // ---- erasure of published events -----------------------------------------------------------------------

    // ---- parked follow-up events ------------------------------------------------------------------------

    public void park(java.util.UUID eventId, String leadId, String eventType, String envelope, java.time.Instant at) {
        getEntityManager().createNativeQuery("insert into parked_event (event_id, lead_id, event_type, envelope, parked_at)"
                        + " values (?1, ?2, ?3, ?4, ?5) on conflict (event_id) do nothing")
                .setParameter(1, eventId).setParameter(2, leadId).setParameter(3, eventType)
                .setParameter(4, envelope).setParameter(5, at).executeUpdate();
    }

    public List<String> takeParked(String leadId) {
        // One statement, not a select and a delete: every qualified lead asks, and hardly any has parked events.
        List<?> rows = NativeReads.flushingOnly(getEntityManager().createNativeQuery("""
                        with taken as (delete from parked_event where lead_id = ?1
                                       returning envelope, parked_at, event_id)
                        select envelope from taken order by parked_at, event_id"""), "parked_event")
                .setParameter(1, leadId).getResultList();
        return rows.stream().map(String.class::cast).toList();
    }

    public void dropParked(String leadId) {
        getEntityManager().createNativeQuery("delete from parked_event where lead_id = ?1").setParameter(1, leadId).executeUpdate();
    }
}
