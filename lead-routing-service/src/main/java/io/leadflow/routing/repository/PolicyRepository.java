package io.leadflow.routing.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

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

    public record Stored(int version, String json, Instant createdAt) {
    }

    private final EntityManager em;

    public PolicyRepository(EntityManager em) {
        this.em = em;
    }

    public Optional<Stored> latest(Kind kind) {
        List<?> rows = em.createNativeQuery("select version, policy, created_at from " + kind.table
                + " order by version desc limit 1").getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = (Object[]) rows.get(0);
        return Optional.of(new Stored(((Number) row[0]).intValue(), (String) row[1], instant(row[2])));
    }

    public Optional<Stored> version(Kind kind, int version) {
        List<?> rows = em.createNativeQuery("select version, policy, created_at from " + kind.table
                + " where version = ?1").setParameter(1, version).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = (Object[]) rows.get(0);
        return Optional.of(new Stored(((Number) row[0]).intValue(), (String) row[1], instant(row[2])));
    }

    /** Serialises writers of one policy so two saves never race for the same version number. */
    public void lockForWrite(Kind kind) {
        em.createNativeQuery("lock table " + kind.table + " in share row exclusive mode").executeUpdate();
    }

    public void insert(Kind kind, int version, String json, Instant at) {
        em.createNativeQuery("insert into " + kind.table + " (version, policy, created_at) values (?1, ?2, ?3)"
                        + " on conflict (version) do nothing")
                .setParameter(1, version).setParameter(2, json).setParameter(3, at).executeUpdate();
    }

    static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        return value == null ? null : Instant.parse(value.toString());
    }
}
