package io.leadflow.events.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import io.leadflow.events.contract.EventEnvelope;
import io.leadflow.events.contract.EventJson;

/** What a service wrote to its outbox, read back as envelopes: the events exactly as the relay will publish them. */
public final class Outbox {

    private Outbox() {
    }

    /** Every event written for {@code key} (a lead id or a policy's key), oldest first, opened as consumers read it. */
    public static List<EventEnvelope> events(DataSource dataSource, String key) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "select envelope from outbox_event where lead_id = ? and topic <> ? order by seq")) {
            ps.setString(1, key);
            ps.setString(2, io.leadflow.events.contract.Topics.KEYS);
            List<EventEnvelope> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(TopicReader.opened(rs.getString(1).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The newest event written for {@code key}; fails when there is none. */
    public static EventEnvelope latest(DataSource dataSource, String key) {
        List<EventEnvelope> all = events(dataSource, key);
        if (all.isEmpty()) {
            throw new AssertionError("no event in the outbox for " + key);
        }
        return all.get(all.size() - 1);
    }
}
