package io.leadflow.followup.it;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import io.leadflow.events.contract.EventEnvelope;
import io.leadflow.events.contract.EventJson;
import io.leadflow.events.contract.LeadEvent;
import io.leadflow.events.contract.LeadProfile;
import io.leadflow.events.contract.Topics;
import io.leadflow.events.kafka.KafkaClients;
import io.leadflow.events.kafka.TopicNames;
import io.leadflow.events.security.Roles;
import io.leadflow.events.testing.SampleEvents;
import io.leadflow.events.testing.Tokens;
import io.leadflow.events.testing.TopicReader;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * What the follow-up tests share: sending intake's and routing's events into Kafka as those services would, waiting
 * for this service to apply them, and reading what it published.
 */
abstract class FollowupTestSupport {

    static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    KafkaClients kafka;

    @Inject
    TopicNames topicNames;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private KafkaProducer<String, byte[]> producer;

    /** Every request of a test is an admin's unless it says otherwise with {@link #as} or {@code Tokens.anonymous()}. */
    @BeforeEach
    void authenticateAsAdmin() {
        Tokens.useByDefault("test-admin", Roles.ADMIN);
    }

    @AfterEach
    void closeProducer() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }

    static String newLeadId() {
        return "LX20240301" + String.format("%09d", ThreadLocalRandom.current().nextInt(1_000_000_000));
    }

    static String newRep(String name) {
        return "rep-" + name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    void send(EventEnvelope envelope) {
        if (producer == null) {
            producer = kafka.producer("followup-test-" + UUID.randomUUID(), 10_000);
        }
        String topic = topicNames.physical(envelope.topic());
        try {
            producer.send(new ProducerRecord<>(topic, envelope.leadId(), EventJson.encodeBytes(envelope))).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("could not send " + envelope.eventType(), e);
        }
    }

    static EventEnvelope routing(String leadId, Instant at, LeadEvent payload) {
        return EventEnvelope.of(leadId, at, "lead-routing-service", payload);
    }

    static EventEnvelope intake(String leadId, Instant at, LeadEvent payload) {
        return EventEnvelope.of(leadId, at, "lead-intake-service", payload);
    }

    EventEnvelope assign(String leadId, String ownerId, String ownerName, String grade, String source, Instant at) {
        EventEnvelope event = routing(leadId, at, new LeadEvent.LeadAssigned(ownerId, ownerName, "SENIOR", grade, source,
                "rule-" + grade.toLowerCase(), "LEAST_LOADED", grade + " to senior reps"));
        send(event);
        return event;
    }

    /** Table 1's first row, as intake would describe the lead. */
    static LeadProfile profile(String source, Instant registeredAt) {
        LeadProfile p = SampleEvents.tradeShowLead();
        return new LeadProfile(p.customerName(), p.contactName(), p.phone(), p.email(), p.wechat(), source,
                p.sourceDetail(), p.utm(), p.needDescription(), p.industry(), p.region(), p.companySize(),
                p.customerType(), p.budget(), p.decisionCycleDays(), p.declaredIntent(), p.givenGrade(), p.namedOwner(),
                p.consent(), registeredAt);
    }

    /** The suite's date-time form (UTC, Z, milliseconds) naming the given moment, to the millisecond. */
    static org.hamcrest.Matcher<String> at(Instant expected) {
        return new org.hamcrest.TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(String actual) {
                if (!actual.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z")) {
                    return false;
                }
                return java.time.Duration.between(Instant.parse(actual), expected).abs()
                        .compareTo(java.time.Duration.ofMillis(1)) < 0;
            }

            @Override
            public void describeTo(org.hamcrest.Description description) {
                description.appendText("a UTC date-time with milliseconds at " + expected);
            }
        };
    }

    static org.hamcrest.Matcher<String> at(String shanghaiLocal) {
        return at(java.time.LocalDateTime.parse(shanghaiLocal).atZone(java.time.ZoneId.of("Asia/Shanghai")).toInstant());
    }

    static void await(String what, BooleanSupplier condition) {
        org.awaitility.Awaitility.await(what).atMost(WAIT).pollInterval(java.time.Duration.ofMillis(100))
                .until(condition::getAsBoolean);
    }

    /** A JSON request with this user's bearer token; without roles, the user is a sales rep. */
    static RequestSpecification as(String userId, String... roles) {
        return Tokens.as(userId, roles.length == 0 ? new String[] {Roles.SALES} : roles).contentType(ContentType.JSON);
    }

    static List<String> openTaskKinds(String leadId) {
        return given().queryParam("leadId", leadId).when().get("/api/v1/tasks").then().statusCode(200)
                .extract().jsonPath().getList("items.kind", String.class);
    }

    static void awaitOpenTasks(String leadId, int count) {
        await(count + " open tasks on " + leadId, () -> openTaskKinds(leadId).size() == count);
    }

    /** Everything this service published about a lead, up to the first event that matches {@code until}. */
    List<EventEnvelope> publishedUntil(String leadId, Predicate<EventEnvelope> until) {
        List<ConsumerRecord<String, byte[]>> records = TopicReader.readUntil(bootstrap, topicNames.physical(Topics.FOLLOWUP),
                r -> leadId.equals(r.key()) && until.test(TopicReader.opened(r.value())), WAIT);
        return records.stream().filter(r -> leadId.equals(r.key())).map(r -> TopicReader.opened(r.value())).toList();
    }
}
