package io.leadflow.intake.it;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;

import io.leadflow.events.contract.EventEnvelope;
import io.leadflow.events.contract.EventJson;
import io.leadflow.events.contract.LeadEvent;
import io.leadflow.events.contract.Topics;
import io.leadflow.events.kafka.KafkaClients;
import io.leadflow.events.kafka.TopicNames;
import io.leadflow.events.security.Roles;
import io.leadflow.events.testing.Tokens;
import io.leadflow.events.testing.TopicReader;
import io.quarkus.arc.Arc;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Test data as the sales team writes it, unique per test so tests never meet each other's leads. */
final class Leads {

    private Leads() {
    }

    /** A valid Chinese mobile number nobody else in the test database has. */
    static String phone() {
        return "139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    /** A client address of its own, as a trusted proxy would present it in X-Forwarded-For. */
    static String address() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
    }

    static String token() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** The template's first Table 1 row, made unique. */
    static Map<String, Object> tradeShowLead() {
        String t = token();
        Map<String, Object> lead = new HashMap<>();
        lead.put("customerName", "星辰科技" + t + "有限公司");
        lead.put("contactName", "张经理");
        lead.put("phone", phone());
        lead.put("email", "zhang." + t + "@xingchen-tech.cn");
        lead.put("wechat", "zhang_xc");
        lead.put("source", "展会");
        lead.put("sourceDetail", "2024 上海数字化展会");
        lead.put("utm", Map.of("campaign", "expo-2024-sh"));
        lead.put("needDescription", "需要CRM系统 " + t);
        lead.put("industry", "软件");
        lead.put("region", "上海");
        lead.put("companySize", 120);
        lead.put("customerType", "企业");
        lead.put("budget", "10-15万");
        lead.put("decisionCycle", "1个月");
        lead.put("declaredIntent", "高意向");
        lead.put("namedOwner", "李销售");
        lead.put("consent", Map.of("granted", true, "text", "同意接收产品资讯"));
        return lead;
    }

    /** Until some transaction of the database waits for a lock (the moment a race under test is set up). */
    static void awaitSomeoneWaitingForALock(javax.sql.DataSource dataSource) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
            try (java.sql.Connection c = dataSource.getConnection(); java.sql.PreparedStatement q = c.prepareStatement(
                    "select count(*) from pg_locks where not granted"); java.sql.ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getInt(1) > 0;
            }
        });
    }

    /** A website form of its own for {@code site} (msg → need, tel → phone), optionally redirecting after a post. */
    static String createForm(String site, String redirect) {
        String key = "contact-" + token();
        Map<String, Object> form = new HashMap<>(Map.of("key", key, "name", "官网首页表单",
                "sourceDetail", "官网首页表单", "allowedOrigins", List.of(site),
                "fieldMapping", Map.of("msg", "needDescription", "tel", "phone")));
        if (redirect != null) {
            form.put("redirectUrl", redirect);
        }
        given().contentType(ContentType.JSON).body(form)
                .when().post("/api/v1/forms").then().statusCode(201)
                .body("key", org.hamcrest.Matchers.equalTo(key)).body("honeypotField", org.hamcrest.Matchers.equalTo("_gotcha"));
        return key;
    }

    static Response post(Map<String, Object> lead) {
        return given().contentType(ContentType.JSON).body(lead).when().post("/api/v1/leads");
    }

    static String create(Map<String, Object> lead) {
        return post(lead).then().statusCode(201).extract().path("leadId");
    }

    /** Events of one lead on the intake topic, read as an outside observer, once {@code until} has been seen. */
    static List<EventEnvelope> events(String leadId, Predicate<List<EventEnvelope>> until) {
        return events(Topics.INTAKE, leadId, until);
    }

    /** The events keyed {@code key} on {@code topic} (a contract topic's name), read until {@code until} holds. */
    static List<EventEnvelope> events(String contractTopic, String key, Predicate<List<EventEnvelope>> until) {
        String leadId = key;
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        String topic = Arc.container().instance(TopicNames.class).get().physical(contractTopic);
        List<EventEnvelope> seen = new ArrayList<>();
        TopicReader.readUntil(bootstrap, topic, (ConsumerRecord<String, byte[]> r) -> {
            if (leadId.equals(r.key())) {
                seen.add(TopicReader.opened(r.value()));
            }
            return until.test(seen);
        }, Duration.ofSeconds(30));
        return seen;
    }

    static List<EventEnvelope> events(String leadId, int count) {
        return events(leadId, seen -> seen.size() >= count);
    }

    private static KafkaProducer<String, byte[]> producer;

    /** Sends an event as another service would publish it: on its contract topic, keyed by the lead id. */
    static synchronized void publish(EventEnvelope event) {
        if (producer == null) {
            producer = Arc.container().instance(KafkaClients.class).get().producer("intake-test-feed", 30_000);
        }
        String topic = Arc.container().instance(TopicNames.class).get().physical(event.topic());
        try {
            producer.send(new ProducerRecord<>(topic, event.leadId(), EventJson.encodeBytes(event))).get();
        } catch (Exception e) {
            throw new AssertionError("could not publish " + event.eventType(), e);
        }
    }

    /** routing's LeadAssigned for the lead, as routing would announce it now. */
    static EventEnvelope assigned(String leadId, String ownerId, Instant at) {
        return EventEnvelope.of(leadId, at, "lead-routing-service", new LeadEvent.LeadAssigned(ownerId, "李销售",
                "SENIOR", "A", "TRADE_SHOW", "rule-expo", "ROUND_ROBIN", "展会线索轮流分配"));
    }

    static EventEnvelope reassigned(String leadId, String from, String to, Instant at) {
        return EventEnvelope.of(leadId, at, "lead-routing-service",
                new LeadEvent.LeadReassigned(from, to, "赵销售", "A", "原跟进人休假"));
    }

    /** Publishes the assignment and waits until intake shows the lead with that owner. */
    static void assign(String leadId, String ownerId) {
        publish(assigned(leadId, ownerId, Instant.now()));
        awaitOwner(leadId, ownerId);
    }

    static void awaitOwner(String leadId, String ownerId) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                Tokens.as("test-admin", Roles.ADMIN).get("/api/v1/leads/" + leadId).then().statusCode(200)
                        .body("ownerId", org.hamcrest.Matchers.equalTo(ownerId)));
    }
}
