package io.leadflow.intake.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.leadflow.events.contract.EventEnvelope;
import io.leadflow.events.security.Roles;
import io.leadflow.events.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Erasure leaves nothing behind: after DELETE, no text or JSON column of any table in the service's database holds
 * the person's phone (as typed or normalised, before and after a correction), email, WeChat id or name, wherever
 * the lead had put them (the lead, its touches from a form and an import, the correction audit, the Idempotency-Key
 * of a form post, import rows, published and pending outbox rows).
 */
@QuarkusTest
class ErasureTest {

    private static final String SITE = "https://www.xingchen-soft.cn";

    @Inject
    DataSource dataSource;

    @BeforeEach
    void signIn() {
        Tokens.useByDefault("test-admin", Roles.ADMIN);
    }

    @Test
    void afterErasureNoColumnOfAnyTableHoldsThePersonsContactOrName() throws Exception {
        String token = Leads.token();
        String phone = Leads.phone();
        String correctedPhone = Leads.phone();
        String email = "ouyang." + token + "@xingchen-tech.cn";
        String wechat = "ouyang_wx_" + token;
        String contact = "欧阳" + token;
        String company = "星辰科技" + token + "有限公司";
        Map<String, Object> lead = Leads.tradeShowLead();
        lead.putAll(Map.of("phone", phone, "email", email, "wechat", wechat, "contactName", contact,
                "customerName", company, "needDescription", "需要CRM系统, 请打 " + phone + " 找" + contact));
        String id = Leads.create(lead);

        // a website post of the same person, with an Idempotency-Key that happens to be their email
        String form = "erase-" + token;
        given().contentType(ContentType.JSON).body(Map.of("key", form, "name", "官网首页表单",
                "allowedOrigins", List.of(SITE), "consentText", "同意接收产品资讯")).when().post("/api/v1/forms")
                .then().statusCode(201);
        Tokens.anonymous().header("Origin", SITE).header("X-Forwarded-For", Leads.address())
                .header("Idempotency-Key", email).contentType(ContentType.JSON)
                .body(Map.of("company", company, "name", contact, "tel", phone, "email", email, "consent", "on",
                        "message", "再次咨询 " + wechat))
                .when().post("/api/v1/forms/" + form + "/submissions").then().statusCode(202);
        // a spreadsheet row of the same person: another touch, and an import row pointing at the lead
        given().contentType("text/csv; charset=UTF-8").body("客户名称,联系人,联系方式,线索来源,需求描述\n" + company + "," + contact + ","
                        + phone + ",展会,展会名单 " + email + "\n")
                .when().post("/api/v1/imports/leads").then().statusCode(202);
        // a correction audited with the old and new phone, and a reason that quotes it
        Tokens.as("wang.manager", Roles.SALES_MANAGER).contentType(ContentType.JSON)
                .body(Map.of("phone", correctedPhone, "reason", "客户来电, 旧号码 " + phone + " 停用"))
                .when().patch("/api/v1/leads/" + id).then().statusCode(200);
        Leads.assign(id, "rep-li-" + token);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> touches(id) == 3);
        // the profile has been published by now: those outbox rows are the "published" kind
        Leads.events(id, seen -> seen.stream().anyMatch(e -> e.eventType().equals("LeadUpdated")));
        assertThat(hits(List.of(phone, correctedPhone, email, wechat, contact))).as("before erasure").isNotEmpty();

        Tokens.as("admin.zhou", Roles.ADMIN).queryParam("reason", "工单 PIPL-2024-031").when()
                .delete("/api/v1/leads/" + id).then().statusCode(204);

        List<String> left = hits(List.of(phone, correctedPhone, email, wechat, contact, company));
        assertThat(left).as("text columns still holding the erased person").isEmpty();
        assertThat(outboxTypes(id)).as("outbox rows left for the lead").containsExactly("LeadErased");
        given().when().get("/api/v1/leads/" + id).then().statusCode(200)
                .body("status", equalTo("ERASED")).body("consent.text", nullValue())
                .body("ownerId", equalTo("rep-li-" + token));
        List<EventEnvelope> events = Leads.events(id, seen -> seen.stream()
                .anyMatch(e -> e.eventType().equals("LeadErased")));
        assertThat(events.get(events.size() - 1).eventType()).isEqualTo("LeadErased");
    }

    /** Every (table.column) of the current schema whose text holds one of the needles, as text or JSON. */
    private List<String> hits(List<String> needles) throws SQLException {
        List<String> found = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            List<String[]> columns = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("""
                    select table_name, column_name from information_schema.columns
                    where table_schema = current_schema()
                      and data_type in ('text', 'character varying', 'character', 'json', 'jsonb')""");
                 ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    columns.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            assertThat(columns).as("text columns found").hasSizeGreaterThan(40);
            for (String[] column : columns) {
                for (String needle : needles) {
                    String sql = "select count(*) from \"" + column[0] + "\" where strpos(lower(\"" + column[1]
                            + "\"::text), lower(?)) > 0";
                    try (PreparedStatement q = c.prepareStatement(sql)) {
                        q.setString(1, needle);
                        try (ResultSet rs = q.executeQuery()) {
                            rs.next();
                            if (rs.getInt(1) > 0) {
                                found.add(column[0] + "." + column[1] + " holds " + needle);
                            }
                        }
                    }
                }
            }
        }
        return found;
    }

    private List<String> outboxTypes(String leadId) throws SQLException {
        List<String> types = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(
                "select event_type from outbox_event where lead_id = ? order by seq")) {
            q.setString(1, leadId);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    types.add(rs.getString(1));
                }
            }
        }
        return types;
    }

    private static int touches(String leadId) {
        return given().when().get("/api/v1/leads/" + leadId + "/touches").then().statusCode(200)
                .extract().jsonPath().getList("").size();
    }
}
