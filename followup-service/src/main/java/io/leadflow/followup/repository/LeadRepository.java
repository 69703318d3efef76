package io.leadflow.followup.repository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.leadflow.events.tx.SqlValues;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class LeadRepository implements PanacheRepositoryBase<LeadState, String> {

    /**
     * The lead's row, created if this is the first event about it, and locked for the rest of the transaction so
     * that an event, a request and the breach scan never change one lead at the same time.
     */
    public LeadState lockOrCreate(String leadId) {
        // Most events are about a lead already known: lock it in one statement; create the row only when missing.
        LeadState known = findById(leadId, LockModeType.PESSIMISTIC_WRITE);
        if (known != null) {
            return known;
        }
        getEntityManager().createNativeQuery("insert into lead_state (lead_id) values (?1) on conflict do nothing")
                .setParameter(1, leadId).executeUpdate();
        return findById(leadId, LockModeType.PESSIMISTIC_WRITE);
    }

    public Optional<LeadState> lock(String leadId) {
        return findByIdOptional(leadId, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * Leads whose first-response deadline passed without a human touch and without a breach yet; history that arrived
     * already past its deadline (registered at least the grace before its assignment) only once its grace is over.
     * Rows another instance is already handling are skipped, not waited for, so several instances can scan side by
     * side; {@link io.leadflow.followup.domain.FirstResponseClock#reportableAt} has the last word on each.
     */
    @SuppressWarnings("unchecked")
    public List<String> lockDueBreaches(Instant now, java.time.Duration lateArrivalGrace, int limit) {
        return getEntityManager().createNativeQuery("""
                        select lead_id from lead_state
                        where sla_deadline is not null and first_response_at is null and sla_breached_at is null
                          and closed_at is null and erased_at is null and sla_deadline <= ?1
                          and (sla_deadline > assigned_at or assigned_at <= ?2
                               or assigned_at - coalesce(sla_started_at, assigned_at) < ?4 * interval '1 second')
                        order by sla_deadline
                        limit ?3
                        for update skip locked""")
                .setParameter(1, now).setParameter(2, now.minus(lateArrivalGrace)).setParameter(3, limit)
                .setParameter(4, lateArrivalGrace.toSeconds()).getResultList();
    }

    /** A lead's first-response clock as a what-if reads it: who owned it, under what grade and source, and when. */
    public record ClockRow(String leadId, String grade, String source, String ownerId, String ownerName,
                           Instant startedAt, Instant firstResponseAt) {
    }

    /** The clocks that started in [from, to), erased leads left out (their history is theirs to take). */
    @SuppressWarnings("unchecked")
    public List<ClockRow> clocksStarted(Instant from, Instant to) {
        List<Object[]> rows = getEntityManager().createNativeQuery("""
                        select lead_id, coalesce(sla_grade, grade), source, owner_id, owner_name, sla_started_at,
                               first_response_at
                        from lead_state
                        where sla_started_at >= ?1 and sla_started_at < ?2 and erased_at is null""")
                .setParameter(1, from).setParameter(2, to).getResultList();
        return rows.stream().map(r -> new ClockRow((String) r[0], (String) r[1], (String) r[2], (String) r[3],
                (String) r[4], SqlValues.instant(r[5]), SqlValues.instant(r[6]))).toList();
    }
}
