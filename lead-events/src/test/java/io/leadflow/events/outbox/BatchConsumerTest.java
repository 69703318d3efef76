package io.leadflow.events.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.leadflow.events.contract.EventEnvelope;
import io.leadflow.events.contract.EventJson;
import io.leadflow.events.contract.LeadEvent;
import io.leadflow.events.contract.Topics;
import io.leadflow.events.kafka.TopicNames;
import io.leadflow.events.testing.RecordingBatchHandler;
import io.leadflow.events.testing.TopicWriter;
import io.quarkus.test.junit.QuarkusTest;

/** A BatchEventHandler gets a poll's new events in one call, in order; a poll that fails is applied event by event. */
@QuarkusTest
class BatchConsumerTest {

    @Inject
    RecordingBatchHandler handler;
    @Inject
    TopicNames topics;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void eventsThatArriveTogetherReachTheHandlerTogetherInTheirOrderEachOnce() {
        String lead = "LX-test-" + UUID.randomUUID();
        List<EventEnvelope> events = java.util.stream.IntStream.range(0, 20)
                .mapToObj(i -> erased(lead, "together " + i)).toList();
        List<UUID> ids = events.stream().map(EventEnvelope::eventId).toList();
        // the first one again in the same poll: a repeat is not handed over a second time
        sendInOneKafkaTransaction(lead, java.util.stream.Stream.concat(events.stream(), java.util.stream.Stream.of(
                events.get(0))).map(EventJson::encodeBytes).toList());
        await().atMost(30, TimeUnit.SECONDS).until(() -> ids.stream().allMatch(id -> handler.appliedCount(id) == 1));
        List<List<UUID>> calls = handler.batchesWith(ids);
        assertThat(calls).as("one read_committed poll holds the whole Kafka transaction").hasSize(1);
        assertThat(calls.get(0)).containsExactlyElementsOf(ids);
        assertThat(ids).noneMatch(handler::appliedAlone);
    }

    @Test
    void aPollThatFailsIsAppliedEventByEventSoOnlyTheBadEventIsLeftOut() {
        String lead = "LX-test-" + UUID.randomUUID();
        EventEnvelope before = erased(lead, "before the poison");
        EventEnvelope poison = erased(lead, RecordingBatchHandler.POISON);
        EventEnvelope after = erased(lead, "after the poison");
        sendInOneKafkaTransaction(lead, List.of(EventJson.encodeBytes(before), EventJson.encodeBytes(poison),
                EventJson.encodeBytes(after)));
        await().atMost(60, TimeUnit.SECONDS).until(() -> handler.appliedCount(after.eventId()) == 1);
        assertThat(handler.appliedAlone(before.eventId())).isTrue();
        assertThat(handler.appliedAlone(after.eventId())).isTrue();
        assertThat(handler.appliedCount(before.eventId())).isEqualTo(1);
        assertThat(handler.appliedCount(poison.eventId())).isZero();
    }

    private static EventEnvelope erased(String lead, String reason) {
        return EventEnvelope.of(lead, Instant.now(), "lead-events-test", new LeadEvent.LeadErased("test", reason));
    }

    private void sendInOneKafkaTransaction(String lead, List<byte[]> values) {
        TopicWriter.inOneTransaction(bootstrap, topics.physical(Topics.ROUTING), lead, values);
    }
}
