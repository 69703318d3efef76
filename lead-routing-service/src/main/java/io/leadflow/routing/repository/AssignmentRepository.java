package io.leadflow.routing.repository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.TypedQuery;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class AssignmentRepository implements PanacheRepositoryBase<AssignmentEntity, Long> {


    public Optional<AssignmentEntity> active(String leadId) {
        return getEntityManager().createQuery("from AssignmentEntity a where a.leadId = :lead and a.active = true", AssignmentEntity.class)
                .setParameter("lead", leadId).getResultStream().findFirst();
    }

    public List<AssignmentEntity> history(String leadId) {
        return getEntityManager().createQuery("from AssignmentEntity a where a.leadId = :lead order by a.id", AssignmentEntity.class)
                .setParameter("lead", leadId).getResultList();
    }

    /**
     * Who owns the lead: its active owner; for a won or lost lead, the owner whose ownership that outcome ended.
     */
    public Optional<String> ownerOf(String leadId, String leadStatus) {
        Optional<String> active = active(leadId).map(a -> a.ownerId);
        if (active.isPresent() || !("WON".equals(leadStatus) || "LOST".equals(leadStatus))) {
            return active;
        }
        return getEntityManager().createQuery("select a.ownerId from AssignmentEntity a where a.leadId = :lead and a.endReason = :status"
                        + " order by a.id desc", String.class)
                .setParameter("lead", leadId).setParameter("status", leadStatus).setMaxResults(1)
                .getResultStream().findFirst();
    }

    /** Erasure: the words people typed about the lead (reassignment reasons, and the why that quotes them) go. */
    public void eraseReasons(String leadId) {
        // A hand-made assignment's why quotes the person's reason; a rule's why only names grade, rule and load.
        getEntityManager().createQuery("update AssignmentEntity a set a.why = '[erased]' where a.leadId = :lead and a.reason is not null"
                        + " and a.ruleId = '" + io.leadflow.routing.domain.Router.MANUAL_RULE + "'")
                .setParameter("lead", leadId).executeUpdate();
        getEntityManager().createQuery("update AssignmentEntity a set a.reason = '[erased]' where a.leadId = :lead and a.reason is not null")
                .setParameter("lead", leadId).executeUpdate();
    }

    public List<String> openLeadIdsOf(String repId) {
        return getEntityManager().createQuery("select a.leadId from AssignmentEntity a where a.ownerId = :rep and a.active = true"
                + " order by a.assignedAt, a.leadId", String.class).setParameter("rep", repId).getResultList();
    }

    public void persist(AssignmentEntity assignment) {
        getEntityManager().persist(assignment);
        getEntityManager().flush();
    }

    /** Ends the active assignment now (flushed, so a new active row for the lead may follow in the same transaction). */
    public void end(AssignmentEntity assignment, Instant at, String reason, String by) {
        assignment.active = false;
        assignment.endedAt = at;
        assignment.endReason = reason;
        assignment.endedBy = by;
        getEntityManager().flush();
    }

    public record Filter(String ownerId, String grade, Instant from, Instant to, String status) {
    }

    public List<AssignmentEntity> page(Filter filter, int offset, int limit) {
        TypedQuery<AssignmentEntity> query = getEntityManager().createQuery("from AssignmentEntity a" + where(filter)
                + " order by a.assignedAt desc, a.id desc", AssignmentEntity.class);
        bind(query, filter);
        return query.setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    public long count(Filter filter) {
        TypedQuery<Long> query = getEntityManager().createQuery("select count(a) from AssignmentEntity a" + where(filter), Long.class);
        bind(query, filter);
        return query.getSingleResult();
    }

    private static String where(Filter f) {
        StringBuilder w = new StringBuilder(" where 1 = 1");
        if (f.ownerId() != null) {
            w.append(" and a.ownerId = :owner");
        }
        if (f.grade() != null) {
            w.append(" and a.grade = :grade");
        }
        if (f.from() != null) {
            w.append(" and a.assignedAt >= :from");
        }
        if (f.to() != null) {
            w.append(" and a.assignedAt < :to");
        }
        if ("ACTIVE".equals(f.status())) {
            w.append(" and a.active = true");
        } else if ("ENDED".equals(f.status())) {
            w.append(" and a.active = false");
        }
        return w.toString();
    }

    private static void bind(TypedQuery<?> query, Filter f) {
        if (f.ownerId() != null) {
            query.setParameter("owner", f.ownerId());
        }
        if (f.grade() != null) {
            query.setParameter("grade", f.grade());
        }
        if (f.from() != null) {
            query.setParameter("from", f.from());
        }
        if (f.to() != null) {
            query.setParameter("to", f.to());
        }
    }
}
