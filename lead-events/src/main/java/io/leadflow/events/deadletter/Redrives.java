package io.leadflow.events.deadletter;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** The record of re-driven dead letters ({@code dead_letter_redrive}), claimed insert-first like processed events. */
@ApplicationScoped
public class Redrives {

    /** A dead letter re-driven at {@code at} by {@code by}. */
    public record Done(String deadLetterId, UUID eventId, Instant at, String by) {
    }

    private final DataSource dataSource;

    public Redrives(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Records the re-drive unless it was recorded before; inside the transaction that sends it, so a failed send
     * records nothing. A concurrent claim of the same dead letter waits on the key and then finds this one.
     *
     * @return empty when this call claimed it, else the earlier re-drive
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Done> claim(DeadLetterId id, UUID eventId, String originalTopic, Instant at, String by) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement insert = c.prepareStatement("""
                    insert into dead_letter_redrive (dead_letter_id, event_id, original_topic, redriven_at, redriven_by)
                    values (?, ?, ?, ?, ?) on conflict do nothing""")) {
                insert.setString(1, id.toString());
                insert.setObject(2, eventId);
                insert.setString(3, originalTopic);
                insert.setTimestamp(4, Timestamp.from(at));
                insert.setString(5, by);
                if (insert.executeUpdate() == 1) {
                    return Optional.empty();
                }
            }
            try (PreparedStatement select = c.prepareStatement("""
                    select redriven_at, redriven_by from dead_letter_redrive where dead_letter_id = ? and event_id = ?""")) {
                select.setString(1, id.toString());
                select.setObject(2, eventId);
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    return Optional.of(new Done(id.toString(), eventId, rs.getTimestamp(1).toInstant(), rs.getString(2)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record the re-drive of " + id, e);
        }
    }

    /** The re-drives of these dead letters, by dead-letter id and event id. */
    public Map<String, Done> find(Collection<String> deadLetterIds) {
        Map<String, Done> done = new HashMap<>();
        if (deadLetterIds.isEmpty()) {
            return done;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement("""
                select dead_letter_id, event_id, redriven_at, redriven_by from dead_letter_redrive
                where dead_letter_id = any(?)""")) {
            select.setArray(1, c.createArrayOf("text", deadLetterIds.toArray()));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    Done d = new Done(rs.getString(1), rs.getObject(2, UUID.class), rs.getTimestamp(3).toInstant(),
                            rs.getString(4));
                    done.put(key(d.deadLetterId(), d.eventId()), d);
                }
            }
            return done;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read re-drives", e);
        }
    }

    static String key(String deadLetterId, UUID eventId) {
        return deadLetterId + "|" + eventId;
    }
}
