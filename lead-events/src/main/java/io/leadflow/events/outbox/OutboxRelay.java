package io.leadflow.events.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jboss.logging.Logger;

import io.leadflow.events.config.EventsConfig;
import io.leadflow.events.contract.Topics;
import io.leadflow.events.kafka.KafkaClients;
import io.leadflow.events.kafka.TopicAdmin;
import io.leadflow.events.kafka.TopicNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Publishes committed outbox rows to Kafka, in order, and marks them published only after Kafka confirmed.
 *
 * <p>One thread per service instance. A batch runs in one database transaction: an advisory lock lets one
 * instance publish at a time (so a lead's events keep their order even with several instances), the rows are
 * locked {@code FOR UPDATE SKIP LOCKED}, sent with the idempotent producer, and marked in the same transaction.
 * If Kafka is down the sends time out, nothing is marked, and the rows go out once it is back.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Arbitrary constant naming the relay's advisory lock; one per database, so one per service. */
    private static final long RELAY_LOCK = 0x1EADF10F_0B0CL;
    public static final String HEADER_EVENT_ID = "eventId";
    public static final String HEADER_EVENT_TYPE = "eventType";

    private final DataSource dataSource;
    private final KafkaClients clients;
    private final TopicAdmin topicAdmin;
    private final TopicNames topicNames;
    private final EventsConfig.Relay config;
    private final Semaphore wakeups = new Semaphore(0);
    private final Counter published;
    private final Counter failedBatches;
    private volatile boolean running;
    private volatile Thread thread;
    private volatile Instant nextCleanup = Instant.EPOCH;

    public OutboxRelay(DataSource dataSource, KafkaClients clients, TopicAdmin topicAdmin, TopicNames topicNames,
                       EventsConfig config, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.clients = clients;
        this.topicAdmin = topicAdmin;
        this.topicNames = topicNames;
        this.config = config.relay();
        this.published = registry.counter("leadflow.outbox.published");
        this.failedBatches = registry.counter("leadflow.outbox.failed.batches");
    }

    void start(@Observes StartupEvent ignored) {
        if (!config.enabled()) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent ignored) {
        running = false;
        wake();
        Thread t = thread;
        if (t != null) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Called after a transaction that wrote outbox rows committed. Cheap and never blocks. */
    public void wake() {
        if (wakeups.availablePermits() == 0) {
            wakeups.release();
        }
    }

    private void run() {
        KafkaProducer<String, byte[]> producer = null;
        while (running) {
            try {
                if (producer == null) {
                    topicAdmin.ensureTopics();
                    producer = clients.producer("outbox-relay", config.sendTimeout().toMillis());
                }
                int sent = publishBatch(producer);
                cleanupIfDue();
                if (sent < config.batchSize()) {
                    wakeups.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wakeups.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Exception e) {
                failedBatches.increment();
                LOG.warnf("Outbox relay could not publish (will retry in %s): %s", config.retryBackoff(), e.toString());
                if (producer != null && !(e instanceof SQLException)) {
                    // A producer whose sends timed out may hold a stale idempotence epoch; start clean.
                    producer.close(java.time.Duration.ofSeconds(1));
                    producer = null;
                }
                sleepQuietly(config.retryBackoff().toMillis());
            }
        }
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(5));
        }
    }

    /** Publishes one batch; returns how many rows were marked published. */
    int publishBatch(KafkaProducer<String, byte[]> producer) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                int done = publishBatch(connection, producer);
                connection.commit();
                return done;
            } catch (Exception e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    private int publishBatch(Connection connection, KafkaProducer<String, byte[]> producer) throws Exception {
        try (PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, RELAY_LOCK);
            try (ResultSet rs = lock.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return 0; // another instance is publishing; our rows are its rows too
                }
            }
        }
        List<Row> rows = new ArrayList<>();
        // Whether the row's lead was erased (OutboxWriter.forget) is read with it: such a row is deleted, not kept,
        // once Kafka has it. A lead forgotten after this read is caught by ForgottenLeadsSweep.
        try (PreparedStatement select = connection.prepareStatement("""
                select o.seq, o.event_id, o.topic, coalesce(o.record_key, o.lead_id), o.event_type, o.envelope,
                       exists (select 1 from outbox_forgotten_lead f where f.lead_id = o.lead_id)
                from outbox_event o
                where o.published_at is null order by o.seq limit ? for update of o skip locked""")) {
            select.setInt(1, config.batchSize());
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getBoolean(7)));
                }
            }
        }
        if (rows.isEmpty()) {
            return 0;
        }
        // Metadata first: a send that fails before it reaches the broker (no metadata yet, e.g. just after Kafka
        // came back) must not let the rows behind it overtake it.
        for (String topic : rows.stream().map(Row::topic).distinct().toList()) {
            producer.partitionsFor(topicNames.physical(topic));
        }
        // A lead's key must be on the keys topic before any event sealed with it can be read: a consumer that finds
        // no key for an event, even after reading the keys topic to its end, reads the event as erased. So the
        // batch's key records go first, and its events only once Kafka has them all.
        List<Future<RecordMetadata>> keyAcks = new ArrayList<>();
        for (Row row : rows) {
            if (Topics.KEYS.equals(row.topic)) {
                keyAcks.add(send(producer, row));
            }
        }
        for (Future<RecordMetadata> ack : keyAcks) {
            ack.get(config.sendTimeout().toMillis() + 5_000, TimeUnit.MILLISECONDS);
        }
        List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
        int keyIndex = 0;
        for (Row row : rows) {
            Future<RecordMetadata> ack = Topics.KEYS.equals(row.topic) ? keyAcks.get(keyIndex++) : send(producer, row);
            acks.add(ack);
            if (failedAlready(ack)) {
                break; // the rest of the batch waits for the next attempt, in order
            }
        }
        // Mark only the confirmed prefix: a lead's later event must never be marked while an earlier one is not.
        List<Long> confirmed = new ArrayList<>(rows.size());
        List<Long> forgotten = new ArrayList<>();
        Exception failure = null;
        long deadline = System.nanoTime() + config.sendTimeout().toNanos() + TimeUnit.SECONDS.toNanos(5);
        for (int i = 0; i < acks.size(); i++) {
            try {
                long remaining = Math.max(1, deadline - System.nanoTime());
                acks.get(i).get(remaining, TimeUnit.NANOSECONDS);
                if (failure == null) {
                    (rows.get(i).forgotten ? forgotten : confirmed).add(rows.get(i).seq);
                }
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                if (failure == null) {
                    failure = e;
                }
            }
        }
        if (!confirmed.isEmpty()) {
            try (PreparedStatement mark = connection.prepareStatement(
                    "update outbox_event set published_at = ? where seq = any(?)")) {
                mark.setTimestamp(1, Timestamp.from(Instant.now()));
                Array seqs = connection.createArrayOf("bigint", confirmed.toArray());
                mark.setArray(2, seqs);
                mark.executeUpdate();
            }
        }
        if (!forgotten.isEmpty()) {
            // A row of an erased lead is kept no longer than it takes Kafka to have it (OutboxWriter.forget).
            try (PreparedStatement delete = connection.prepareStatement("delete from outbox_event where seq = any(?)")) {
                delete.setArray(1, connection.createArrayOf("bigint", forgotten.toArray()));
                delete.executeUpdate();
            }
        }
        published.increment(confirmed.size() + forgotten.size());
        if (failure != null) {
            connection.commit(); // keep what Kafka confirmed, then let run() back off and retry the rest
            throw failure;
        }
        return confirmed.size() + forgotten.size();
    }

    private Future<RecordMetadata> send(KafkaProducer<String, byte[]> producer, Row row) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(HEADER_EVENT_ID, row.eventId.getBytes(StandardCharsets.UTF_8));
        headers.add(HEADER_EVENT_TYPE, row.eventType.getBytes(StandardCharsets.UTF_8));
        // A null value is a keys-topic tombstone (a destroyed key); every other row is an envelope or a key record.
        return producer.send(new ProducerRecord<>(topicNames.physical(row.topic), null, row.recordKey,
                row.value == null ? null : row.value.getBytes(StandardCharsets.UTF_8), headers));
    }

    private static boolean failedAlready(Future<RecordMetadata> ack) {
        if (!ack.isDone()) {
            return false;
        }
        try {
            ack.get();
            return false;
        } catch (Exception e) {
            return true;
        }
    }

    private void cleanupIfDue() throws SQLException {
        Instant now = Instant.now();
        if (now.isBefore(nextCleanup)) {
            return;
        }
        nextCleanup = now.plusSeconds(600);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement(
                     "delete from outbox_event where published_at < ?")) {
            delete.setTimestamp(1, Timestamp.from(now.minus(config.retention())));
            int removed = delete.executeUpdate();
            if (removed > 0) {
                LOG.debugf("Removed %d published outbox rows older than %s", removed, config.retention());
            }
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @param recordKey the lead's id, or a keys-topic record's key id */
    private record Row(long seq, String eventId, String topic, String recordKey, String eventType, String value,
                       boolean forgotten) {
    }
}
