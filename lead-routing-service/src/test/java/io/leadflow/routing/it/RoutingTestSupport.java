package io.leadflow.routing.it;

import static io.restassured.RestAssured.given;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.leadflow.events.contract.Budget;
import io.leadflow.events.contract.EventEnvelope;
import io.leadflow.events.contract.EventJson;
import io.leadflow.events.contract.LeadEvent;
import io.leadflow.events.contract.LeadProfile;
import io.leadflow.events.contract.Topics;
import io.leadflow.events.kafka.KafkaClients;
import io.leadflow.events.kafka.TopicNames;
import io.leadflow.events.testing.TopicReader;
import io.restassured.http.ContentType;

/**
 * What the integration tests share: sending other services' events into Kafka as they would, reading what this
 * service published, and making roster and policy data with unique ids.
 */
@ApplicationScoped
public class RoutingTestSupport {

    @Inject
    KafkaClients clients;
    @Inject
    TopicNames topics;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private KafkaProducer<String, byte[]> producer;

    public static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** A lead id as intake makes them: LX + business date + sequence, unique per test. */
    public static String leadId() {
        return "LX20240301" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L);
    }

    public synchronized void send(EventEnvelope event) {
        if (producer == null) {
            producer = clients.producer("routing-test", 30_000);
        }
        try {
            producer.send(new ProducerRecord<>(topics.physical(event.topic()), event.leadId(), EventJson.encodeBytes(event)))
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("could not send " + event.eventType(), e);
        }
    }

    public EventEnvelope from(String leadId, LeadEvent payload) {
        String producerName = payload instanceof LeadEvent.RegradeRequested || payload instanceof LeadEvent.LeadWon
                || payload instanceof LeadEvent.LeadLost ? "followup-service" : "lead-intake-service";
        return EventEnvelope.of(leadId, Instant.now(), producerName, payload);
    }

    public EventEnvelope qualified(String leadId, LeadProfile profile) {
        EventEnvelope event = from(leadId, new LeadEvent.LeadQualified(profile, 1));
        send(event);
        return event;
    }

    /** Table 1, row 1 of the template, in a given industry (tests route on unique industries). */
    public static LeadProfile tradeShowCrm(String industry, String givenGrade, String namedOwner) {
        return new LeadProfile("星辰科技有限公司", "张经理", "+8613912345678", "zhang@xingchen-tech.cn", null, "TRADE_SHOW",
                "2024 上海数字化展会", null, "需要CRM系统", industry, "上海", 120, "ENTERPRISE",
                new Budget(new BigDecimal("100000"), new BigDecimal("150000"), "CNY", "10-15万"), 30, null, givenGrade,
                namedOwner, null, Instant.parse("2024-03-01T02:30:00Z"));
    }

    /** Table 1, row 2 of the template. */
    public static LeadProfile websiteErp(String industry) {
        return new LeadProfile("恒通商贸公司", "王总", "+8613900000139", null, null, "WEBSITE_FORM", "官网首页表单", null,
                "知晓一下ERP模块", industry, "杭州", null, null, new Budget(null, null, null, "待确认"), 90, null, null,
                null, null, Instant.parse("2024-03-02T02:30:00Z"));
    }

    /** Every event this service published about the lead, once {@code until} matched one of them. */
    public List<EventEnvelope> published(String leadId, Predicate<EventEnvelope> until) {
        List<ConsumerRecord<String, byte[]>> records = TopicReader.readUntil(bootstrap, topics.physical(Topics.ROUTING),
                r -> leadId.equals(r.key()) && until.test(TopicReader.opened(r.value())), Duration.ofSeconds(30));
        return records.stream().filter(r -> leadId.equals(r.key())).map(r -> TopicReader.opened(r.value())).toList();
    }

    public static String createRep(String id, String name, String seniority, int capacity, List<String> industries) {
        given().contentType(ContentType.JSON)
                .body(Map.of("id", id, "name", name, "seniority", seniority, "capacity", capacity,
                        "industries", industries, "regions", List.of()))
                .when().post("/api/v1/reps").then().statusCode(201);
        return id;
    }

    /** Sends leads of {@code industry} to the named reps with {@code strategy}; other tests' leads never match. */
    public static void routeIndustry(String industry, String strategy, List<String> repIds) {
        given().contentType(ContentType.JSON)
                .body(Map.of("rules", List.of(Map.of("id", "only-" + industry, "industries", List.of(industry),
                        "repIds", repIds, "strategy", strategy))))
                .when().put("/api/v1/assignment-policy").then().statusCode(200);
    }
}
