package io.leadflow.events.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import io.leadflow.events.contract.EventEnvelope;
import io.leadflow.events.contract.EventJson;
import io.leadflow.events.contract.LeadEvent;
import io.leadflow.events.contract.Topics;
import io.leadflow.events.tx.AfterCommit;

/**
 * Writes events into the caller's transaction. Business code calls this, never Kafka: if the transaction rolls
 * back the events vanish with it; if it commits the relay is woken and publishes them within milliseconds.
 */
@ApplicationScoped
public class OutboxWriter {

    private static final Object WAKE_KEY = new Object();
    /** The {@code eventType} header and column of a keys-topic record (not an event of the contract). */
    public static final String KEY_RECORD_TYPE = "LeadKey";

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

    /** @param event the envelope as it travels: sealed ({@link EventEnvelope#sealedAs}) when it holds personal data */
    @Transactional(Transactional.TxType.MANDATORY)
    public void append(EventEnvelope event) {
        appendAll(java.util.List.of(event));
    }

    /**
     * Events in this order, in one round trip: what a batch of captures emits costs one statement's latency, not one
     * per event (the outbox's {@code seq} keeps their order, and so each lead's).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void appendAll(java.util.List<EventEnvelope> events) {
        insert(events.stream().map(e -> new Row(e.eventId(), e.topic(), e.leadId(), null, e.eventType(),
                EventJson.encode(e))).toList());
    }

    /**
     * A record of the keys topic ({@link Topics#KEYS}), keyed by the key's id: the wrapped key, or null for its
     * tombstone. Kept under the lead's id, so that erasing the lead deletes it like the lead's events.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void appendKeyRecord(String leadId, String keyId, String value) {
        appendKeyRecords(java.util.List.of(new KeyRecordRow(leadId, keyId, value)));
    }

    /** A keys-topic record to write: see {@link #appendKeyRecord}. */
    public record KeyRecordRow(String leadId, String keyId, String value) {
    }

    /** Keys-topic records in one round trip, as {@link #appendKeyRecord} writes one. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void appendKeyRecords(java.util.List<KeyRecordRow> records) {
        insert(records.stream().map(r -> new Row(UUID.randomUUID(), Topics.KEYS, r.leadId(), r.keyId(),
                KEY_RECORD_TYPE, r.value())).toList());
    }

    private record Row(UUID eventId, String topic, String leadId, String recordKey, String type, String value) {
    }

    private void insert(java.util.List<Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     insert into outbox_event (event_id, topic, lead_id, record_key, event_type, envelope)
                     values (?, ?, ?, ?, ?, ?)""")) {
            for (Row row : rows) {
                insert.setObject(1, row.eventId());
                insert.setString(2, row.topic());
                insert.setString(3, row.leadId());
                insert.setString(4, row.recordKey());
                insert.setString(5, row.type());
                insert.setString(6, row.value());
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not write " + rows.get(0).type() + " to the outbox", e);
        }
        wakeRelayAfterCommit();
    }

    /** What {@link #forget} did: published rows deleted, waiting rows rewritten without personal data. */
    public record Forgotten(int deleted, int rewritten) {
    }

    /**
     * Forgets a lead in this service's outbox, in the caller's (erasing) transaction: its published rows are deleted,
     * its rows still waiting are rewritten as {@link LeadEvent#withoutPersonalData()} (a row the relay is sending at
     * this moment is skipped rather than waited for), and the lead is remembered as forgotten, so that every row of
     * it published from now on is deleted once Kafka has it ({@link OutboxRelay}, {@code Housekeeping}).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Forgotten forget(String leadId) {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement remember = connection.prepareStatement("""
                    insert into outbox_forgotten_lead (lead_id) values (?)
                    on conflict (lead_id) do update set forgotten_at = now()""")) {
                remember.setString(1, leadId);
                remember.executeUpdate();
            }
            try (PreparedStatement keys = connection.prepareStatement(
                    "delete from outbox_event where lead_id = ? and topic = ? and published_at is null")) {
                // A key not sent yet need not be sent at all: the lead's waiting events lose their sealed part below.
                keys.setString(1, leadId);
                keys.setString(2, Topics.KEYS);
                keys.executeUpdate();
            }
            int rewritten = 0;
            try (PreparedStatement waiting = connection.prepareStatement("""
                    select seq, envelope from outbox_event where lead_id = ? and published_at is null
                    and topic <> ? order by seq for update skip locked""");
                 PreparedStatement rewrite = connection.prepareStatement(
                         "update outbox_event set envelope = ? where seq = ?")) {
                waiting.setString(1, leadId);
                waiting.setString(2, Topics.KEYS);
                try (ResultSet rows = waiting.executeQuery()) {
                    while (rows.next()) {
                        EventEnvelope event = EventJson.decode(rows.getString(2));
                        LeadEvent scrubbed = event.payload().withoutPersonalData();
                        if (event.sealed() != null || !scrubbed.equals(event.payload())) {
                            rewrite.setString(1, EventJson.encode(event.withPayload(scrubbed)));
                            rewrite.setLong(2, rows.getLong(1));
                            rewrite.executeUpdate();
                            rewritten++;
                        }
                    }
                }
            }
            try (PreparedStatement delete = connection.prepareStatement(
                    "delete from outbox_event where lead_id = ? and published_at is not null")) {
                delete.setString(1, leadId);
                return new Forgotten(delete.executeUpdate(), rewritten);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not forget lead " + leadId + " in the outbox", e);
        }
    }

    private void wakeRelayAfterCommit() {
        AfterCommit.once(registry, WAKE_KEY, relay::wake);
    }
}
