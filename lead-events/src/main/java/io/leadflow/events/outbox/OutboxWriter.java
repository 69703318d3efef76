package io.leadflow.events.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import io.leadflow.events.contract.EventEnvelope;
import io.leadflow.events.contract.EventJson;
import io.leadflow.events.tx.AfterCommit;

/**
 * Writes events into the caller's transaction. Business code calls this, never Kafka: if the transaction rolls
 * back the events vanish with it; if it commits the relay is woken and publishes them within milliseconds.
 */
@ApplicationScoped
public class OutboxWriter {

    private static final Object WAKE_KEY = new Object();

    private final DataSource dataSource;
    private final TransactionSynchronizationRegistry registry;
    private final OutboxRelay relay;

    /**
     * Plain JDBC on the datasource: inside a JTA transaction Agroal hands out the connection already enlisted in
     * it (the one Hibernate uses), so the row commits or rolls back with the caller's changes.
     */
    public OutboxWriter(DataSource dataSource, TransactionSynchronizationRegistry registry, OutboxRelay relay) {
        this.dataSource = dataSource;
        this.registry = registry;
        this.relay = relay;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void append(EventEnvelope event) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     insert into outbox_event (event_id, topic, lead_id, event_type, envelope)
                     values (?, ?, ?, ?, ?)""")) {
            insert.setObject(1, event.eventId());
            insert.setString(2, event.topic());
            insert.setString(3, event.leadId());
            insert.setString(4, event.eventType());
            insert.setString(5, EventJson.encode(event));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not write event " + event.eventType() + " to the outbox", e);
        }
        wakeRelayAfterCommit();
    }

    private void wakeRelayAfterCommit() {
        AfterCommit.once(registry, WAKE_KEY, relay::wake);
    }
}
