package io.leadflow.events.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.leadflow.events.contract.EventEnvelope;
import io.leadflow.events.contract.EventJson;
import io.leadflow.events.contract.LeadEvent;
import io.leadflow.events.contract.LeadProfile;
import io.leadflow.events.contract.SealedPayload;
import io.leadflow.events.contract.Topics;
import io.leadflow.events.kafka.TopicNames;
import io.leadflow.events.outbox.LeadEvents;
import io.leadflow.events.testing.RecordingHandler;
import io.leadflow.events.testing.SampleEvents;
import io.leadflow.events.testing.TopicReader;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Crypto-shredding against the real PostgreSQL and Kafka: a person's fields never travel in the clear, a consumer
 * reads them whole, and once the lead is erased no reader of any topic, now or on a replay, can read them again.
 */
@QuarkusTest
class SealedEventsTest {

    private static final LeadProfile PERSON = SampleEvents.tradeShowLead();
    private static final List<String> PLAINTEXT = List.of(PERSON.customerName(), PERSON.contactName(), "13912345678",
            PERSON.email(), PERSON.wechat(), PERSON.needDescription(), PERSON.utm().campaign(), PERSON.namedOwner());

    @Inject
    LeadEvents events;
    @Inject
    KeyRing keyRing;
    @Inject
    RecordingHandler handler;
    @Inject
    TopicNames topics;
    @Inject
    MasterKey master;
    @Inject
    io.leadflow.events.kafka.KafkaClients clients;
    @Inject
    DataSource dataSource;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void personalFieldsTravelSealedAConsumerReadsThemWholeAndAfterErasureNoReaderCan() throws Exception {
        String lead = "LX-sealed-" + UUID.randomUUID();
        LeadEvent.LeadCaptured captured = new LeadEvent.LeadCaptured(PERSON, "STAFF");
        QuarkusTransaction.requiringNew().run(() -> events.emit(lead, captured));
        LeadEvent asRead = roundTrip(captured);

        ConsumerRecord<String, byte[]> onTopic = firstOf(Topics.INTAKE, lead);
        String raw = new String(onTopic.value(), StandardCharsets.UTF_8);
        assertThat(raw).doesNotContain(PLAINTEXT).contains("\"sealed\"");
        EventEnvelope wire = EventJson.decode(raw);
        assertThat(wire.payload()).as("the clear part is the erased form")
                .isEqualTo(roundTrip(captured.withoutPersonalData()));
        assertThat(wire.sealed().keyId()).isEqualTo("lead-events-test/" + lead);

        // The key went to the compacted keys topic first, wrapped with the master key: no plaintext key either.
        ConsumerRecord<String, byte[]> key = firstOf(Topics.KEYS, "lead-events-test/" + lead);
        assertThat(new String(key.value(), StandardCharsets.UTF_8)).contains("\"leadId\":\"" + lead + "\"");
        assertThat(key.offset()).isNotNegative();

        // A consumer is handed the whole event.
        await().atMost(Duration.ofSeconds(30)).until(() -> handler.appliedCount(wire.eventId()) == 1);
        assertThat(handler.payloadOf(wire.eventId())).isEqualTo(asRead);
        assertThat(keyRing.open(wire).payload()).isEqualTo(asRead);
        // Once the keys reader has read past the key's record: no copy of it. The service's own key is its lead_key.
        await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from event_key_position where "
                + "topic = '" + topics.physical(Topics.KEYS) + "' and partition = " + key.partition()
                + " and next_offset > " + key.offset() + " and ? is not null", lead) == 1);
        assertThat(count("select count(*) from event_key where lead_id = ?", lead))
                .as("its own key is read from lead_key, never copied from the keys topic").isZero();

        // Erasure destroys the key here, tombstones it on the topic and drops this service's copies.
        QuarkusTransaction.requiringNew().run(() -> events.forget(lead));
        assertThat(count("select count(*) from lead_key where lead_id = ?", lead)).isZero();
        assertThat(count("select count(*) from event_key where lead_id = ?", lead)).isZero();
        List<ConsumerRecord<String, byte[]>> keys = TopicReader.readUntil(bootstrap, topics.physical(Topics.KEYS),
                r -> ("lead-events-test/" + lead).equals(r.key()) && r.value() == null, Duration.ofSeconds(30));
        assertThat(keys).anyMatch(r -> ("lead-events-test/" + lead).equals(r.key()) && r.value() == null);

        // The event is still on its topic (a rebuild replays it) and opens to its clear part only.
        assertThat(keyRing.open(EventJson.decode(firstOf(Topics.INTAKE, lead).value())).payload())
                .isEqualTo(roundTrip(captured.withoutPersonalData()));

        // What is emitted about the lead from now on carries no personal data, and makes no new key.
        LeadEvent.LeadStageChanged late = new LeadEvent.LeadStageChanged("NEW", "CONTACTED", "rep-li",
                "客户来电 " + PERSON.phone(), null, false);
        QuarkusTransaction.requiringNew().run(() -> events.emit(lead, late));
        ConsumerRecord<String, byte[]> after = TopicReader.readUntil(bootstrap, topics.physical(Topics.FOLLOWUP),
                r -> lead.equals(r.key()), Duration.ofSeconds(30)).stream().filter(r -> lead.equals(r.key()))
                .findFirst().orElseThrow();
        String afterRaw = new String(after.value(), StandardCharsets.UTF_8);
        assertThat(afterRaw).doesNotContain("13912345678", "\"sealed\"").contains(LeadEvent.ERASED);
        assertThat(count("select count(*) from lead_key where lead_id = ?", lead)).isZero();
    }

    /**
     * Another service's key reaches this one only through the keys topic: an event sealed with it waits for the reader
     * to read the topic to its end, opens, and once the key's tombstone arrives reads as its clear part again.
     */
    @Test
    void anotherProducersKeyIsReadFromTheKeysTopicAndItsTombstoneDestroysTheCopy() throws Exception {
        String lead = "LX-sealed-" + UUID.randomUUID();
        String keyId = KeyRecord.keyIdOf("another-service", lead);
        byte[] key = EventCipher.newKey();
        EventEnvelope event = EventEnvelope.of(lead, java.time.Instant.now(), "another-service",
                new LeadEvent.LeadCaptured(PERSON, "IMPORT"));
        EventEnvelope sealed = event.sealedAs(EventCipher.seal(keyId, key, event));
        try (var producer = clients.producer("test-keys", 15_000)) {
            String wrapped = java.util.Base64.getEncoder().encodeToString(master.wrap(keyId, key));
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topics.physical(Topics.KEYS), keyId,
                    new KeyRecord(keyId, lead, "another-service", wrapped).json()
                            .getBytes(StandardCharsets.UTF_8))).get();
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topics.physical(Topics.INTAKE), lead,
                    EventJson.encodeBytes(sealed))).get();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> handler.appliedCount(event.eventId()) == 1);
        assertThat(handler.payloadOf(event.eventId())).isEqualTo(roundTrip(new LeadEvent.LeadCaptured(PERSON, "IMPORT")));
        assertThat(count("select count(*) from event_key where lead_id = ?", lead)).isEqualTo(1);

        try (var producer = clients.producer("test-keys", 15_000)) {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topics.physical(Topics.KEYS), keyId,
                    (byte[]) null)).get();
        }
        await().atMost(Duration.ofSeconds(30)).until(() ->
                count("select count(*) from event_key where lead_id = ?", lead) == 0);
        assertThat(keyRing.open(EventJson.decode(EventJson.encode(sealed))).payload())
                .isEqualTo(roundTrip(new LeadEvent.LeadCaptured(PERSON, "IMPORT").withoutPersonalData()));
    }

    @Test
    void aSealedPayloadMovedToAnotherEventOrAlteredDoesNotOpen() {
        String lead = "LX-sealed-" + UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> events.emit(lead, new LeadEvent.LeadCaptured(PERSON, "FORM")));
        EventEnvelope wire = EventJson.decode(firstOf(Topics.INTAKE, lead).value());

        EventEnvelope moved = new EventEnvelope(UUID.randomUUID(), wire.eventType(), wire.schemaVersion(), lead,
                wire.occurredAt(), wire.producer(), wire.payload(), wire.sealed());
        assertThatThrownBy(() -> keyRing.open(moved)).isInstanceOf(EventCipher.SealBroken.class);

        String text = wire.sealed().ciphertext();
        char flipped = text.charAt(5) == 'A' ? 'B' : 'A';
        EventEnvelope altered = new EventEnvelope(wire.eventId(), wire.eventType(), wire.schemaVersion(), lead,
                wire.occurredAt(), wire.producer(), wire.payload(), new SealedPayload(wire.sealed().keyId(),
                wire.sealed().nonce(), text.substring(0, 5) + flipped + text.substring(6)));
        assertThatThrownBy(() -> keyRing.open(altered)).isInstanceOf(EventCipher.SealBroken.class);
    }

    @Test
    void anEventWithoutPersonalDataTravelsAsItIsWithoutAKey() {
        String lead = "LX-sealed-" + UUID.randomUUID();
        LeadEvent.FollowUpScheduled scheduled = new LeadEvent.FollowUpScheduled("T-1", "rep-li", "A", "FIRST_CALL",
                "PHONE", java.time.Instant.now());
        QuarkusTransaction.requiringNew().run(() -> events.emit(lead, scheduled));
        EventEnvelope wire = EventJson.decode(firstOf(Topics.FOLLOWUP, lead).value());
        assertThat(wire.sealed()).isNull();
        assertThat(wire.payload()).isEqualTo(scheduled);
        assertThat(count("select count(*) from lead_key where lead_id = ?", lead)).isZero();
    }

    /**
     * Many leads' events emitted together (a batch of captures): each lead gets one key and one key record, an erased
     * lead's events go out without personal data and without a key, each event opens to what was emitted, in order.
     */
    @Test
    void eventsEmittedTogetherAreSealedEachWithItsLeadsKeyAndAnErasedLeadsGoOutClear() throws Exception {
        String first = "LX-sealed-" + UUID.randomUUID();
        String second = "LX-sealed-" + UUID.randomUUID();
        String erased = "LX-sealed-" + UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> events.forget(erased));
        LeadEvent.LeadCaptured captured = new LeadEvent.LeadCaptured(PERSON, "IMPORT");
        LeadEvent.LeadQualified qualified = new LeadEvent.LeadQualified(PERSON, 3);
        QuarkusTransaction.requiringNew().run(() -> {
            events.emitAll(List.of(new LeadEvents.Emission(first, captured), new LeadEvents.Emission(second, captured),
                    new LeadEvents.Emission(erased, captured), new LeadEvents.Emission(first, qualified)));
            // Later in the same transaction: the key is held, nothing more is made.
            events.emit(second, qualified);
        });
        for (String lead : List.of(first, second)) {
            assertThat(count("select count(*) from lead_key where lead_id = ?", lead)).isEqualTo(1);
            assertThat(count("select count(*) from outbox_event where lead_id = ? and topic = '" + Topics.KEYS + "'",
                    lead)).as("one key record for " + lead).isEqualTo(1);
            List<ConsumerRecord<String, byte[]>> onTopic = TopicReader.readUntil(bootstrap,
                    topics.physical(Topics.INTAKE), r -> lead.equals(r.key()) && new String(r.value(),
                            StandardCharsets.UTF_8).contains("LeadQualified"), Duration.ofSeconds(30))
                    .stream().filter(r -> lead.equals(r.key())).toList();
            assertThat(onTopic).hasSize(2);
            EventEnvelope one = EventJson.decode(onTopic.get(0).value());
            EventEnvelope two = EventJson.decode(onTopic.get(1).value());
            assertThat(one.eventType()).as("in the order emitted").isEqualTo("LeadCaptured");
            assertThat(new String(onTopic.get(0).value(), StandardCharsets.UTF_8)).doesNotContain(PLAINTEXT);
            assertThat(one.sealed().keyId()).isEqualTo("lead-events-test/" + lead);
            assertThat(two.sealed().keyId()).isEqualTo("lead-events-test/" + lead);
            assertThat(keyRing.open(one).payload()).isEqualTo(roundTrip(captured));
        }
        assertThat(count("select count(*) from lead_key where lead_id = ?", erased)).isZero();
        String clear = new String(firstOf(Topics.INTAKE, erased).value(), StandardCharsets.UTF_8);
        assertThat(clear).doesNotContain(PLAINTEXT).doesNotContain("\"sealed\"");
    }

    /** As any reader of the contract's JSON sees it (a budget of 100000 reads back as 100000.0). */
    private static LeadEvent roundTrip(LeadEvent.LeadCaptured payload) {
        return EventJson.payload(io.leadflow.events.contract.EventType.LEAD_CAPTURED, EventJson.payloadJson(payload));
    }

    private ConsumerRecord<String, byte[]> firstOf(String topic, String key) {
        return TopicReader.readUntil(bootstrap, topics.physical(topic), r -> key.equals(r.key()),
                Duration.ofSeconds(30)).stream().filter(r -> key.equals(r.key())).findFirst().orElseThrow();
    }

    private long count(String sql, String lead) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, lead);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
