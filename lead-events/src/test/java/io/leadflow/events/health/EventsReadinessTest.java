package io.leadflow.events.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import io.leadflow.events.kafka.KafkaClients;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * A Kafka outage keeps a service in its load balancer (its API works from its own database, its outbox holds what it
 * emits) and shows as data and a gauge to alert on; only a deployment that asks for it is taken out.
 */
class EventsReadinessTest {

    /** Nothing listens on port 1: the cluster is away. */
    private static final KafkaClients AWAY = new KafkaClients(Map.of("bootstrap.servers", "127.0.0.1:1"));

    @Test
    void withKafkaAwayAServiceStaysReadyAndSaysSoInTheCheckAndTheGauge() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        EventsReadiness readiness = new EventsReadiness(AWAY, null, false, registry);
        try {
            readiness.probeKafka(); // what the scheduler runs every 5 s in a service
            HealthCheckResponse response = readiness.call();
            assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
            assertThat(response.getData().orElseThrow()).containsEntry("kafka", "unreachable")
                    .containsEntry("kafkaRequired", false);
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> registry.get("leadflow.kafka.reachable").gauge().value() == 0.0);
        } finally {
            readiness.close();
        }
    }

    @Test
    void withKafkaThereTheCheckAndTheGaugeSayReachable() {
        KafkaClients there = new KafkaClients(Map.of("bootstrap.servers",
                System.getProperty("leadflow.kafka.bootstrap", "localhost:9092")));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        EventsReadiness readiness = new EventsReadiness(there, null, true, registry);
        try {
            readiness.probeKafka(); // what the scheduler runs every 5 s in a service
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> registry.get("leadflow.kafka.reachable").gauge().value() == 1.0);
            HealthCheckResponse response = readiness.call();
            assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
            assertThat(response.getData().orElseThrow()).containsEntry("kafka", "reachable");
        } finally {
            readiness.close();
        }
    }

    @Test
    void whereKafkaIsRequiredItsAbsenceMakesTheServiceUnready() {
        EventsReadiness readiness = new EventsReadiness(AWAY, null, true, new SimpleMeterRegistry());
        try {
            readiness.probeKafka();
            assertThat(readiness.call().getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        } finally {
            readiness.close();
        }
    }
}
