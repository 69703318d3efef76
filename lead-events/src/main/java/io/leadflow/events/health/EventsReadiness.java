package io.leadflow.events.health;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.leadflow.events.kafka.KafkaClients;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;

/**
 * Readiness of the event plumbing: can Kafka be reached, and how many committed events wait in the outbox.
 *
 * <p>Kafka being away does not make a service unready by default: every service keeps answering its API from its own
 * database (intake keeps accepting leads into its outbox, follow-up keeps logging, analytics keeps reporting), the
 * outbox holds what it emits, and its consumers resume where they were. Taking every instance out of its load
 * balancer would turn a Kafka outage into an outage of the whole suite. The check says so in its data
 * ({@code kafka: unreachable}, the outbox backlog) and in the gauge {@code leadflow_kafka_reachable} (1 or 0), which
 * is what to alert on. {@code leadflow.health.kafka-required=true} makes Kafka a readiness condition again.
 */
@Readiness
@ApplicationScoped
public class EventsReadiness implements HealthCheck {

    public static final String NAME = "Kafka connection health check";

    private final KafkaClients clients;
    private final DataSource dataSource;
    private final boolean kafkaRequired;
    private final java.util.concurrent.CountDownLatch firstAnswer = new java.util.concurrent.CountDownLatch(1);
    private volatile Boolean lastKafkaAnswer;
    private Admin admin;

    public EventsReadiness(KafkaClients clients, DataSource dataSource,
                           @ConfigProperty(name = "leadflow.health.kafka-required", defaultValue = "false")
                           boolean kafkaRequired, MeterRegistry registry) {
        this.clients = clients;
        this.dataSource = dataSource;
        this.kafkaRequired = kafkaRequired;
        Gauge.builder("leadflow.kafka.reachable", this, r -> Boolean.TRUE.equals(r.lastKafkaAnswer) ? 1 : 0)
                .description("1 while the Kafka cluster answers this instance, 0 while it does not")
                .register(registry);
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME);
        boolean kafkaUp = kafkaReachable();
        response.withData("kafka", kafkaUp ? "reachable" : "unreachable");
        response.withData("kafkaRequired", kafkaRequired);
        try {
            response.withData("outboxBacklog", outboxBacklog());
        } catch (Exception e) {
            response.withData("outboxBacklog", "unknown: " + e.getClass().getSimpleName());
        }
        return response.status(kafkaUp || !kafkaRequired).build();
    }

    /**
     * Never blocks a probe on Kafka: a scheduled job asks the cluster every few seconds and the probe reads the
     * last answer, so a Kafka outage cannot make readiness itself time out (orchestrators give probes ~3 s).
     */
    private boolean kafkaReachable() {
        Boolean last = lastKafkaAnswer;
        if (last != null) {
            return last;
        }
        try {
            firstAnswer.await(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Boolean.TRUE.equals(lastKafkaAnswer);
    }

    /** From the start and every few seconds, so the gauge tells the truth before any readiness probe has asked. */
    @Scheduled(identity = "leadflow-kafka-readiness", every = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void probeKafka() {
        boolean reachable;
        try {
            if (admin == null) {
                admin = clients.admin();
            }
            admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
            reachable = true;
        } catch (Exception e) {
            reachable = false;
        }
        lastKafkaAnswer = reachable;
        firstAnswer.countDown();
    }

    private long outboxBacklog() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from outbox_event where published_at is null")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close(java.time.Duration.ofSeconds(2));
        }
    }
}
