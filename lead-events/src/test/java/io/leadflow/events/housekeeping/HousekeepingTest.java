package io.leadflow.events.housekeeping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import io.leadflow.events.contract.EventEnvelope;
import io.leadflow.events.contract.EventJson;
import io.leadflow.events.contract.LeadEvent;
import io.leadflow.events.contract.Topics;
import io.leadflow.events.kafka.KafkaClients;
import io.leadflow.events.kafka.TopicNames;
import io.leadflow.events.testing.RecordingHandler;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;

/** Purging against the real PostgreSQL (and Kafka, for redeliveries inside the window). */
@QuarkusTest
class HousekeepingTest {

    private static final Duration RETENTION = Duration.ofDays(90);

    @Inject
    Housekeeping housekeeping;
    @Inject
    DataSource dataSource;
    @Inject
    Scheduler scheduler;
    @Inject
    RecordingHandler handler;
    @Inject
    KafkaClients clients;
    @Inject
    TopicNames topics;

    @Test
    void marksOlderThanTheRetentionArePurgedInBatchesAndYoungerOnesKept() throws Exception {
        assertThat(housekeeping.processedEventRetention()).isEqualTo(RETENTION);
        String consumer = "housekeeping-" + UUID.randomUUID();
        Instant now = Instant.now();
        List<UUID> old = new ArrayList<>();
        for (int i = 0; i < 12; i++) { // more than one batch (batch-size 5 in the test configuration)
            old.add(mark(consumer, now.minus(RETENTION).minus(Duration.ofHours(1 + i))));
        }
        UUID justInside = mark(consumer, now.minus(RETENTION).plus(Duration.ofHours(1)));
        UUID recent = mark(consumer, now.minus(Duration.ofMinutes(5)));

        Optional<Map<String, Long>> purged = housekeeping.run();

        assertThat(purged).isPresent();
        assertThat(purged.get().get("processed_event")).isGreaterThanOrEqualTo(old.size());
        assertThat(marksOf(consumer)).containsExactlyInAnyOrder(justInside, recent);
    }

    @Test
    void aRedeliveryInsideTheWindowIsStillRecognisedAfterAPurge() throws Exception {
        String lead = "LX-test-" + UUID.randomUUID();
        EventEnvelope inside = erased(lead, "applied 89 days ago");
        EventEnvelope outside = erased(lead, "applied 91 days ago");
        send(lead, inside, outside);
        await().atMost(30, TimeUnit.SECONDS).until(() -> handler.appliedCount(inside.eventId()) == 1
                && handler.appliedCount(outside.eventId()) == 1);
        age(inside.eventId(), RETENTION.minusDays(1));
        age(outside.eventId(), RETENTION.plusDays(1));

        assertThat(housekeeping.run()).isPresent();
        assertThat(marksOf("recording")).contains(inside.eventId()).doesNotContain(outside.eventId());

        EventEnvelope marker = erased(lead, "after the redelivery");
        send(lead, inside, marker);
        await().atMost(30, TimeUnit.SECONDS).until(() -> handler.appliedCount(marker.eventId()) == 1);
        assertThat(handler.appliedCount(inside.eventId())).as("redelivered inside the window: applied once")
                .isEqualTo(1);
        assertThat(handler.attemptCount(inside.eventId())).isEqualTo(1);
    }

    @Test
    void whileAnotherInstancePurgesThisOneSkips() throws Exception {
        String consumer = "housekeeping-" + UUID.randomUUID();
        UUID old = mark(consumer, Instant.now().minus(RETENTION).minus(Duration.ofDays(1)));
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(true);
            try (PreparedStatement lock = other.prepareStatement("select pg_advisory_lock(?)")) {
                lock.setLong(1, Housekeeping.LOCK);
                lock.execute();
            }
            try {
                assertThat(housekeeping.run()).isEmpty();
                assertThat(marksOf(consumer)).containsExactly(old);
            } finally {
                try (PreparedStatement unlock = other.prepareStatement("select pg_advisory_unlock(?)")) {
                    unlock.setLong(1, Housekeeping.LOCK);
                    unlock.execute();
                }
            }
        }
        assertThat(housekeeping.run()).isPresent();
        assertThat(marksOf(consumer)).isEmpty();
    }

    @Test
    void aTableAServiceDeclaresIsPurgedByItsOwnAge() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("create table if not exists " + ProbeTable.NAME
                    + " (key text primary key, created_at timestamptz not null)");
            s.execute("create index if not exists housekeeping_probe_created on " + ProbeTable.NAME + " (created_at)");
        }
        String expired = "key-" + UUID.randomUUID();
        String kept = "key-" + UUID.randomUUID();
        Instant now = Instant.now();
        probeRow(expired, now.minus(ProbeTable.KEEP_FOR).minus(Duration.ofMinutes(5)));
        probeRow(kept, now.minus(ProbeTable.KEEP_FOR).plus(Duration.ofMinutes(5)));

        assertThat(housekeeping.tables()).extracting(ExpiringRows::table).contains("processed_event", ProbeTable.NAME);
        Optional<Map<String, Long>> purged = housekeeping.run();

        assertThat(purged).isPresent();
        assertThat(purged.get().get(ProbeTable.NAME)).isGreaterThanOrEqualTo(1);
        assertThat(probeKeys()).contains(kept).doesNotContain(expired);
    }

    @Test
    void thePurgeIsScheduled() {
        assertThat(scheduler.getScheduledJob(Housekeeping.JOB)).isNotNull();
    }

    private UUID mark(String consumer, Instant at) throws Exception {
        UUID id = UUID.randomUUID();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "insert into processed_event (consumer, event_id, processed_at) values (?, ?, ?)")) {
            s.setString(1, consumer);
            s.setObject(2, id);
            s.setTimestamp(3, Timestamp.from(at));
            s.executeUpdate();
        }
        return id;
    }

    private void age(UUID eventId, Duration age) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "update processed_event set processed_at = ? where consumer = 'recording' and event_id = ?")) {
            s.setTimestamp(1, Timestamp.from(Instant.now().minus(age)));
            s.setObject(2, eventId);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
    }

    private List<UUID> marksOf(String consumer) throws Exception {
        List<UUID> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select event_id from processed_event where consumer = ?")) {
            s.setString(1, consumer);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return ids;
    }

    private void probeRow(String key, Instant createdAt) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "insert into " + ProbeTable.NAME + " (key, created_at) values (?, ?)")) {
            s.setString(1, key);
            s.setTimestamp(2, Timestamp.from(createdAt));
            s.executeUpdate();
        }
    }

    private List<String> probeKeys() throws Exception {
        List<String> keys = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select key from " + ProbeTable.NAME)) {
            while (rs.next()) {
                keys.add(rs.getString(1));
            }
        }
        return keys;
    }

    private void send(String lead, EventEnvelope... events) throws Exception {
        try (KafkaProducer<String, byte[]> producer = clients.producer("test-housekeeping", 15_000)) {
            for (EventEnvelope e : events) {
                producer.send(new ProducerRecord<>(topics.physical(Topics.INTAKE), lead, EventJson.encodeBytes(e))).get();
            }
        }
    }

    private static EventEnvelope erased(String lead, String reason) {
        return EventEnvelope.of(lead, Instant.now(), "lead-events-test", new LeadEvent.LeadErased("test", reason));
    }
}
