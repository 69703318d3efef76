package io.leadflow.routing.repository;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.TransactionSynchronizationRegistry;

import io.leadflow.events.tx.PerTransaction;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class RepRepository implements PanacheRepositoryBase<RepEntity, String> {

    /** Key of the decision lock within a transaction (PerTransaction). */
    private static final Object DECISIONS = new Object();

    private final TransactionSynchronizationRegistry transactions;

    public RepRepository(TransactionSynchronizationRegistry transactions) {
        this.transactions = transactions;
    }

    /**
     * Serialises routing decisions (in this instance's threads and across instances) until the transaction ends: a
     * decision reads every rep's load and round-robin turn, and two decisions made on the same reading give the same
     * turn twice (round robin over two reps would give one of them three leads of four). Taken first in every
     * transaction that may assign, before any lead or rep row, so every such transaction takes its locks in one order
     * and none deadlock; held to the transaction's end, so a poll's later events (one transaction) have it already.
     */
    public void lockDecisions() {
        PerTransaction.once(transactions, DECISIONS, () -> NativeReads.flushingOnly(
                getEntityManager().createNativeQuery("select pg_advisory_xact_lock(7031, 4)"), "pg_locks").getSingleResult());
    }

    /**
     * Locks the rep's row for the rest of the transaction and reloads it, {@link RepEntity#openLeads} included:
     * whoever holds the lock counts the rep's open leads and adds one, so two leads assigned at once can never push a
     * rep past capacity.
     */
    public Optional<RepEntity> lock(String repId) {
        RepEntity rep = findById(repId);
        if (rep == null) {
            return Optional.empty();
        }
        getEntityManager().refresh(rep, LockModeType.PESSIMISTIC_WRITE);
        return Optional.of(rep);
    }

    public List<RepEntity> active() {
        return getEntityManager().createQuery("from RepEntity r where r.active = true order by r.repId", RepEntity.class).getResultList();
    }

    /** Reps with open leads and how many: the roster's counters (V12), not a count over the assignments. */
    public Map<String, Integer> openLeadsByRep() {
        Map<String, Integer> counts = new HashMap<>();
        NativeReads.flushingOnly(getEntityManager().createNativeQuery("select rep_id, open_leads from rep where open_leads > 0"), "rep").getResultList()
                .forEach(row -> counts.put((String) ((Object[]) row)[0], ((Number) ((Object[]) row)[1]).intValue()));
        return counts;
    }

    public int openLeads(String repId) {
        List<?> rows = getEntityManager().createNativeQuery("select open_leads from rep where rep_id = ?1").setParameter(1, repId)
                .getResultList();
        return rows.isEmpty() ? 0 : ((Number) rows.get(0)).intValue();
    }

    /**
     * A rep's open leads by their current grade ('?' for none): the counters of V17, kept by triggers with the
     * assignments and the leads' grades (a native query flushes the session first, so they include this transaction).
     */
    public Map<String, Integer> openLeadsByGrade(String repId) {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        getEntityManager().createNativeQuery("select grade, open_leads from rep_grade_load where rep_id = ?1 and open_leads > 0")
                .setParameter(1, repId).getResultList()
                .forEach(row -> counts.put((String) ((Object[]) row)[0], ((Number) ((Object[]) row)[1]).intValue()));
        return counts;
    }

    public boolean activeNameTaken(String name, String exceptRepId) {
        return !getEntityManager().createQuery("select r.repId from RepEntity r where r.active = true and lower(r.name) = lower(:name)"
                        + " and r.repId <> :except", String.class)
                .setParameter("name", name.strip()).setParameter("except", exceptRepId == null ? "" : exceptRepId)
                .setMaxResults(1).getResultList().isEmpty();
    }

    public long nextTurn() {
        return ((Number) NativeReads.flushingOnly(getEntityManager().createNativeQuery("select nextval('rep_turn_seq')"), "rep_turn_seq")
                .getSingleResult()).longValue();
    }

    public List<RepEntity> page(String seniority, Boolean includeInactive, String q, int offset, int limit) {
        return getEntityManager().createQuery("from RepEntity r" + where(seniority, includeInactive, q) + " order by r.name, r.repId",
                        RepEntity.class)
                .setFirstResult(offset).setMaxResults(limit)
                .setParameter("seniority", seniority == null ? "" : seniority)
                .setParameter("q", q == null ? "" : "%" + q.toLowerCase(java.util.Locale.ROOT) + "%")
                .getResultList();
    }

    public long count(String seniority, Boolean includeInactive, String q) {
        return getEntityManager().createQuery("select count(r) from RepEntity r" + where(seniority, includeInactive, q), Long.class)
                .setParameter("seniority", seniority == null ? "" : seniority)
                .setParameter("q", q == null ? "" : "%" + q.toLowerCase(java.util.Locale.ROOT) + "%")
                .getSingleResult();
    }

    private static String where(String seniority, Boolean includeInactive, String q) {
        return " where (:seniority = '' or r.seniority = :seniority)"
                + (Boolean.TRUE.equals(includeInactive) ? "" : " and r.active = true")
                + " and (:q = '' or lower(r.name) like :q or lower(r.repId) like :q)";
    }

    /** Flushed at once so a rep with the same id or active name (created concurrently) fails here, not at commit. */
    public void persist(RepEntity rep) {
        getEntityManager().persist(rep);
        getEntityManager().flush();
    }
}
