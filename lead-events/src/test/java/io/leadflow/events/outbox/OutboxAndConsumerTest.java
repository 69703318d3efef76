package io.leadflow.events.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.leadflow.events.consumer.DeadLetterHeaders;
import io.leadflow.events.contract.EventEnvelope;
import io.leadflow.events.contract.EventJson;
import io.leadflow.events.contract.LeadEvent;
import io.leadflow.events.contract.Topics;
import io.leadflow.events.kafka.KafkaClients;
import io.leadflow.events.kafka.TopicNames;
import io.leadflow.events.testing.RecordingHandler;
import io.leadflow.events.testing.TopicReader;
import io.leadflow.events.testing.TopicWriter;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** The outbox and the idempotent consumer against the real PostgreSQL and Kafka that deploy/local/test starts. */
@QuarkusTest
class OutboxAndConsumerTest {

    @Inject
    OutboxWriter outbox;
    @Inject
    TopicNames topics;
    @Inject
    KafkaClients clients;
    @Inject
    RecordingHandler handler;
    @Inject
    io.leadflow.events.consumer.ConsumerRunner runner;
    @Inject
    DataSource dataSource;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void anEventWrittenInATransactionThatRollsBackIsNeverPublished() throws Exception {
        String lead = uniqueLeadId();
        EventEnvelope rolledBack = erased(lead, "rolled back with its business change");
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            outbox.append(rolledBack);
            throw new IllegalStateException("the business change failed");
        })).hasMessageContaining("business change failed");
        EventEnvelope committed = erased(lead, "committed");
        QuarkusTransaction.requiringNew().run(() -> outbox.append(committed));

        // Same lead, same partition: once the committed event is there, the rolled-back one would be before it.
        List<ConsumerRecord<String, byte[]>> seen = TopicReader.readUntil(bootstrap, topics.physical(Topics.INTAKE),
                r -> committed.eventId().toString().equals(TopicReader.header(r, OutboxRelay.HEADER_EVENT_ID)),
                Duration.ofSeconds(30));
        assertThat(seen.stream().filter(r -> lead.equals(r.key()))
                .map(r -> EventJson.decode(r.value()).eventId()))
                .containsExactly(committed.eventId());
        assertThat(outboxRows(rolledBack.eventId())).isZero();
        await().atMost(10, TimeUnit.SECONDS).until(() -> isPublished(committed.eventId()));
    }

    @Test
    void publishedRecordsCarryTheLeadIdAsKeyAndTheEventIdAndTypeAsHeaders() {
        String lead = uniqueLeadId();
        EventEnvelope event = erased(lead, "headers");
        QuarkusTransaction.requiringNew().run(() -> outbox.append(event));
        List<ConsumerRecord<String, byte[]>> seen = TopicReader.readUntil(bootstrap, topics.physical(Topics.INTAKE),
                r -> lead.equals(r.key()), Duration.ofSeconds(30));
        ConsumerRecord<String, byte[]> record = seen.get(seen.size() - 1);
        assertThat(TopicReader.header(record, "eventId")).isEqualTo(event.eventId().toString());
        assertThat(TopicReader.header(record, "eventType")).isEqualTo("LeadErased");
        assertThat(EventJson.decode(record.value())).isEqualTo(event);
    }

    @Test
    void eventsOfOneLeadArePublishedInTheOrderTheyWereWritten() {
        String lead = uniqueLeadId();
        List<EventEnvelope> events = java.util.stream.IntStream.range(0, 20)
                .mapToObj(i -> erased(lead, "step " + i)).toList();
        for (int i = 0; i < events.size(); i += 5) {
            List<EventEnvelope> batch = events.subList(i, i + 5);
            QuarkusTransaction.requiringNew().run(() -> batch.forEach(outbox::append));
        }
        UUID last = events.get(events.size() - 1).eventId();
        List<ConsumerRecord<String, byte[]>> seen = TopicReader.readUntil(bootstrap, topics.physical(Topics.INTAKE),
                r -> last.toString().equals(TopicReader.header(r, "eventId")), Duration.ofSeconds(30));
        assertThat(seen.stream().filter(r -> lead.equals(r.key())).map(r -> EventJson.decode(r.value()).eventId()))
                .containsExactlyElementsOf(events.stream().map(EventEnvelope::eventId).toList());
    }

    @Test
    void aRedeliveredEventIsAppliedOnce() throws Exception {
        String lead = uniqueLeadId();
        EventEnvelope event = erased(lead, "delivered twice");
        EventEnvelope marker = erased(lead, "after the duplicates");
        try (KafkaProducer<String, byte[]> producer = clients.producer("test-redelivery", 15_000)) {
            String topic = topics.physical(Topics.INTAKE);
            producer.send(new ProducerRecord<>(topic, lead, EventJson.encodeBytes(event))).get();
            producer.send(new ProducerRecord<>(topic, lead, EventJson.encodeBytes(event))).get();
            producer.send(new ProducerRecord<>(topic, lead, EventJson.encodeBytes(event))).get();
            producer.send(new ProducerRecord<>(topic, lead, EventJson.encodeBytes(marker))).get();
        }
        await().atMost(30, TimeUnit.SECONDS).until(() -> handler.appliedCount(marker.eventId()) == 1);
        assertThat(handler.appliedCount(event.eventId())).isEqualTo(1);
        assertThat(handler.attemptCount(event.eventId())).isEqualTo(1);
        assertThat(processedRows("recording", event.eventId())).isEqualTo(1);
    }

    @Test
    void aPoisonMessageGoesToTheDeadLetterTopicAndTheNextMessageIsStillProcessed() throws Exception {
        String lead = uniqueLeadId();
        byte[] garbage = "{\"this is\": not an event".getBytes(StandardCharsets.UTF_8);
        EventEnvelope failing = erased(lead, RecordingHandler.POISON);
        EventEnvelope next = erased(lead, "the next message");
        try (KafkaProducer<String, byte[]> producer = clients.producer("test-poison", 15_000)) {
            String topic = topics.physical(Topics.INTAKE);
            producer.send(new ProducerRecord<>(topic, lead, garbage)).get();
            producer.send(new ProducerRecord<>(topic, lead, EventJson.encodeBytes(failing))).get();
            producer.send(new ProducerRecord<>(topic, lead, EventJson.encodeBytes(next))).get();
        }
        await().atMost(30, TimeUnit.SECONDS).until(() -> handler.appliedCount(next.eventId()) == 1);
        assertThat(handler.appliedCount(failing.eventId())).isZero();
        assertThat(handler.attemptCount(failing.eventId())).isEqualTo(3);
        assertThat(processedRows("recording", failing.eventId())).as("rolled back with the handler").isZero();

        List<ConsumerRecord<String, byte[]>> dead = TopicReader.readUntil(bootstrap, topics.deadLetter(Topics.INTAKE),
                r -> lead.equals(r.key()) && r.value() != null && new String(r.value(), StandardCharsets.UTF_8)
                        .contains(failing.eventId().toString()), Duration.ofSeconds(30));
        List<ConsumerRecord<String, byte[]>> mine = dead.stream().filter(r -> lead.equals(r.key())).toList();
        assertThat(mine).hasSize(2);
        assertThat(mine.get(0).value()).isEqualTo(garbage);
        assertThat(TopicReader.header(mine.get(0), DeadLetterHeaders.DLQ_ERROR)).contains("Malformed event");
        // The header names the exception and where it was thrown, never its message: a message may quote the event.
        assertThat(TopicReader.header(mine.get(1), DeadLetterHeaders.DLQ_ERROR))
                .startsWith("java.lang.IllegalStateException\n\tat ").contains("RecordingHandler")
                .doesNotContain("poison on purpose");
        assertThat(TopicReader.header(mine.get(1), DeadLetterHeaders.DLQ_ATTEMPTS)).isEqualTo("3");
        assertThat(TopicReader.header(mine.get(1), DeadLetterHeaders.DLQ_CONSUMER)).isEqualTo("recording");
        assertThat(TopicReader.header(mine.get(1), DeadLetterHeaders.DLQ_ORIGINAL_TOPIC))
                .isEqualTo(topics.physical(Topics.INTAKE));
    }

    /**
     * A newer major version of a type the consumer reads is never applied in part: it is dead-lettered with a reason
     * saying what to do, and the events after it still flow. A newer version of a type it does not read is skipped.
     */
    @Test
    void aNewerSchemaVersionOfAConsumedTypeIsDeadLetteredWholeWithItsReason() throws Exception {
        String lead = uniqueLeadId();
        EventEnvelope newer = erased(lead, "from a producer a version ahead");
        EventEnvelope notRead = EventEnvelope.of(lead, Instant.now(), "lead-events-test",
                new LeadEvent.LeadRejected(List.of(), 1, "OTHER"));
        EventEnvelope marker = erased(lead, RecordingHandler.POISON);
        try (KafkaProducer<String, byte[]> producer = clients.producer("test-version", 15_000)) {
            String topic = topics.physical(Topics.INTAKE);
            producer.send(new ProducerRecord<>(topic, lead, versionTwo(newer))).get();
            producer.send(new ProducerRecord<>(topic, lead, versionTwo(notRead))).get();
            producer.send(new ProducerRecord<>(topic, lead, EventJson.encodeBytes(marker))).get();
        }
        // The poisoned marker behind them is dead-lettered last, so once it is there the others were decided.
        List<ConsumerRecord<String, byte[]>> dead = TopicReader.readUntil(bootstrap, topics.deadLetter(Topics.INTAKE),
                r -> r.value() != null && new String(r.value(), StandardCharsets.UTF_8)
                        .contains(marker.eventId().toString()), Duration.ofSeconds(60));
        List<ConsumerRecord<String, byte[]>> mine = dead.stream().filter(r -> lead.equals(r.key())).toList();
        assertThat(mine).as("the version the consumer reads, then the marker; the unread type was skipped").hasSize(2);
        assertThat(new String(mine.get(0).value(), StandardCharsets.UTF_8)).contains(newer.eventId().toString());
        assertThat(TopicReader.header(mine.get(0), DeadLetterHeaders.DLQ_ERROR))
                .contains("LeadErased schemaVersion 2 is newer than this build reads (up to 1)");
        assertThat(TopicReader.header(mine.get(0), DeadLetterHeaders.DLQ_CONSUMER)).isEqualTo("recording");
        assertThat(handler.attemptCount(newer.eventId())).as("refused before the handler saw it").isZero();
        assertThat(processedRows("recording", newer.eventId())).isZero();
    }

    private static byte[] versionTwo(EventEnvelope event) {
        return EventJson.encode(event).replace("\"schemaVersion\":1", "\"schemaVersion\":2")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void anEventMetWithTheDatabaseAwayIsKeptAndAppliedWhenItIsBackNeverDeadLettered() throws Exception {
        String lead = uniqueLeadId();
        EventEnvelope waiting = erased(lead, RecordingHandler.DATABASE_AWAY);
        EventEnvelope next = erased(lead, "after the outage");
        EventEnvelope marker = erased(lead, RecordingHandler.POISON); // dead-lettered: marks where to stop reading
        try (KafkaProducer<String, byte[]> producer = clients.producer("test-db-away", 15_000)) {
            String topic = topics.physical(Topics.INTAKE);
            producer.send(new ProducerRecord<>(topic, lead, EventJson.encodeBytes(waiting))).get();
            producer.send(new ProducerRecord<>(topic, lead, EventJson.encodeBytes(next))).get();
            producer.send(new ProducerRecord<>(topic, lead, EventJson.encodeBytes(marker))).get();
        }
        await().atMost(60, TimeUnit.SECONDS).until(() -> handler.appliedCount(next.eventId()) == 1);
        // More attempts than max-attempts (3 here), in order: the later event of the lead waited for it.
        assertThat(handler.attemptCount(waiting.eventId())).isEqualTo(RecordingHandler.AWAY_ATTEMPTS + 1);
        assertThat(handler.appliedCount(waiting.eventId())).isEqualTo(1);
        assertThat(processedRows("recording", waiting.eventId())).isEqualTo(1);
        assertTheLeadsOnlyDeadLetterIs(lead, marker);
    }

    @Test
    void anEventThatMetAConcurrentTransactionIsTriedAgainPastMaxAttemptsNeverDeadLettered() throws Exception {
        String lead = uniqueLeadId();
        EventEnvelope conflicting = erased(lead, RecordingHandler.CONFLICT);
        EventEnvelope marker = erased(lead, RecordingHandler.POISON); // dead-lettered: marks where to stop reading
        try (KafkaProducer<String, byte[]> producer = clients.producer("test-conflict", 15_000)) {
            String topic = topics.physical(Topics.INTAKE);
            producer.send(new ProducerRecord<>(topic, lead, EventJson.encodeBytes(conflicting))).get();
            producer.send(new ProducerRecord<>(topic, lead, EventJson.encodeBytes(marker))).get();
        }
        await().atMost(60, TimeUnit.SECONDS).until(() -> handler.appliedCount(conflicting.eventId()) == 1);
        // Six deadlocks against max-attempts 3: a conflict is nobody's fault and does not count as a failed attempt.
        assertThat(handler.attemptCount(conflicting.eventId())).isEqualTo(RecordingHandler.CONFLICT_ATTEMPTS + 1);
        assertTheLeadsOnlyDeadLetterIs(lead, marker);
    }

    @Test
    void severalConsumerThreadsShareTheGroupsPartitionsAndApplyEachEventOnce() throws Exception {
        // leadflow.events.consumer.threads=2 and 2 partitions in this module's test config
        assertThat(runner.loops().stream().filter(l -> l.groupId().endsWith(".recording"))).hasSize(2);
        List<EventEnvelope> events = new java.util.ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = clients.producer("test-members", 15_000)) {
            String topic = topics.physical(Topics.INTAKE);
            for (int i = 0; i < 40; i++) {
                EventEnvelope e = erased(uniqueLeadId(), "spread " + i);
                events.add(e);
                producer.send(new ProducerRecord<>(topic, e.leadId(), EventJson.encodeBytes(e))).get();
            }
        }
        await().atMost(60, TimeUnit.SECONDS).until(() -> events.stream()
                .allMatch(e -> handler.appliedCount(e.eventId()) == 1));
        // 40 leads over 2 partitions: both members of the group applied some of them
        assertThat(handler.applyingThreads()).contains("consumer-recording-0", "consumer-recording-1");
        for (EventEnvelope e : events) {
            assertThat(processedRows("recording", e.eventId())).isEqualTo(1);
        }
    }

    @Test
    void eventsThatArriveTogetherAreAppliedInOneTransaction() throws Exception {
        String lead = uniqueLeadId();
        List<EventEnvelope> events = java.util.stream.IntStream.range(0, 30)
                .mapToObj(i -> erased(lead, "together " + i)).toList();
        // One Kafka transaction: a read_committed consumer sees all 30 at once, so one poll holds them all.
        sendInOneKafkaTransaction(lead, events.stream().map(EventJson::encodeBytes).toList());
        await().atMost(30, TimeUnit.SECONDS).until(() -> events.stream()
                .allMatch(e -> handler.appliedCount(e.eventId()) == 1));
        // processed_at defaults to now(), the start of the transaction that recorded the event
        assertThat(query("select count(distinct processed_at) from processed_event where consumer = 'recording'"
                + " and event_id = any(?)", events.stream().map(EventEnvelope::eventId).toArray(UUID[]::new)))
                .isEqualTo(1);
        assertThat(events).allMatch(e -> handler.attemptCount(e.eventId()) == 1);
    }

    @Test
    void aFailingEventInAPollIsAppliedAloneAndTheOthersOnceEach() throws Exception {
        String lead = uniqueLeadId();
        EventEnvelope before = erased(lead, "before the poison");
        EventEnvelope failing = erased(lead, RecordingHandler.POISON);
        EventEnvelope after = erased(lead, "after the poison");
        sendInOneKafkaTransaction(lead, List.of(EventJson.encodeBytes(before), EventJson.encodeBytes(failing),
                EventJson.encodeBytes(after)));
        await().atMost(30, TimeUnit.SECONDS).until(() -> handler.appliedCount(after.eventId()) == 1);
        assertThat(handler.appliedCount(before.eventId())).isEqualTo(1);
        assertThat(processedRows("recording", before.eventId())).isEqualTo(1);
        assertThat(processedRows("recording", after.eventId())).isEqualTo(1);
        // max-attempts (3) in all, the failed transaction of the whole poll being the first of them
        assertThat(handler.attemptCount(failing.eventId())).isEqualTo(3);
        assertThat(processedRows("recording", failing.eventId())).isZero();
        assertTheLeadsOnlyDeadLetterIs(lead, failing);
    }

    private void sendInOneKafkaTransaction(String lead, List<byte[]> values) {
        TopicWriter.inOneTransaction(bootstrap, topics.physical(Topics.INTAKE), lead, values);
    }

    /** Reads the dead-letter topic up to the marker: of this lead's events, only the marker was dead-lettered. */
    private void assertTheLeadsOnlyDeadLetterIs(String lead, EventEnvelope marker) {
        List<ConsumerRecord<String, byte[]>> dead = TopicReader.readUntil(bootstrap, topics.deadLetter(Topics.INTAKE),
                r -> r.value() != null && new String(r.value(), StandardCharsets.UTF_8)
                        .contains(marker.eventId().toString()), Duration.ofSeconds(60));
        assertThat(dead.stream().filter(r -> lead.equals(r.key())).map(r -> new String(r.value(),
                StandardCharsets.UTF_8))).as("the lead's dead letters").hasSize(1)
                .allMatch(v -> v.contains(marker.eventId().toString()));
    }

    static String uniqueLeadId() {
        return "LX-test-" + UUID.randomUUID();
    }

    static EventEnvelope erased(String lead, String reason) {
        return EventEnvelope.of(lead, Instant.now(), "lead-events-test", new LeadEvent.LeadErased("test", reason));
    }

    private boolean isPublished(UUID eventId) throws Exception {
        return query("select count(*) from outbox_event where event_id = ? and published_at is not null", eventId) == 1;
    }

    private long outboxRows(UUID eventId) throws Exception {
        return query("select count(*) from outbox_event where event_id = ?", eventId);
    }

    private long processedRows(String consumer, UUID eventId) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "select count(*) from processed_event where consumer = ? and event_id = ?")) {
            s.setString(1, consumer);
            s.setObject(2, eventId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private long query(String sql, UUID eventId) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, eventId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private long query(String sql, UUID[] eventIds) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(1, c.createArrayOf("uuid", eventIds));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
