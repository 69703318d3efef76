package io.leadflow.events.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.leadflow.events.consumer.ConsumerLoop;
import io.leadflow.events.consumer.DeadLetterHeaders;
import io.leadflow.events.contract.EventEnvelope;
import io.leadflow.events.contract.EventJson;
import io.leadflow.events.contract.LeadEvent;
import io.leadflow.events.contract.Topics;
import io.leadflow.events.kafka.KafkaClients;
import io.leadflow.events.kafka.TopicNames;
import io.leadflow.events.security.Roles;
import io.leadflow.events.testing.RecordingHandler;
import io.leadflow.events.testing.Tokens;
import io.leadflow.events.testing.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * The dead-letter endpoints against real Kafka and PostgreSQL, with the recording handler of this module's test
 * application (it consumes the intake topic). Every test works on leads of its own and filters the list by them, as
 * other tests of the run share the topics.
 */
@QuarkusTest
class DeadLetterAdminTest {

    private static final String PATH = "/api/v1/admin/test/dead-letters";

    @Inject
    RecordingHandler handler;
    @Inject
    KafkaClients clients;
    @Inject
    TopicNames topics;
    @Inject
    DataSource dataSource;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void aFailedEventIsListedByItsExceptionWithoutTheMessageAndReDrivenAfterTheFixItIsAppliedOnce() throws Exception {
        String lead = uniqueLeadId();
        EventEnvelope failing = erased(lead, RecordingHandler.FAILS_UNTIL_FIXED);
        send(Topics.INTAKE, lead, EventJson.encodeBytes(failing));

        JsonPath entry = awaitDeadLetters(lead, 1).setRootPath("items[0]");
        String id = entry.getString("id");
        assertThat(DeadLetterId.parse(id)).get().extracting(DeadLetterId::topic).isEqualTo("leadflow.intake.v1.dlq");
        assertThat(entry.getString("originalTopic")).isEqualTo(Topics.INTAKE);
        assertThat(entry.getString("consumer")).isEqualTo("recording");
        assertThat(entry.getString("eventId")).isEqualTo(failing.eventId().toString());
        assertThat(entry.getString("eventType")).isEqualTo("LeadErased");
        assertThat(entry.getString("leadId")).isEqualTo(lead);
        assertThat(entry.getInt("attempts")).isEqualTo(3);
        assertThat(Instant.parse(entry.getString("deadLetteredAt"))).isBetween(failing.occurredAt(), Instant.now());
        assertThat(entry.getString("reason.exception")).isEqualTo("java.lang.IllegalStateException");
        // The message named a person and their phone: a dead letter's headers carry no message that is not safe.
        assertThat(entry.getString("reason.message")).isNull();
        assertThat(entry.getBoolean("redrivable")).isTrue();
        assertThat(entry.getBoolean("redriven")).isFalse();
        String listing = admin().queryParam("leadId", lead).get(PATH).asString();
        assertThat(listing).doesNotContain("13912345678", "zhang", "张经理", "RecordingHandler.java", "\\tat ",
                "payload");
        assertThat(handler.appliedCount(failing.eventId())).isZero();
        assertThat(handler.attemptCount(failing.eventId())).isEqualTo(3);

        handler.fix(failing.eventId());
        JsonPath first = admin().post(PATH + "/" + id + "/redrive").then().statusCode(200).extract().jsonPath();
        assertThat(first.getBoolean("alreadyRedriven")).isFalse();
        assertThat(first.getString("eventId")).isEqualTo(failing.eventId().toString());
        assertThat(first.getString("redrivenBy")).isEqualTo("ops-admin");
        await().atMost(30, TimeUnit.SECONDS).until(() -> handler.appliedCount(failing.eventId()) == 1);

        JsonPath second = admin().post(PATH + "/" + id + "/redrive").then().statusCode(200).extract().jsonPath();
        assertThat(second.getBoolean("alreadyRedriven")).isTrue();
        assertThat(second.getString("redrivenAt")).isEqualTo(first.getString("redrivenAt"));
        admin().queryParam("leadId", lead).get(PATH).then().statusCode(200)
                .body("items[0].redriven", equalTo(true)).body("items[0].redrivenBy", equalTo("ops-admin"));

        // The lead's next event comes after anything a re-drive sent: once it is applied, all of it was.
        EventEnvelope next = erased(lead, "after the re-drives");
        send(Topics.INTAKE, lead, EventJson.encodeBytes(next));
        await().atMost(30, TimeUnit.SECONDS).until(() -> handler.appliedCount(next.eventId()) == 1);
        assertThat(handler.appliedCount(failing.eventId())).isEqualTo(1);
        assertThat(handler.attemptCount(failing.eventId())).as("three failures, then the one re-drive").isEqualTo(4);
        assertThat(processedRows(failing.eventId())).isEqualTo(1);
        List<ConsumerRecord<String, byte[]>> onTopic = TopicReader.readUntil(bootstrap, topics.physical(Topics.INTAKE),
                r -> next.eventId().equals(eventIdOf(r)), Duration.ofSeconds(30));
        List<ConsumerRecord<String, byte[]>> copies = onTopic.stream()
                .filter(r -> failing.eventId().equals(eventIdOf(r))).toList();
        assertThat(copies).as("the original and one re-drive, not two").hasSize(2);
        assertThat(copies.get(1).key()).isEqualTo(lead);
        assertThat(copies.get(1).value()).isEqualTo(EventJson.encodeBytes(failing));
        assertThat(copies.get(1).headers().toArray()).noneMatch(h -> h.key().startsWith("leadflow.dlq."));
    }

    @Test
    void reDrivingAnEventThatHadInFactBeenAppliedChangesNothing() throws Exception {
        String lead = uniqueLeadId();
        EventEnvelope applied = erased(lead, "applied, yet dead-lettered");
        send(Topics.INTAKE, lead, EventJson.encodeBytes(applied));
        await().atMost(30, TimeUnit.SECONDS).until(() -> handler.appliedCount(applied.eventId()) == 1);
        // A consumer that gave up on an event whose transaction had committed after all (its answer lost).
        writeDeadLetter(lead, applied);
        String id = awaitDeadLetters(lead, 1).getString("items[0].id");

        admin().post(PATH + "/" + id + "/redrive").then().statusCode(200).body("alreadyRedriven", equalTo(false));
        EventEnvelope next = erased(lead, "after the re-drive");
        send(Topics.INTAKE, lead, EventJson.encodeBytes(next));
        await().atMost(30, TimeUnit.SECONDS).until(() -> handler.appliedCount(next.eventId()) == 1);
        assertThat(handler.appliedCount(applied.eventId())).isEqualTo(1);
        assertThat(handler.attemptCount(applied.eventId())).as("its processed_event mark kept the handler out")
                .isEqualTo(1);
        assertThat(processedRows(applied.eventId())).isEqualTo(1);
    }

    @Test
    void reDrivingAllOfALeadsDeadLettersSendsEachBackOnceAndSkipsWhatIsNoEvent() throws Exception {
        String lead = uniqueLeadId();
        byte[] garbage = "{\"not\": an event".getBytes(StandardCharsets.UTF_8);
        EventEnvelope a = erased(lead, RecordingHandler.FAILS_UNTIL_FIXED);
        EventEnvelope b = erased(lead, RecordingHandler.FAILS_UNTIL_FIXED);
        send(Topics.INTAKE, lead, garbage);
        send(Topics.INTAKE, lead, EventJson.encodeBytes(a));
        send(Topics.INTAKE, lead, EventJson.encodeBytes(b));
        JsonPath listed = awaitDeadLetters(lead, 3);
        String garbageId = listed.getString("items.find { it.eventId == null }.id");
        assertThat(listed.getBoolean("items.find { it.eventId == null }.redrivable")).isFalse();
        assertThat(listed.getString("items.find { it.eventId == null }.reason.exception"))
                .endsWith("MalformedEventException");
        admin().queryParam("leadId", lead).queryParam("type", "LeadErased").get(PATH).then().statusCode(200)
                .body("total", equalTo(2));

        handler.fix(a.eventId());
        handler.fix(b.eventId());
        admin().queryParam("leadId", lead).queryParam("type", "LeadCaptured").post(PATH + "/redrive").then()
                .statusCode(200).body("matched", equalTo(0)).body("redriven.size()", equalTo(0));
        JsonPath all = admin().queryParam("leadId", lead).post(PATH + "/redrive").then().statusCode(200)
                .extract().jsonPath();
        assertThat(all.getInt("matched")).isEqualTo(3);
        assertThat(all.getList("redriven.eventId")).containsExactly(a.eventId().toString(), b.eventId().toString());
        assertThat(all.getInt("alreadyRedriven")).isZero();
        assertThat(all.getList("skipped.id")).containsExactly(garbageId);
        await().atMost(30, TimeUnit.SECONDS).until(() -> handler.appliedCount(a.eventId()) == 1
                && handler.appliedCount(b.eventId()) == 1);

        JsonPath again = admin().queryParam("leadId", lead).post(PATH + "/redrive").then().statusCode(200)
                .extract().jsonPath();
        assertThat(again.getList("redriven")).isEmpty();
        assertThat(again.getInt("alreadyRedriven")).isEqualTo(2);
        admin().queryParam("leadId", lead).queryParam("redriven", false).get(PATH).then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].id", equalTo(garbageId));
        admin().post(PATH + "/" + garbageId + "/redrive").then().statusCode(409)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://leadflow.io/problems/not-redrivable"));
    }

    @Test
    void aDeadLetterOlderThanTheConsumersMemoryIsNotReDriven() throws Exception {
        String lead = uniqueLeadId();
        // 100 days old: past the 90 days other consumers of the topic remember what they applied.
        EventEnvelope old = EventEnvelope.of(lead, Instant.now().minus(Duration.ofDays(100)), "lead-events-test",
                new LeadEvent.LeadErased("test", "long ago"));
        writeDeadLetter(lead, old);
        String id = awaitDeadLetters(lead, 1).getString("items[0].id");
        admin().post(PATH + "/" + id + "/redrive").then().statusCode(409)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://leadflow.io/problems/not-redrivable"))
                .body("detail", containsString("90 days"));
        JsonPath all = admin().queryParam("leadId", lead).post(PATH + "/redrive").then().statusCode(200)
                .extract().jsonPath();
        assertThat(all.getList("redriven")).isEmpty();
        assertThat(all.getList("skipped.id")).containsExactly(id);
        admin().queryParam("leadId", lead).get(PATH).then().body("items[0].redriven", equalTo(false));
    }

    @Test
    void theOldSharedPathStillAnswersUntilItsSunsetAndNamesTheNewOne() {
        String lead = uniqueLeadId();
        // The query string travels with the request: only this lead's letters, one to a page.
        Tokens.as("test-admin", Roles.ADMIN).queryParam("leadId", lead).queryParam("size", 1)
                .get("/api/v1/admin/dead-letters").then().statusCode(200)
                .body("total", equalTo(0)).body("size", equalTo(1))
                .header("Deprecation", "@1796601600")
                .header("Sunset", "Wed, 30 Jun 2027 23:59:59 GMT")
                .header("Link", "<" + PATH + ">; rel=\"successor-version\"");
        forbidden(Tokens.as("user-sales", Roles.SALES).get("/api/v1/admin/dead-letters").then());
        Tokens.as("test-admin", Roles.ADMIN).post("/api/v1/admin/dead-letters/no-such-letter/redrive").then()
                .statusCode(400).header("Link", "<" + PATH + "/no-such-letter/redrive>; rel=\"successor-version\"");
    }

    @Test
    void onlyAnAdministratorMaySeeOrReDriveDeadLetters() {
        String id = "leadflow.intake.v1.dlq:0:0";
        for (String role : List.of(Roles.SALES_MANAGER, Roles.MARKETING, Roles.SALES, Roles.ANALYST)) {
            forbidden(Tokens.as("user-" + role, role).get(PATH).then());
            forbidden(Tokens.as("user-" + role, role).post(PATH + "/" + id + "/redrive").then());
            forbidden(Tokens.as("user-" + role, role).post(PATH + "/redrive").then());
        }
        for (var call : List.<java.util.function.Function<RequestSpecification, io.restassured.response.Response>>of(
                r -> r.get(PATH), r -> r.post(PATH + "/" + id + "/redrive"), r -> r.post(PATH + "/redrive"))) {
            call.apply(Tokens.anonymous()).then().statusCode(401)
                    .body("type", equalTo("https://leadflow.io/problems/unauthorized"));
        }
    }

    @Test
    void malformedIdsAreBadRequestsAndUnknownOnesNotFound() {
        for (String id : List.of("nope", "leadflow.intake.v1.dlq:x:1", "leadflow.intake.v1:0:1")) {
            admin().post(PATH + "/" + id + "/redrive").then().statusCode(400)
                    .contentType(startsWith("application/problem+json"))
                    .body("errors[0].field", equalTo("id")).body("detail", containsString("leadflow.intake.v1.dlq:0:42"));
        }
        // Past the end of the topic; a partition it does not have; a dead-letter topic this service does not consume.
        for (String id : List.of("leadflow.intake.v1.dlq:0:999999999", "leadflow.intake.v1.dlq:77:0",
                "leadflow.routing.v1.dlq:0:0")) {
            admin().post(PATH + "/" + id + "/redrive").then().statusCode(404)
                    .contentType(startsWith("application/problem+json"))
                    .body("type", equalTo("https://leadflow.io/problems/not-found"));
        }
        admin().queryParam("type", "LeadFaxed").get(PATH).then().statusCode(400)
                .body("errors[0].field", equalTo("type")).body("detail", containsString("LeadCaptured"));
        admin().queryParam("size", 0).get(PATH).then().statusCode(400).body("errors[0].field", equalTo("size"));
    }

    @Test
    void listingDeadLettersJoinsNoConsumerGroup() throws Exception {
        try (Admin kafka = clients.admin()) {
            Set<String> before = groups(kafka);
            admin().get(PATH).then().statusCode(200);
            admin().post(PATH + "/leadflow.intake.v1.dlq:0:999999999/redrive").then().statusCode(404);
            assertThat(groups(kafka)).isEqualTo(before);
        }
    }

    /** A dead letter of {@code event} as the consumer writes one, for the recording handler. */
    private void writeDeadLetter(String lead, EventEnvelope event) throws Exception {
        RecordHeaders headers = new RecordHeaders();
        headers.add("eventId", event.eventId().toString().getBytes(StandardCharsets.UTF_8));
        headers.add("eventType", event.eventType().getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetterHeaders.DLQ_ERROR, ("org.postgresql.util.PSQLException: An I/O error occurred while sending "
                + "to the backend.\n\tat x").getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetterHeaders.DLQ_CONSUMER, "recording".getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetterHeaders.DLQ_ORIGINAL_TOPIC, topics.physical(Topics.INTAKE).getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetterHeaders.DLQ_ORIGINAL_PARTITION, "0".getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetterHeaders.DLQ_ORIGINAL_OFFSET, "0".getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetterHeaders.DLQ_ATTEMPTS, "3".getBytes(StandardCharsets.UTF_8));
        try (KafkaProducer<String, byte[]> producer = clients.producer("test-dead-letter", 15_000)) {
            producer.send(new ProducerRecord<>(topics.deadLetter(Topics.INTAKE), null, lead,
                    EventJson.encodeBytes(event), headers)).get();
        }
    }

    private static Set<String> groups(Admin kafka) throws Exception {
        return kafka.listConsumerGroups().all().get(10, TimeUnit.SECONDS).stream()
                .map(ConsumerGroupListing::groupId).collect(java.util.stream.Collectors.toSet());
    }

    private static RequestSpecification admin() {
        return Tokens.as("ops-admin", Roles.ADMIN);
    }

    private static void forbidden(ValidatableResponse response) {
        response.statusCode(403).contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://leadflow.io/problems/forbidden"));
    }

    /** Waits until the lead has {@code count} dead letters (each after the recording handler's three attempts). */
    private static JsonPath awaitDeadLetters(String lead, int count) {
        JsonPath[] page = new JsonPath[1];
        await().atMost(60, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(300)).until(() -> {
            page[0] = admin().queryParam("leadId", lead).get(PATH).then().statusCode(200).extract().jsonPath();
            return page[0].getInt("total") == count;
        });
        return page[0];
    }

    private void send(String topic, String lead, byte[] value) throws Exception {
        try (KafkaProducer<String, byte[]> producer = clients.producer("test-dead-letters", 15_000)) {
            producer.send(new ProducerRecord<>(topics.physical(topic), lead, value)).get();
        }
    }

    private long processedRows(UUID eventId) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select count(*) from processed_event where consumer = 'recording' and event_id = ?")) {
            s.setObject(1, eventId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static UUID eventIdOf(ConsumerRecord<String, byte[]> record) {
        try {
            return EventJson.decode(record.value()).eventId();
        } catch (RuntimeException e) {
            return null;
        }
    }

    static String uniqueLeadId() {
        return "LX-test-" + UUID.randomUUID();
    }

    static EventEnvelope erased(String lead, String reason) {
        return EventEnvelope.of(lead, Instant.now(), "lead-events-test", new LeadEvent.LeadErased("test", reason));
    }
}
