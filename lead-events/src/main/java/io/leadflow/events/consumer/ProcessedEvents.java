package io.leadflow.events.consumer;

import java.util.UUID;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

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
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     insert into processed_event (consumer, event_id) values (?, ?)
                     on conflict (consumer, event_id) do nothing""")) {
            insert.setString(1, consumer);
            insert.setObject(2, eventId);
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record event " + eventId + " for " + consumer, e);
        }
    }
}
