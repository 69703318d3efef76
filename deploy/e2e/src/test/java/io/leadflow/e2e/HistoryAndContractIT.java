package io.leadflow.e2e;

import static io.leadflow.e2e.Api.awaitGet;
import static io.leadflow.e2e.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.restassured.path.json.JsonPath;

/**
 * The team's history keeps its dates through the running suite; an event from a newer producer is refused whole and
 * said why; a dead letter is re-driven after the fix and applied once.
 */
@ExtendWith(E2eStackExtension.class)
@Order(9)
class HistoryAndContractIT {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private static Instant shanghai(String local) {
        return LocalDateTime.parse(local).atZone(SHANGHAI).toInstant();
    }

    private static io.restassured.specification.RequestSpecification admin(Api api, E2eStack.Service service) {
        return api.as(service, "admin-e2e", "admin");
    }

    private static Instant instant(Object text) {
        return OffsetDateTime.parse(String.valueOf(text)).toInstant();
    }

    /** Table 1's first row and Table 2's two rows, loaded today: the response and the stages the dates imply. */
    @Test
    void theTemplatesHistoryLoadedTodayKeepsItsDates(E2eStack stack) {
        Api api = new Api(stack);
        String run = stack.runId();
        String owner = "钱销售" + run;
        api.ensureRep("""
                {"id":"rep-qian-%s","name":"%s","seniority":"资深销售","capacity":50}""".formatted(run, owner));
        String company = "星辰" + run + "科技有限公司";
        String table1 = "线索编号,客户名称,联系人,联系方式,线索来源,需求描述,意向等级,预算范围,决策周期,跟进人,登记日期\r\n"
                + "," + company + ",张经理," + Api.uniquePhone() + ",展会,需要CRM系统,高意向,10-15万,1个月," + owner
                + ",2024-03-01\r\n";
        String importId = api.intake().multiPart("file", "线索登记表.csv", table1.getBytes(StandardCharsets.UTF_8), "text/csv")
                .post("/api/v1/imports/leads").then().statusCode(202).extract().path("id");
        awaitGet(api.intake(), "/api/v1/imports/" + importId, r -> r.statusCode() == 200
                && "DONE".equals(r.jsonPath().getString("status")), Duration.ofSeconds(60), Duration.ofMillis(200));
        String leadId = api.intake().queryParam("q", company).get("/api/v1/leads").jsonPath().getString("items[0].id");
        awaitGet(api.followup(), "/api/v1/pipeline/" + leadId + "/sla", r -> r.statusCode() == 200
                && r.jsonPath().getString("deadline") != null, Duration.ofSeconds(60), Duration.ofMillis(200));

        String table2 = "线索编号,跟进人,跟进日期,跟进方式,沟通内容,客户反馈,下一步行动,完成状态\r\n"
                + leadId + "," + owner + ",2024-03-02,电话,\"介绍CRM系统核心功能,知晓预算范围\",\"预算12万,需看详细方案\",3月5日前发送定制方案,已完成\r\n"
                + leadId + "," + owner + ",2024-03-06,邮件,\"发送方案及案例,约定3月8日演示\",方案需补充竞品对比,\"3月7日前更新方案,确认演示时间\",进行中\r\n";
        JsonPath imported = api.followup().contentType("text/csv").body(table2.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/imports/followups").then().statusCode(200).extract().jsonPath();
        assertThat(imported.getList("results.status", String.class)).as(imported.prettify()).containsOnly("ACCEPTED");
        json(api.followup(), "{\"stage\":\"需求确认\",\"on\":\"2024-03-04\"}").post("/api/v1/pipeline/" + leadId + "/stage")
                .then().statusCode(200);
        json(api.followup(), "{\"stage\":\"方案\",\"on\":\"2024-03-06\"}").post("/api/v1/pipeline/" + leadId + "/stage")
                .then().statusCode(200);
        json(api.followup(), """
                {"outcome":"成交","on":"2024-03-26","amount":{"amount":120000,"currency":"CNY"},"winFactors":["现场互动强","需求明确"]}""")
                .post("/api/v1/pipeline/" + leadId + "/outcome").then().statusCode(200);

        // Follow-up: the clock ran from the registration (a date: the start of 2024-03-01) to the first call (a date:
        // the end of work on 2024-03-02), inside HIGH's 48 hours; loading the history raised no breach.
        JsonPath sla = api.followup().get("/api/v1/pipeline/" + leadId + "/sla").then().statusCode(200).extract().jsonPath();
        assertThat(instant(sla.get("clockStartedAt"))).isEqualTo(shanghai("2024-03-01T00:00"));
        assertThat(instant(sla.get("firstResponseAt"))).isEqualTo(shanghai("2024-03-02T18:00"));
        assertThat(sla.getInt("responseMinutes")).isEqualTo(42 * 60);
        assertThat(sla.getString("status")).isEqualTo("MET");
        assertThat(sla.getString("breachedAt")).isNull();

        // Analytics: the same response, the stages on their days, the cycle from registration to the deal.
        JsonPath facts = awaitGet(api.analytics(), "/api/v1/analytics/leads/" + leadId, r -> r.statusCode() == 200
                && "WON".equals(r.jsonPath().getString("facts.outcome"))
                && r.jsonPath().getList("stages").size() == 4, Duration.ofSeconds(60), Duration.ofMillis(300)).json();
        assertThat(facts.getDouble("facts.firstResponseHours")).isEqualTo(42.0);
        assertThat(facts.getInt("facts.cycleDays")).isEqualTo(25);
        assertThat(facts.getInt("facts.slaBreaches")).isZero();
        List<Map<String, Object>> stages = facts.getList("stages");
        assertThat(stages.stream().map(s -> s.get("toStage"))).containsExactly("CONTACTED", "NEEDS_CONFIRMED", "PROPOSAL", "WON");
        assertThat(stages.stream().map(s -> instant(s.get("at")))).containsExactly(shanghai("2024-03-02T18:00"),
                shanghai("2024-03-04T18:00"), shanghai("2024-03-06T18:00"), shanghai("2024-03-26T18:00"));

        // No negative minutes or days anywhere in March 2024's reports, whatever else other tests loaded there.
        String times = api.analytics().queryParam("from", "2024-03-01").queryParam("to", "2024-03-31")
                .queryParam("groupBy", "source").get("/api/v1/analytics/response-times").then().statusCode(200)
                .extract().asString();
        String funnel = api.analytics().queryParam("from", "2024-03-01").queryParam("to", "2024-03-31")
                .get("/api/v1/analytics/funnel").then().statusCode(200).extract().asString();
        assertThat(times + funnel).doesNotContainPattern("\"[A-Za-z]*(Hours|Days|Minutes)[A-Za-z]*\":-");
    }

    /**
     * Step 4.2 closes its loop across the suite: a cadence draft tried on last month's responses goes live with its
     * figures, and analytics' monthly review lists it under what we tried. The draft is the policy in force, so the
     * suite's cadence does not change for the tests after this one.
     */
    @Test
    @SuppressWarnings("unchecked")
    void aTriedPolicyChangeReachesTheMonthlyReview(E2eStack stack) throws Exception {
        Api api = new Api(stack);
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode draft = (ObjectNode)
                mapper.readTree(api.followup().get("/api/v1/cadence-policy").then().statusCode(200).extract().asString());
        YearMonth thisMonth = YearMonth.now(SHANGHAI);
        String reason = "e2e " + stack.runId() + ": 按上月首次响应试算后上线";
        draft.put("changeReason", reason);
        draft.putObject("whatIf").put("period", thisMonth.minusMonths(1).toString());
        JsonPath saved = json(api.followup(), draft.toString()).put("/api/v1/cadence-policy").then().statusCode(200)
                .extract().jsonPath();
        int version = saved.getInt("version");
        assertThat(saved.getString("tried.kind")).isEqualTo("CADENCE_WHAT_IF");
        assertThat(saved.getString("tried.from")).isEqualTo(thisMonth.minusMonths(1).atDay(1).toString());

        JsonPath review = awaitGet(api.analytics(), "/api/v1/analytics/reviews/" + thisMonth, r -> r.statusCode() == 200
                && r.jsonPath().getList("policyChanges.reason").contains(reason), Duration.ofSeconds(60),
                Duration.ofMillis(300)).json();
        Map<String, Object> change = review.getList("policyChanges", Map.class).stream()
                .map(m -> (Map<String, Object>) m).filter(m -> reason.equals(m.get("reason"))).findFirst().orElseThrow();
        assertThat(change.get("policy")).isEqualTo("CADENCE");
        assertThat(change.get("version")).isEqualTo(version);
        assertThat(change.get("publishedBy")).isEqualTo("manager-chen");
        assertThat(Api.at(change, "trial.kind")).isEqualTo("CADENCE_WHAT_IF");
        assertThat(Api.at(change, "trial.measure")).isEqualTo("FIRST_RESPONSE_SLA_PERCENT");
        // the draft is the policy in force: the what-if found no difference
        assertThat(Api.at(change, "trial.before")).isEqualTo(Api.at(change, "trial.after"));
    }

    /** A producer a version ahead: its event is refused by every consumer of the type, with the reason, never half-applied. */
    @Test
    void anEventOfANewerSchemaVersionIsDeadLetteredWholeWithItsReason(E2eStack stack) throws Exception {
        Api api = new Api(stack);
        String leadId = "LX20240301" + String.format("%09d", Math.abs(stack.runId().hashCode() % 1_000_000_000));
        // As a newer intake would write it: the envelope of today with the payload's version 2.
        String v2 = """
                {"eventId":"%s","eventType":"LeadQualified","schemaVersion":2,"leadId":"%s","occurredAt":"%s",
                 "producer":"lead-intake-service","payload":{"lead":{"customerName":"未来%s有限公司","source":"OTHER",
                 "needDescription":"需要CRM系统","declaredIntent":"HIGH","registeredAt":"%s"},"screeningPolicyVersion":9,
                 "screening":{"verdict":"QUALIFIED","explanation":"a field this build has never seen"}}}"""
                .formatted(UUID.randomUUID(), leadId, Instant.now(), stack.runId(), Instant.now());
        Properties config = new Properties();
        config.put("bootstrap.servers", stack.kafkaBootstrap());
        config.put("key.serializer", StringSerializer.class.getName());
        config.put("value.serializer", ByteArraySerializer.class.getName());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>(stack.topicPrefix() + "leadflow.intake.v1", leadId,
                    v2.getBytes(StandardCharsets.UTF_8))).get();
        }
        JsonPath dead = awaitGet(admin(api, E2eStack.Service.ROUTING).queryParam("leadId", leadId), "/api/v1/admin/routing/dead-letters",
                r -> r.statusCode() == 200 && r.jsonPath().getInt("total") == 1, Duration.ofSeconds(60),
                Duration.ofMillis(300)).json();
        assertThat(dead.getString("items[0].eventId")).isNull();
        assertThat(dead.getString("items[0].reason.message"))
                .contains("LeadQualified schemaVersion 2 is newer than this build reads (up to 1)", "re-drive");
        assertThat(dead.getBoolean("items[0].redrivable")).as("this build would refuse it again").isFalse();
        // Never half-applied: routing graded nothing, follow-up (which also reads LeadQualified) refused it too.
        assertThat(api.routing().get("/api/v1/grades/" + leadId).statusCode()).isEqualTo(404);
        awaitGet(admin(api, E2eStack.Service.FOLLOWUP).queryParam("leadId", leadId), "/api/v1/admin/followup/dead-letters",
                r -> r.statusCode() == 200 && r.jsonPath().getInt("total") == 1, Duration.ofSeconds(60),
                Duration.ofMillis(300));
    }

    /**
     * Analytics' database refuses one lead's facts (a broken migration, say): its events are dead-lettered after their
     * retries. The operator fixes it and re-drives them; they are applied, and once only, however often re-driven.
     */
    @Test
    void deadLettersAreReDrivenAfterTheFixAndAppliedOnce(E2eStack stack) throws Exception {
        Api api = new Api(stack);
        String run = stack.runId();
        String leadId = WorkflowSupport.captureLowLead(api, "SOCIAL_MEDIA", "回放" + run);
        awaitGet(api.analytics(), "/api/v1/analytics/leads/" + leadId, r -> r.statusCode() == 200,
                Duration.ofSeconds(60), Duration.ofMillis(300));
        // Analytics knowing the lead (from intake's events) says nothing of follow-up: wait until it answers for it.
        awaitGet(api.followup(), "/api/v1/pipeline/" + leadId, r -> r.statusCode() == 200,
                Duration.ofSeconds(60), Duration.ofMillis(300));
        String trigger = "e2e_refuse_" + run.replaceAll("[^A-Za-z0-9]", "");
        try (Connection c = stack.connect(E2eStack.Service.ANALYTICS); Statement s = c.createStatement()) {
            s.execute("create function " + trigger + "() returns trigger language plpgsql as $$ begin "
                    + "if new.lead_id = '" + leadId + "' then raise exception 'refused on purpose until the fix'; end if; "
                    + "return new; end $$");
            s.execute("create trigger " + trigger + " before insert or update on lead_fact for each row execute function "
                    + trigger + "()");
        }
        json(api.followup(), """
                {"method":"电话","content":"介绍产品","status":"已完成"}""").post("/api/v1/pipeline/" + leadId + "/followups")
                .then().statusCode(201);
        JsonPath dead = awaitGet(admin(api, E2eStack.Service.ANALYTICS).queryParam("leadId", leadId).queryParam("type", "FollowUpLogged"),
                "/api/v1/admin/analytics/dead-letters", r -> r.statusCode() == 200 && r.jsonPath().getInt("total") >= 1,
                Duration.ofSeconds(90), Duration.ofMillis(500)).json();
        // The database's words stay out of the dead letter (they may quote a value); its error code names the cause.
        assertThat(dead.getString("items[0].reason.message")).contains("PSQLException", "SQLState P0001")
                .doesNotContain("refused on purpose");
        assertThat(dead.getBoolean("items[0].redrivable")).isTrue();
        String deadLetterId = dead.getString("items[0].id");
        assertThat(api.analytics().get("/api/v1/analytics/leads/" + leadId).jsonPath().getInt("facts.touches")).isZero();

        try (Connection c = stack.connect(E2eStack.Service.ANALYTICS); Statement s = c.createStatement()) {
            s.execute("drop trigger " + trigger + " on lead_fact");
            s.execute("drop function " + trigger + "()");
        }
        admin(api, E2eStack.Service.ANALYTICS).queryParam("leadId", leadId).post("/api/v1/admin/analytics/dead-letters/redrive")
                .then().statusCode(200);
        awaitGet(api.analytics(), "/api/v1/analytics/leads/" + leadId, r -> r.statusCode() == 200
                && r.jsonPath().getInt("facts.touches") == 1, Duration.ofSeconds(60), Duration.ofMillis(300));
        // Once more, as an operator who clicks twice would: the answer is the earlier re-drive, nothing is sent.
        JsonPath twice = admin(api, E2eStack.Service.ANALYTICS).post("/api/v1/admin/analytics/dead-letters/" + deadLetterId + "/redrive")
                .then().statusCode(200).extract().jsonPath();
        assertThat(twice.getBoolean("alreadyRedriven")).isTrue();
        // And delivered again all the same (a producer's retry, a second tool): the consumer applies it once.
        String[] where = deadLetterId.split(":");
        redeliver(stack, where[0], Integer.parseInt(where[1]), Long.parseLong(where[2]),
                where[0].substring(0, where[0].length() - ".dlq".length()));
        // A later event of the lead marks that the re-driven one was read again before it.
        json(api.followup(), "{\"stage\":\"需求确认\"}").post("/api/v1/pipeline/" + leadId + "/stage").then().statusCode(200);
        JsonPath after = awaitGet(api.analytics(), "/api/v1/analytics/leads/" + leadId, r -> r.statusCode() == 200
                && "NEEDS_CONFIRMED".equals(r.jsonPath().getString("facts.stage")), Duration.ofSeconds(60),
                Duration.ofMillis(300)).json();
        assertThat(after.getInt("facts.touches")).as("applied once").isEqualTo(1);
    }

    /** Reads one dead letter and sends its key and value to the original topic again, as Kafka tools would. */
    private static void redeliver(E2eStack stack, String deadLetterTopic, int partition, long offset, String originalTopic)
            throws Exception {
        Properties consumer = new Properties();
        consumer.put("bootstrap.servers", stack.kafkaBootstrap());
        consumer.put("key.deserializer", org.apache.kafka.common.serialization.StringDeserializer.class.getName());
        consumer.put("value.deserializer", org.apache.kafka.common.serialization.ByteArrayDeserializer.class.getName());
        consumer.put("enable.auto.commit", "false");
        org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]> found = null;
        try (var c = new org.apache.kafka.clients.consumer.KafkaConsumer<String, byte[]>(consumer)) {
            var tp = new org.apache.kafka.common.TopicPartition(stack.topicPrefix() + deadLetterTopic, partition);
            c.assign(List.of(tp));
            c.seek(tp, offset);
            long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (found == null && System.nanoTime() < until) {
                for (var r : c.poll(Duration.ofMillis(500))) {
                    if (r.offset() == offset) {
                        found = r;
                    }
                }
            }
        }
        assertThat(found).as("dead letter " + deadLetterTopic + ":" + partition + ":" + offset).isNotNull();
        Properties config = new Properties();
        config.put("bootstrap.servers", stack.kafkaBootstrap());
        config.put("key.serializer", StringSerializer.class.getName());
        config.put("value.serializer", ByteArraySerializer.class.getName());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>(stack.topicPrefix() + originalTopic, found.key(), found.value())).get();
        }
    }
}
