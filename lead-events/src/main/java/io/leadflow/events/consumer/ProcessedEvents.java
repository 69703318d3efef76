package io.leadflow.events.consumer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * The duplicate detector: insert first, inside the handler's transaction. A concurrent duplicate blocks on the
 * primary key until the first commits and then inserts nothing, which is safer than check-then-record.
 */
@ApplicationScoped
public class ProcessedEvents {

    private final DataSource dataSource;

    /** JDBC on the transaction's enlisted connection, so the mark and the handler's changes commit together. */
    public ProcessedEvents(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** @return true when this is the first time {@code consumer} sees {@code eventId} */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean markProcessed(String consumer, UUID eventId) {
        return !markAllProcessed(consumer, java.util.List.of(eventId)).isEmpty();
    }

    /**
     * The same for a poll's events in one statement. Ids are inserted in sorted order, so two transactions that
     * mark overlapping sets (a partition handed over mid-batch) lock them in the same order instead of deadlocking.
     *
     * @return the ids {@code consumer} sees for the first time
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<UUID> markAllProcessed(String consumer, Collection<UUID> eventIds) {
        UUID[] ids = eventIds.stream().distinct().sorted().toArray(UUID[]::new);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     insert into processed_event (consumer, event_id)
                     select ?, id from unnest(?) with ordinality as t(id, n) order by n
                     on conflict (consumer, event_id) do nothing
                     returning event_id""")) {
            insert.setString(1, consumer);
            insert.setArray(2, connection.createArrayOf("uuid", ids));
            Set<UUID> first = new HashSet<>();
            try (ResultSet rs = insert.executeQuery()) {
                while (rs.next()) {
                    first.add(rs.getObject(1, UUID.class));
                }
            }
            return first;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record " + ids.length + " events for " + consumer, e);
        }
    }
}
