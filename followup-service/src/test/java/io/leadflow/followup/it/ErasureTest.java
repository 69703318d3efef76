package io.leadflow.followup.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.leadflow.events.contract.EventEnvelope;
import io.leadflow.events.contract.LeadEvent;
import io.leadflow.events.contract.LeadProfile;
import io.leadflow.events.security.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Erasure proven on the database itself: a lead's phone, email and names typed into every free-text field follow-up
 * has, then LeadErased through the real topic, then every column of every table searched for them.
 */
@QuarkusTest
class ErasureTest extends FollowupTestSupport {

    @Inject
    DataSource dataSource;

    /** Every column of every table of this service's schema that holds {@code needle}, as "table.column". */
    private List<String> columnsHolding(String needle) {
        List<String> hits = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            List<String[]> columns = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("""
                    select col.table_name, col.column_name from information_schema.columns col
                    join information_schema.tables t on t.table_schema = col.table_schema and t.table_name = col.table_name
                    where col.table_schema = current_schema() and t.table_type = 'BASE TABLE'
                    order by col.table_name, col.ordinal_position""");
                 ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    columns.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            assertThat(columns).as("columns of the schema").hasSizeGreaterThan(50);
            for (String[] col : columns) {
                // Every column, whatever its type, read as text: text, json, arrays alike.
                String sql = "select count(*) from \"" + col[0] + "\" where strpos(cast(\"" + col[1] + "\" as text), ?) > 0";
                try (PreparedStatement q = c.prepareStatement(sql)) {
                    q.setString(1, needle);
                    try (ResultSet rs = q.executeQuery()) {
                        rs.next();
                        if (rs.getLong(1) > 0) {
                            hits.add(col[0] + "." + col[1]);
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        return hits;
    }

    private long count(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                q.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void anErasedLeadLeavesNoPhoneEmailOrNameInAnyTable() {
        String leadId = newLeadId();
        String li = newRep("li");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String phone = "139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        String email = "zhang." + tag + "@xingchen-tech.cn";
        String customer = "星辰科技" + tag + "有限公司";
        String contact = "张经理" + tag;
        Instant registered = Instant.now().minus(Duration.ofHours(3));
        LeadProfile sample = profile("TRADE_SHOW", registered);
        LeadProfile profile = new LeadProfile(customer, contact, phone, email, "wx_" + tag, sample.source(),
                sample.sourceDetail(), sample.utm(), "需要CRM系统,联系" + phone, sample.industry(), sample.region(),
                sample.companySize(), sample.customerType(), sample.budget(), sample.decisionCycleDays(),
                sample.declaredIntent(), sample.givenGrade(), sample.namedOwner(), sample.consent(), registered);
        send(intake(leadId, registered, new LeadEvent.LeadCaptured(profile, "STAFF")));
        assign(leadId, li, "李销售", "HIGH", "TRADE_SHOW", Instant.now().minus(Duration.ofHours(2)));
        awaitOpenTasks(leadId, 2);
        await("the profile applied", () -> customer.equals(given().when().get("/api/v1/pipeline/" + leadId).path("customerName")));
        String base = "/api/v1/pipeline/" + leadId;
        String due = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(3).toString();

        // The customer's details typed into every free-text field follow-up keeps.
        as(li, Roles.SALES).body("""
                {"method":"电话","content":"致电%s联系%s,介绍CRM系统","feedback":"请发资料到%s","nextAction":"给%s发送方案,电话%s",
                 "nextActionDue":"%s"}""".formatted(phone, contact, email, email, phone, due))
                .when().post(base + "/followups").then().statusCode(201);
        as(li, Roles.SALES).body("{\"method\":\"邮件\",\"content\":\"已发邮件至" + email + "\",\"feedback\":\"" + customer + "回复了\"}")
                .when().post(base + "/followups").then().statusCode(201);
        JsonPath open = given().queryParam("leadId", leadId).when().get("/api/v1/tasks").then().extract().jsonPath();
        String weekly = open.getString("items.find { it.kind == 'WEEKLY_SYNC' }.id");
        String nextAction = open.getString("items.find { it.kind == 'NEXT_ACTION' }.id");
        as(li, Roles.SALES).body("{\"note\":\"已电话" + phone + "同步进展\"}").when().post("/api/v1/tasks/" + weekly + "/complete")
                .then().statusCode(200);
        as(li, Roles.SALES).body("{\"until\":\"" + LocalDate.parse(due).plusDays(2) + "\",\"reason\":\"" + contact
                + "出差,改发" + email + "\"}").when().post("/api/v1/tasks/" + nextAction + "/snooze").then().statusCode(200);
        as(li, Roles.SALES).body("{\"stage\":\"需求确认\",\"reason\":\"" + contact + "在电话" + phone + "里确认了预算\"}")
                .when().post(base + "/stage").then().statusCode(200);
        as(li, Roles.SALES).body("{\"suggestedGrade\":\"中意向\",\"reason\":\"" + email + "回信说预算推迟\"}")
                .when().post(base + "/regrade-requests").then().statusCode(202);
        as("manager-chen", Roles.SALES_MANAGER).contentType("text/csv").body(("线索编号,跟进人,跟进日期,跟进方式,沟通内容,客户反馈\n"
                        + leadId + ",李销售," + LocalDate.now(ZoneId.of("Asia/Shanghai")) + ",微信,加微信" + phone + ",邮箱" + email + "\n")
                        .getBytes(StandardCharsets.UTF_8))
                .when().post("/api/v1/imports/followups").then().statusCode(200).body("accepted", equalTo(1));
        as(li, Roles.SALES).body("{\"outcome\":\"LOST\",\"reason\":\"OTHER\",\"note\":\"" + contact + "换了手机" + phone + "\"}")
                .when().post(base + "/outcome").then().statusCode(200);

        // The search finds them where they were typed: it can fail.
        assertThat(columnsHolding(phone)).contains("follow_up.content", "follow_up.next_action", "follow_up_task.title",
                "follow_up_task.close_reason", "stage_change.reason", "lead_state.lost_note");
        assertThat(columnsHolding(email)).contains("follow_up.feedback", "follow_up_task.snooze_reason",
                "task_snooze.reason", "regrade_request.reason");
        // The events follow-up published about the lead carry the typed words sealed, never in the clear.
        assertThat(columnsHolding(phone)).noneMatch(c -> c.startsWith("outbox_event."));
        assertThat(columnsHolding(email)).noneMatch(c -> c.startsWith("outbox_event."));
        assertThat(columnsHolding(customer)).contains("lead_state.customer_name", "follow_up.feedback");
        assertThat(columnsHolding(contact)).contains("lead_state.contact_name");
        int followUps = given().when().get(base + "/followups").then().extract().path("total");

        EventEnvelope erasure = intake(leadId, Instant.now(), new LeadEvent.LeadErased("admin-wang", "客户要求删除个人信息"));
        send(erasure);
        await("the erasure applied", () -> given().when().get(base).then().extract().jsonPath().getBoolean("erased"));

        for (String personal : List.of(phone, email, customer, contact, tag)) {
            assertThat(columnsHolding(personal)).as("columns still holding " + personal).isEmpty();
        }
        assertThat(count("select count(*) from outbox_event where lead_id = ? and published_at is not null", leadId))
                .as("published events of the erased lead").isZero();

        // The anonymous facts stay, and the trail says who erased it and when.
        given().when().get(base).then().statusCode(200)
                .body("customerName", nullValue()).body("contactName", nullValue())
                .body("stage", equalTo("LOST")).body("outcome.reason", equalTo("OTHER")).body("outcome.note", nullValue())
                .body("erasedBy", equalTo("admin-wang"))
                .body("stageHistory.reason", org.hamcrest.Matchers.everyItem(nullValue()));
        given().when().get(base + "/followups").then().body("total", equalTo(followUps))
                .body("items.content", org.hamcrest.Matchers.everyItem(nullValue()))
                .body("items.method", org.hamcrest.Matchers.hasItems("PHONE", "EMAIL", "WECHAT"));
        given().when().get(base + "/history").then().statusCode(200)
                .body("items[0].action", equalTo("ERASED")).body("items[0].by", equalTo("admin-wang"))
                .body("items.action", org.hamcrest.Matchers.hasItems("TASK_SNOOZED", "TASK_COMPLETED", "LOST",
                        "REGRADE_REQUESTED", "FOLLOW_UP_IMPORTED", "FOLLOW_UP_LOGGED"))
                .body("items.detail", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.not(
                        org.hamcrest.Matchers.containsString(phone))));

        // A late correction from intake never brings the names back.
        EventEnvelope late = intake(leadId, Instant.now(), new LeadEvent.LeadUpdated(profile, List.of("phone")));
        send(late);
        await("the late update processed", () -> count("select count(*) from processed_event where event_id = ?",
                late.eventId()) == 1);
        for (String personal : List.of(phone, email, customer, contact)) {
            assertThat(columnsHolding(personal)).as("columns holding " + personal + " after a late update").isEmpty();
        }
        as(li, Roles.SALES).body("{\"method\":\"电话\",\"content\":\"" + phone + "\"}").when().post(base + "/followups")
                .then().statusCode(409);
    }
}
