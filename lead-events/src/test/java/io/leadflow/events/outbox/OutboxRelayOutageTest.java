package io.leadflow.events.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import io.leadflow.events.config.EventsConfig;
import io.leadflow.events.contract.EventEnvelope;
import io.leadflow.events.contract.EventJson;
import io.leadflow.events.contract.LeadEvent;
import io.leadflow.events.contract.Topics;
import io.leadflow.events.kafka.KafkaClients;
import io.leadflow.events.kafka.TopicAdmin;
import io.leadflow.events.kafka.TopicNames;
import io.leadflow.events.testing.ThrowAwayKafkaBroker;
import io.leadflow.events.testing.TopicReader;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * With the broker stopped, events written meanwhile wait in the outbox and are delivered, in order, once it is
 * back. Runs the relay outside Quarkus (it is constructor-injected) against a broker this test owns, and a schema
 * of its own in the test database so no other relay can take its rows.
 */
class OutboxRelayOutageTest {

    @TempDir
    Path kafkaDir;

    private final String schema = "outage_" + UUID.randomUUID().toString().replace("-", "");
    private PGSimpleDataSource dataSource;
    private ThrowAwayKafkaBroker broker;
    private OutboxRelay relay;
    private TopicNames topicNames;

    @BeforeEach
    void setUp() throws Exception {
        dataSource = new PGSimpleDataSource();
        dataSource.setURL("jdbc:postgresql://" + System.getProperty("leadflow.pg.host", "localhost") + ":"
                + System.getProperty("leadflow.pg.port", "5432") + "/leadflow_events_test");
        dataSource.setUser(System.getProperty("leadflow.pg.user", "leadflow"));
        dataSource.setPassword(System.getProperty("leadflow.pg.password", "leadflow"));
        Flyway.configure().dataSource(dataSource).schemas(schema).createSchemas(true)
                .locations("classpath:db/leadflow-events").load().migrate();
        dataSource.setCurrentSchema(schema);

        broker = new ThrowAwayKafkaBroker(kafkaDir);
        broker.start();

        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(EventsConfig.class)
                .withConverter(Duration.class, 200, new io.quarkus.runtime.configuration.DurationConverter())
                .withDefaultValue("quarkus.application.name", "outage-test")
                .withDefaultValue("leadflow.events.topic-prefix", schema + ".")
                .withDefaultValue("leadflow.events.topics.partitions", "2")
                .withDefaultValue("leadflow.events.relay.send-timeout", "3s")
                .withDefaultValue("leadflow.events.relay.retry-backoff", "300ms")
                .build();
        EventsConfig events = config.getConfigMapping(EventsConfig.class);
        KafkaClients clients = new KafkaClients(Map.of("bootstrap.servers", broker.bootstrap()));
        topicNames = new TopicNames(events);
        relay = new OutboxRelay(dataSource, clients, new TopicAdmin(clients, topicNames, events), topicNames, events,
                new SimpleMeterRegistry());
        relay.start(null);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (relay != null) {
            relay.stop(null);
        }
        if (broker != null) {
            broker.close();
        }
        try (Connection c = rawConnection(); Statement s = c.createStatement()) {
            s.execute("drop schema if exists " + schema + " cascade");
        }
    }

    @Test
    void eventsWrittenWhileTheBrokerIsDownAreDeliveredInOrderAfterItRestarts() throws Exception {
        String lead = "LX-outage-" + UUID.randomUUID();
        List<UUID> written = new ArrayList<>();
        written.add(write(lead, "before the outage"));
        await().atMost(30, TimeUnit.SECONDS).until(() -> unpublished() == 0);

        broker.stop();
        for (int i = 1; i <= 5; i++) {
            written.add(write(lead, "during the outage " + i));
        }
        // Capture keeps succeeding: the rows are committed and simply wait, all the while the broker is away.
        await().during(4, TimeUnit.SECONDS).atMost(10, TimeUnit.SECONDS).until(() -> unpublished() == 5);

        broker.start();
        await().atMost(90, TimeUnit.SECONDS).until(() -> unpublished() == 0);

        UUID last = written.get(written.size() - 1);
        var seen = TopicReader.readUntil(broker.bootstrap(), topicNames.physical(Topics.INTAKE),
                r -> last.toString().equals(TopicReader.header(r, OutboxRelay.HEADER_EVENT_ID)), Duration.ofSeconds(30));
        List<UUID> delivered = seen.stream().filter(r -> lead.equals(r.key()))
                .map(r -> EventJson.decode(r.value()).eventId()).toList();
        // The outbox is at-least-once: a send whose acknowledgement was lost as the broker went away is sent again
        // (consumers apply it once: processed_event). What must hold is that every event arrives, in the order it
        // was written (first deliveries in written order: no event overtakes an earlier one), and nothing else.
        assertThat(delivered.stream().distinct().toList()).containsExactlyElementsOf(written);
    }

    /** What OutboxWriter does inside a service transaction; here the commit is the statement's own. */
    private UUID write(String lead, String reason) throws Exception {
        EventEnvelope event = EventEnvelope.of(lead, Instant.now(), "outage-test", new LeadEvent.LeadErased("test", reason));
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement(
                "insert into outbox_event (event_id, topic, lead_id, event_type, envelope) values (?, ?, ?, ?, ?)")) {
            insert.setObject(1, event.eventId());
            insert.setString(2, event.topic());
            insert.setString(3, lead);
            insert.setString(4, event.eventType());
            insert.setString(5, EventJson.encode(event));
            insert.executeUpdate();
        }
        relay.wake();
        return event.eventId();
    }

    private long unpublished() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from outbox_event where published_at is null")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Connection rawConnection() throws Exception {
        PGSimpleDataSource plain = new PGSimpleDataSource();
        plain.setURL(dataSource.getURL().replaceAll("\\?.*", ""));
        plain.setUser(dataSource.getUser());
        plain.setPassword(dataSource.getPassword());
        return plain.getConnection();
    }
}
