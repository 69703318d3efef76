package io.leadflow.routing.repository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.leadflow.events.tx.SqlValues;

/** The versioned policies (grading, assignment): append-only, the highest version is in force. */
@ApplicationScoped
public class PolicyRepository {

    public enum Kind {
        GRADING("grading_policy"), ASSIGNMENT("assignment_policy");

        final String table;

        Kind(String table) {
            this.table = table;
        }
    }

    /** @param backtest the period and headline figures the version was tried on before it was saved (JSON), or null */
    public record Stored(int version, String json, Instant createdAt, String changedBy, String reason, String backtest) {
    }

    /** A version without its content, for the versions list. */
    public record VersionInfo(int version, Instant changedAt, String changedBy, String reason, String backtest) {
    }

    /** One POST /grading-policy/regrade: who applied which version to the open leads, and what moved. */
    public record RegradeRun(long id, int policyVersion, String requestedBy, Instant startedAt, Instant finishedAt,
                             Integer examined, Integer moved, String moves) {
    }

    private final EntityManager em;

    public PolicyRepository(EntityManager em) {
        this.em = em;
    }

    /**
     * The newest version's number (0 when none): an index-only lookup, for callers that keep parsed versions. Like
     * every read here it flushes only pending changes to the policy's own table: a decision asks for the policy in
     * force midway, and flushing its lead there would write the lead twice.
     */
    public int latestVersion(Kind kind) {
        return ((Number) policyRead("select coalesce(max(version), 0) from " + kind.table, kind).getSingleResult())
                .intValue();
    }

    public Optional<Stored> version(Kind kind, int version) {
        List<?> rows = policyRead("select version, policy, created_at, changed_by, reason, backtest from " + kind.table
                + " where version = ?1", kind).setParameter(1, version).getResultList();
        return rows.isEmpty() ? Optional.empty() : Optional.of(stored((Object[]) rows.get(0)));
    }

    private static Stored stored(Object[] row) {
        return new Stored(((Number) row[0]).intValue(), (String) row[1], SqlValues.instant(row[2]), (String) row[3],
                (String) row[4], (String) row[5]);
    }

    /** Newest first. */
    public List<VersionInfo> versions(Kind kind, int offset, int limit) {
        List<?> rows = policyRead("select version, created_at, changed_by, reason, backtest from " + kind.table
                + " order by version desc offset ?1 limit ?2", kind).setParameter(1, offset).setParameter(2, limit)
                .getResultList();
        return rows.stream().map(r -> (Object[]) r).map(r -> new VersionInfo(((Number) r[0]).intValue(), SqlValues.instant(r[1]),
                (String) r[2], (String) r[3], (String) r[4])).toList();
    }

    public long count(Kind kind) {
        return ((Number) policyRead("select count(*) from " + kind.table, kind).getSingleResult()).longValue();
    }

    private jakarta.persistence.Query policyRead(String sql, Kind kind) {
        return NativeReads.flushingOnly(em.createNativeQuery(sql), kind.table);
    }

    // ---- grading regrade runs ------------------------------------------------------------------------------

    public long startRegrade(int policyVersion, String requestedBy, Instant at) {
        return ((Number) em.createNativeQuery("insert into grading_regrade (policy_version, requested_by, started_at)"
                        + " values (?1, ?2, ?3) returning id")
                .setParameter(1, policyVersion).setParameter(2, requestedBy).setParameter(3, at).getSingleResult())
                .longValue();
    }

    public void finishRegrade(long id, Instant at, int examined, int moved, String moves) {
        em.createNativeQuery("update grading_regrade set finished_at = ?2, examined = ?3, moved = ?4, moves = ?5"
                        + " where id = ?1")
                .setParameter(1, id).setParameter(2, at).setParameter(3, examined).setParameter(4, moved)
                .setParameter(5, moves).executeUpdate();
    }

    /** The regrade runs of these grading policy versions, oldest first. */
    public List<RegradeRun> regrades(java.util.Collection<Integer> versions) {
        if (versions.isEmpty()) {
            return List.of();
        }
        List<?> rows = em.createNativeQuery("select id, policy_version, requested_by, started_at, finished_at, examined,"
                        + " moved, moves from grading_regrade where policy_version = any(cast(?1 as int[])) order by id")
                .setParameter(1, versions.stream().map(String::valueOf)
                        .collect(java.util.stream.Collectors.joining(",", "{", "}")))
                .getResultList();
        return rows.stream().map(r -> (Object[]) r).map(r -> new RegradeRun(((Number) r[0]).longValue(),
                ((Number) r[1]).intValue(), (String) r[2], SqlValues.instant(r[3]), SqlValues.instant(r[4]),
                r[5] == null ? null : ((Number) r[5]).intValue(), r[6] == null ? null : ((Number) r[6]).intValue(),
                (String) r[7])).toList();
    }

    /** Serialises writers of one policy so two saves never race for the same version number. */
    public void lockForWrite(Kind kind) {
        em.createNativeQuery("lock table " + kind.table + " in share row exclusive mode").executeUpdate();
    }

    public void insert(Kind kind, int version, String json, Instant at, String changedBy, String reason) {
        insert(kind, version, json, at, changedBy, reason, null);
    }

    public void insert(Kind kind, int version, String json, Instant at, String changedBy, String reason,
                       String backtest) {
        em.createNativeQuery("insert into " + kind.table + " (version, policy, created_at, changed_by, reason, backtest)"
                        + " values (?1, ?2, ?3, ?4, ?5, ?6) on conflict (version) do nothing")
                .setParameter(1, version).setParameter(2, json).setParameter(3, at).setParameter(4, changedBy)
                .setParameter(5, reason).setParameter(6, backtest).executeUpdate();
    }
}
