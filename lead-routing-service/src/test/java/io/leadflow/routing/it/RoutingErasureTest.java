package io.leadflow.routing.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.leadflow.events.contract.Budget;
import io.leadflow.events.contract.Consent;
import io.leadflow.events.contract.LeadEvent;
import io.leadflow.events.contract.LeadProfile;
import io.leadflow.events.contract.Utm;
import io.leadflow.events.security.Roles;
import io.leadflow.events.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Erasure through the real broker: a lead whose customer typed their phone and email everywhere they could is
 * qualified, regraded and reassigned by people who quote them, then erased; afterwards no text or JSON column of any
 * table in routing's database holds the phone, the email or the customer's other words.
 */
@QuarkusTest
class RoutingErasureTest {

    @Inject
    RoutingTestSupport support;
    @Inject
    DataSource dataSource;

    @BeforeEach
    void authenticateAsAdmin() {
        Tokens.useByDefault("test-admin", Roles.ADMIN);
    }

    /** Every text-like column of every table in the service's schema, searched for each needle. */
    private List<String> hits(List<String> needles) throws SQLException {
        List<String> found = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            List<String[]> columns = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("""
                    select c.table_name, c.column_name from information_schema.columns c
                    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                    where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
                      and c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb')
                    order by c.table_name, c.column_name""");
                 ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    columns.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            assertThat(columns).as("text columns of routing's tables").extracting(col -> col[0] + "." + col[1])
                    .contains("lead.profile", "grade_history.reason", "assignment.why", "outbox_event.envelope",
                            "parked_event.envelope");
            for (String[] col : columns) {
                for (String needle : needles) {
                    try (PreparedStatement q = c.prepareStatement("select count(*) from \"" + col[0] + "\" where \""
                            + col[1] + "\"::text like ?")) {
                        q.setString(1, "%" + needle + "%");
                        try (ResultSet rs = q.executeQuery()) {
                            rs.next();
                            if (rs.getLong(1) > 0) {
                                found.add(col[0] + "." + col[1] + " holds " + needle);
                            }
                        }
                    }
                }
            }
        }
        return found;
    }

    private long outboxRows(String leadId, boolean published) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("select count(*) from outbox_event where lead_id = ? and "
                     + (published ? "published_at is not null" : "published_at is null"))) {
            q.setString(1, leadId);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private long processed(java.util.UUID... eventIds) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("select count(*) from processed_event where event_id = any(?)")) {
            q.setArray(1, c.createArrayOf("uuid", eventIds));
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static String ownerOf(String leadId) {
        return given().get("/api/v1/assignments/" + leadId).jsonPath().getString("owner.ownerId");
    }

    @Test
    void anErasedLeadLeavesNoPhoneEmailOrWordsOfTheCustomerInAnyTable() throws Exception {
        String u = RoutingTestSupport.unique();
        String industry = "IND-ERASE-" + u;
        String first = RoutingTestSupport.createRep("rep-erase-a-" + u, "擦除甲-" + u, "SENIOR", 10, List.of(industry));
        String second = RoutingTestSupport.createRep("rep-erase-b-" + u, "擦除乙-" + u, "SENIOR", 10, List.of(industry));
        RoutingTestSupport.routeIndustry(industry, "ROUND_ROBIN", List.of(first));

        String phone = "+86139" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
        String email = "zhang." + u + "@xingchen-tech.cn";
        String wechat = "wx_zhang_" + u;
        String customer = "星辰科技" + u + "有限公司";
        String contact = "张经理" + u;
        String need = "需要" + u + "号CRM系统，电话" + phone + "，邮箱" + email;
        String leadId = RoutingTestSupport.leadId();
        support.qualified(leadId, new LeadProfile(customer, contact, phone, email, wechat, "TRADE_SHOW",
                "展会名片 " + contact + " " + phone, new Utm("expo", "booth", "crm-" + email, null, null), need, industry,
                "上海", 120, "ENTERPRISE", new Budget(new BigDecimal("100000"), new BigDecimal("150000"), "CNY",
                "10-15万 (" + contact + "说)"), 30, "HIGH", null, contact, new Consent(true, Instant.now(),
                "同意联系 " + phone), Instant.parse("2024-03-01T02:30:00Z")));
        await().atMost(Duration.ofSeconds(30)).until(() -> first.equals(ownerOf(leadId)));

        // People quote the customer in what they type about the lead.
        Tokens.as("mgr-" + u, Roles.SALES_MANAGER).contentType(ContentType.JSON)
                .body(Map.of("grade", "MEDIUM", "reason", "客户来电 " + phone + " 说预算推迟"))
                .put("/api/v1/grades/" + leadId).then().statusCode(200);
        Tokens.as("mgr-" + u, Roles.SALES_MANAGER).contentType(ContentType.JSON)
                .body(Map.of("toRepId", second, "reason", "客户邮件 " + email + " 要求换人"))
                .post("/api/v1/assignments/" + leadId + "/reassign").then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> outboxRows(leadId, false) == 0);
        assertThat(outboxRows(leadId, true)).as("routing's events of the lead, published").isGreaterThanOrEqualTo(4);

        List<String> needles = List.of(phone, email, wechat, customer, contact, u + "号CRM");
        List<String> before = hits(needles);
        assertThat(before).as("the search finds the customer's words before erasure")
                .anyMatch(h -> h.contains(phone)).anyMatch(h -> h.contains(email))
                .anyMatch(h -> h.startsWith("grade_history.reason")).anyMatch(h -> h.startsWith("assignment.why"));

        assertThat(before).as("routing's published events hold the customer's words sealed, never in the clear")
                .noneMatch(h -> h.startsWith("outbox_event."));

        support.send(support.from(leadId, new LeadEvent.LeadErased("dpo-" + u, "客户要求删除个人信息")));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                assertThat(hits(needles)).as("the customer's words anywhere in routing's database").isEmpty());
        assertThat(outboxRows(leadId, true)).as("published events of the erased lead").isZero();

        // An event that was still waiting at the erasure and published just after it is swept away too.
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement("insert into outbox_event (event_id, topic, lead_id,"
                     + " event_type, envelope, published_at) values (gen_random_uuid(), 'leadflow.routing.v1', ?,"
                     + " 'LeadReassigned', ?, now())")) {
            insert.setString(1, leadId);
            insert.setString(2, "{\"reason\":\"[erased]\"}");
            insert.executeUpdate();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> outboxRows(leadId, true) == 0);

        // What stays is the pipeline's facts and the audit of who did what, without the words.
        given().get("/api/v1/assignments/" + leadId).then().statusCode(200)
                .body("status", equalTo("ERASED")).body("owner", org.hamcrest.Matchers.nullValue())
                .body("history", hasSize(2)).body("history[1].assignedBy", equalTo("mgr-" + u))
                .body("history[1].reason", equalTo("[erased]")).body("history[1].why", equalTo("[erased]"))
                .body("history[1].endReason", equalTo("ERASED")).body("history[1].endedBy", equalTo("dpo-" + u));
        given().get("/api/v1/grades/" + leadId).then().statusCode(200)
                .body("grade", equalTo("MEDIUM")).body("reasons", hasSize(0))
                .body("history[1].changedBy", equalTo("mgr-" + u)).body("history[1].reason", equalTo("[erased]"))
                .body("history[0].reason", org.hamcrest.Matchers.containsString("when the lead qualified"));

        // A redelivered LeadQualified, or a late regrade request quoting the customer, brings nothing back.
        var again = support.qualified(leadId, RoutingTestSupport.tradeShowCrm(industry, null, null));
        var late = support.from(leadId, new LeadEvent.RegradeRequested("HIGH", "客户 " + phone + " 又来电", "rep-x"));
        support.send(late);
        await().atMost(Duration.ofSeconds(30)).until(() -> processed(again.eventId(), late.eventId()) == 2);
        assertThat(hits(List.of(phone))).as("after redelivery").isEmpty();
        given().get("/api/v1/grades/" + leadId).then().body("grade", equalTo("MEDIUM"))
                .body("history", hasSize(2));
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("select profile from lead where lead_id = ?")) {
            q.setString(1, leadId);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                assertThat(rs.getString(1)).doesNotContain("星辰科技").doesNotContain("CRM");
            }
        }
    }
}
