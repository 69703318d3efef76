package io.leadflow.routing.repository;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.hibernate.Session;

import io.leadflow.events.contract.EventJson;
import io.leadflow.events.contract.LeadProfile;
import io.leadflow.routing.domain.AssignmentDryRun;

import com.fasterxml.jackson.databind.ObjectReader;

/**
 * What the policy lab reads of the past, and nothing else: a period's leads by registration date (through
 * {@code lead_registered_at}) and the owners that overlap it. Read with plain JDBC and a cursor, so a quarter of
 * leads streams through instead of becoming a quarter of entities in the session. Never writes.
 */
@ApplicationScoped
public class PolicyLabRepository {

    private static final int FETCH = 5_000;
    private static final ObjectReader PROFILE = EventJson.mapper().readerFor(LeadProfile.class);

    private final EntityManager em;

    public PolicyLabRepository(EntityManager em) {
        this.em = em;
    }

    /**
     * Every graded lead registered in [from, to) with its status (OPEN, WON, LOST), handed over one at a time. Erased
     * leads are left out (their need was erased, so the rules would judge a different lead), and so are leads merged
     * into another (a duplicate would count its customer twice). Must run in a transaction: PostgreSQL keeps a
     * cursor only while one is open.
     */
    public void registeredIn(Instant from, Instant to, BiConsumer<LeadProfile, String> each) {
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement s = connection.prepareStatement("select profile, status from lead"
                    + " where registered_at >= ? and registered_at < ? and qualified and profile is not null"
                    + " and status not in ('ERASED', 'MERGED')")) {
                s.setFetchSize(FETCH);
                s.setTimestamp(1, Timestamp.from(from));
                s.setTimestamp(2, Timestamp.from(to));
                try (ResultSet rows = s.executeQuery()) {
                    while (rows.next()) {
                        each.accept(profile(rows.getString(1)), rows.getString(2));
                    }
                }
            }
        });
    }

    private static LeadProfile profile(String json) {
        try {
            return PROFILE.readValue(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a stored lead profile cannot be read", e);
        }
    }

    /** Erased leads registered in [from, to): counted, so the answer says how many were left out. */
    public long erasedIn(Instant from, Instant to) {
        return ((Number) em.createNativeQuery("select count(*) from lead where registered_at >= ?1 and registered_at < ?2"
                        + " and status = 'ERASED'").setParameter(1, from).setParameter(2, to).getSingleResult())
                .longValue();
    }

    /** The graded leads registered in [from, to), in order of arrival, with what the rules match on. */
    public List<AssignmentDryRun.Arrival> arrivals(Instant from, Instant to) {
        List<AssignmentDryRun.Arrival> out = new ArrayList<>();
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement s = connection.prepareStatement("select lead_id, registered_at, grade, industry,"
                    + " region, source, status, closed_at from lead where registered_at >= ? and registered_at < ?"
                    + " and qualified and grade is not null and status not in ('ERASED', 'MERGED')"
                    + " order by registered_at, lead_id")) {
                s.setFetchSize(FETCH);
                s.setTimestamp(1, Timestamp.from(from));
                s.setTimestamp(2, Timestamp.from(to));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        boolean closed = "WON".equals(r.getString(7)) || "LOST".equals(r.getString(7));
                        Timestamp closedAt = r.getTimestamp(8);
                        out.add(new AssignmentDryRun.Arrival(r.getString(1), r.getTimestamp(2).toInstant(),
                                r.getString(3), r.getString(4), r.getString(5), r.getString(6),
                                closed && closedAt != null ? closedAt.toInstant() : null));
                    }
                }
            }
        });
        return out;
    }

    /** Every ownership that overlaps [from, to): started before its end and not ended before its start. */
    public List<AssignmentDryRun.PastAssignment> ownersDuring(Instant from, Instant to) {
        List<AssignmentDryRun.PastAssignment> out = new ArrayList<>();
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement s = connection.prepareStatement("select lead_id, owner_id, owner_name, seniority,"
                    + " grade, assigned_at, ended_at from assignment where assigned_at < ?"
                    + " and (ended_at is null or ended_at >= ?) order by assigned_at, id")) {
                s.setFetchSize(FETCH);
                s.setTimestamp(1, Timestamp.from(to));
                s.setTimestamp(2, Timestamp.from(from));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        Timestamp ended = r.getTimestamp(7);
                        out.add(new AssignmentDryRun.PastAssignment(r.getString(1), r.getString(2), r.getString(3),
                                r.getString(4), r.getString(5), r.getTimestamp(6).toInstant(),
                                ended == null ? null : ended.toInstant()));
                    }
                }
            }
        });
        return out;
    }
}
