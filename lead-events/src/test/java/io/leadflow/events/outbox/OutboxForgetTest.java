package io.leadflow.events.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.leadflow.events.contract.EventEnvelope;
import io.leadflow.events.contract.EventJson;
import io.leadflow.events.contract.LeadEvent;
import io.leadflow.events.contract.Topics;
import io.leadflow.events.kafka.TopicNames;
import io.leadflow.events.testing.SampleEvents;
import io.leadflow.events.testing.TopicReader;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** How every service forgets an erased lead's events, against the real PostgreSQL and Kafka. */
@QuarkusTest
class OutboxForgetTest {

    private static final String PHONE = "+8613912345678";

    @Inject
    LeadEvents events;
    @Inject
    OutboxWriter outbox;
    @Inject
    ForgottenLeadsSweep sweep;
    @Inject
    TopicNames topics;
    @Inject
    DataSource dataSource;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void publishedRowsGoWaitingOnesLeaveWithoutThePersonAndNothingOfTheLeadStaysOnceKafkaHasIt() throws Exception {
        String lead = OutboxAndConsumerTest.uniqueLeadId();
        LeadEvent.LeadCaptured captured = (LeadEvent.LeadCaptured) SampleEvents.all()
                .get(io.leadflow.events.contract.EventType.LEAD_CAPTURED).payload();
        EventEnvelope first = EventEnvelope.of(lead, Instant.now(), "lead-events-test", captured);
        QuarkusTransaction.requiringNew().run(() -> outbox.append(first));
        await().atMost(Duration.ofSeconds(30)).until(() -> rows(lead, "published_at is not null") == 1);

        // Erased while a stage change quoting the customer still waits in the outbox (same transaction here).
        EventEnvelope waiting = EventEnvelope.of(lead, Instant.now(), "lead-events-test",
                new LeadEvent.LeadStageChanged("NEW", "CONTACTED", "rep-li", "客户来电 " + PHONE, Instant.now(), false));
        OutboxWriter.Forgotten forgotten = QuarkusTransaction.requiringNew().call(() -> {
            outbox.append(waiting);
            return events.forget(lead);
        });
        assertThat(forgotten).isEqualTo(new OutboxWriter.Forgotten(1, 1));

        List<ConsumerRecord<String, byte[]>> seen = TopicReader.readUntil(bootstrap,
                topics.physical(Topics.FOLLOWUP), r -> lead.equals(r.key()), Duration.ofSeconds(30));
        String sent = seen.stream().filter(r -> lead.equals(r.key()))
                .map(r -> new String(r.value(), StandardCharsets.UTF_8)).findFirst().orElseThrow();
        assertThat(sent).doesNotContain(PHONE);
        var stage = (LeadEvent.LeadStageChanged) EventJson.decode(sent).payload();
        assertThat(stage.reason()).isEqualTo(LeadEvent.ERASED);
        assertThat(stage.toStage()).isEqualTo("CONTACTED");
        assertThat(EventJson.decode(sent).eventId()).as("the same event, only without the words")
                .isEqualTo(waiting.eventId());
        // Once published, the relay deletes a forgotten lead's row instead of keeping it.
        await().atMost(Duration.ofSeconds(30)).until(() -> rows(lead, "true") == 0);
    }

    @Test
    void aRowTheRelayWasSendingDuringTheErasureIsSweptOnceItIsOut() throws Exception {
        String lead = OutboxAndConsumerTest.uniqueLeadId();
        QuarkusTransaction.requiringNew().run(() -> events.forget(lead));
        // What the relay marks published after the erasure looked, and after its own check could see it.
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement("""
                     insert into outbox_event (event_id, topic, lead_id, event_type, envelope, published_at)
                     values (gen_random_uuid(), 'leadflow.intake.v1', ?, 'LeadCaptured', '{}', now())""")) {
            insert.setString(1, lead);
            insert.executeUpdate();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> rows(lead, "true") == 0);
        assertThat(sweep.sweep()).as("nothing left to sweep").isZero();
    }

    private long rows(String lead, String condition) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("select count(*) from outbox_event where lead_id = ? and "
                     + condition)) {
            q.setString(1, lead);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
