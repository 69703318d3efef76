package io.leadflow.e2e;

import static io.leadflow.e2e.Api.awaitGet;
import static io.leadflow.e2e.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.restassured.response.Response;

/**
 * A lead asks to be forgotten. Its phone and email went everywhere a lead goes: intake's register, routing's grade and
 * assignment, a follow-up the owner typed them into, analytics' read model. After the admin's erasure at intake,
 * {@code LeadErased} travels through the real broker and every service removes what it kept: the test searches every
 * text and JSON column of every table of the four databases until none holds the phone or the email, and the
 * services' logs never held them (phones and emails are masked before a line is written).
 */
@ExtendWith(E2eStackExtension.class)
@Order(5)
class ErasureIT {

    @Test
    void anErasedLeadLeavesNoPhoneOrEmailInAnyDatabase(E2eStack stack) throws Exception {
        Api api = new Api(stack);
        api.ensureRep(WorkflowSupport.NURTURE_REP);
        String phone = Api.uniquePhone();
        String email = "forget-" + stack.runId() + "@xingchen-tech.cn";
        Response captured = json(api.intake(), """
                {"customerName":"遗忘%s科技有限公司","contactName":"顾女士","phone":"%s","email":"%s",
                 "wechat":"gu_%s","source":"TRADE_SHOW","sourceDetail":"2026 数字化展",
                 "needDescription":"了解产品,电话 %s","budget":"待确认","decisionCycle":"6个月","declaredIntent":"低意向"}"""
                .formatted(phone.substring(5), phone, email, phone.substring(5), phone)).post("/api/v1/leads");
        assertThat(captured.statusCode()).as(captured.asString()).isEqualTo(201);
        String lead = captured.jsonPath().getString("leadId");

        String owner = awaitGet(api.followup(), "/api/v1/pipeline/" + lead,
                r -> r.statusCode() == 200 && r.jsonPath().getString("ownerId") != null, Duration.ofSeconds(60),
                Duration.ofMillis(100)).json().getString("ownerId");
        json(api.followupAs(owner, "sales"), """
                {"method":"电话","content":"客户换了号码 %s,资料发 %s","feedback":"请发到 %s","status":"已完成"}"""
                .formatted(phone, email, email)).post("/api/v1/pipeline/" + lead + "/followups").then().statusCode(201);
        awaitGet(api.analytics(), "/api/v1/analytics/leads/" + lead, r -> r.statusCode() == 200,
                Duration.ofSeconds(60), Duration.ofMillis(100));

        // The search finds what is there: before erasure the phone and email are in intake's and follow-up's tables.
        assertThat(traces(stack, E2eStack.Service.INTAKE, phone, email)).isNotEmpty();
        assertThat(traces(stack, E2eStack.Service.FOLLOWUP, phone, email)).isNotEmpty();

        // Only an admin erases; marketing may not.
        assertThat(api.intake().queryParam("reason", "客户要求").delete("/api/v1/leads/" + lead).statusCode())
                .isEqualTo(403);
        long t0 = System.nanoTime();
        api.as(E2eStack.Service.INTAKE, "admin-e2e", "admin").queryParam("reason", "客户要求删除个人信息")
                .delete("/api/v1/leads/" + lead).then().statusCode(204);

        Api.await("every database free of the erased phone and email", Duration.ofSeconds(30), Duration.ofMillis(200))
                .untilAsserted(() -> {
                    List<String> left = new ArrayList<>();
                    for (E2eStack.Service s : E2eStack.Service.values()) {
                        left.addAll(traces(stack, s, phone, email));
                    }
                    assertThat(left).as("columns still holding the erased phone or email").isEmpty();
                });
        E2eReport.line(String.format(Locale.ROOT, "erasure: %s's phone and email gone from all four databases "
                + "%.1f s after DELETE", lead, (System.nanoTime() - t0) / 1e9));

        for (E2eStack.Service s : E2eStack.Service.values()) {
            String log = Files.readString(stack.service(s).log());
            assertThat(log).as(s + " log").doesNotContain(phone.substring(3)).doesNotContain(email);
        }

        // The topics keep the lead's events for rebuilds, but nothing readable about the person: every record of
        // every topic and dead-letter topic of this run, values, keys and headers, read raw as anyone with access would.
        String company = "遗忘" + phone.substring(5) + "科技有限公司";
        List<String> plain = rawTopicsHolding(stack, List.of(phone.substring(phone.length() - 8), email, company,
                "gu_" + phone.substring(5)));
        assertThat(plain).as("records whose raw bytes hold the erased person's phone, email, company or wechat")
                .isEmpty();

        // A rebuild replays those events: it completes, and the lead is still counted, by its codes alone.
        var admin = api.as(E2eStack.Service.ANALYTICS, "admin-e2e", "admin");
        int generation = admin.post("/api/v1/analytics/rebuild").then().statusCode(202).extract().jsonPath()
                .getInt("started.generation");
        awaitGet(api.as(E2eStack.Service.ANALYTICS, "admin-e2e", "admin"), "/api/v1/analytics/rebuild",
                r -> r.statusCode() == 200 && r.jsonPath().getList("recent.findAll { it.generation == " + generation
                        + " && it.status == 'ACTIVE' }").size() == 1, Duration.ofSeconds(120), Duration.ofMillis(500));
        Response after = api.analytics().get("/api/v1/analytics/leads/" + lead);
        assertThat(after.statusCode()).as(after.asString()).isEqualTo(200);
        assertThat(after.asString()).contains("TRADE_SHOW").doesNotContain(phone.substring(phone.length() - 8), email,
                company);
    }

    /** "topic@partition:offset" of every record, on any topic of this run, whose bytes hold one of the texts. */
    private static List<String> rawTopicsHolding(E2eStack stack, List<String> texts) throws Exception {
        java.util.Properties props = new java.util.Properties();
        props.put("bootstrap.servers", stack.kafkaBootstrap());
        props.put("key.deserializer", org.apache.kafka.common.serialization.ByteArrayDeserializer.class.getName());
        props.put("value.deserializer", org.apache.kafka.common.serialization.ByteArrayDeserializer.class.getName());
        props.put("enable.auto.commit", "false");
        List<String> found = new ArrayList<>();
        try (var admin = org.apache.kafka.clients.admin.Admin.create(props);
             var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]>(props)) {
            List<org.apache.kafka.common.TopicPartition> partitions = new ArrayList<>();
            for (String topic : admin.listTopics().names().get(10, java.util.concurrent.TimeUnit.SECONDS)) {
                if (topic.startsWith(stack.topicPrefix())) {
                    consumer.partitionsFor(topic).forEach(p ->
                            partitions.add(new org.apache.kafka.common.TopicPartition(topic, p.partition())));
                }
            }
            assertThat(partitions).as("this run's topics").isNotEmpty();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var end = new java.util.HashMap<>(consumer.endOffsets(partitions));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            long records = 0;
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())
                    && System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    records++;
                    StringBuilder raw = new StringBuilder();
                    for (byte[] part : new byte[][] {record.key(), record.value()}) {
                        if (part != null) {
                            raw.append(new String(part, java.nio.charset.StandardCharsets.UTF_8)).append('\n');
                        }
                    }
                    record.headers().forEach(h -> raw.append(h.value() == null ? ""
                            : new String(h.value(), java.nio.charset.StandardCharsets.UTF_8)).append('\n'));
                    if (texts.stream().anyMatch(t -> raw.toString().contains(t))) {
                        found.add(record.topic() + "@" + record.partition() + ":" + record.offset());
                    }
                }
            }
            assertThat(records).as("records read from this run's topics").isPositive();
            E2eReport.line("erasure: " + records + " raw records of " + partitions.size()
                    + " partitions read after the erasure, none holding the person");
        }
        return found;
    }

    /** "table.column" for every text or JSON column of the service's database holding the phone or the email. */
    private static List<String> traces(E2eStack stack, E2eStack.Service s, String phone, String email)
            throws SQLException {
        List<String> found = new ArrayList<>();
        String national = phone.substring(phone.length() - 8); // in any format: 13812345678, +86 138-1234-5678 ...
        try (Connection c = stack.connect(s);
             PreparedStatement columns = c.prepareStatement("""
                     select table_name, column_name from information_schema.columns
                     where table_schema = 'public' and data_type in ('text', 'character varying', 'json', 'jsonb')
                       and table_name <> 'flyway_schema_history'""");
             ResultSet rs = columns.executeQuery()) {
            while (rs.next()) {
                String table = rs.getString(1);
                String column = rs.getString(2);
                try (PreparedStatement q = c.prepareStatement("select count(*) from \"" + table + "\" where (\""
                        + column + "\"::text like ? or \"" + column + "\"::text ilike ?)")) {
                    q.setString(1, "%" + national + "%");
                    q.setString(2, "%" + email + "%");
                    try (ResultSet n = q.executeQuery()) {
                        n.next();
                        if (n.getLong(1) > 0) {
                            found.add(s.db + ":" + table + "." + column);
                        }
                    }
                }
            }
        }
        return found;
    }
}
