package io.leadflow.intake.it;

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

    /** Waits until some statement of the service is waiting for a row lock this test holds. */
    private void awaitSomeoneWaitingForALock() {
        Leads.awaitSomeoneWaitingForALock(dataSource);
    }

    /**
     * A duplicate submission that arrives while the lead is being erased waits for the erasure, finds the lead erased
     * and becomes a lead of its own: nothing is added to an erased lead.
     */
    @Test
    void aDuplicateArrivingDuringAnErasureIsNeverMergedIntoTheErasedLead() throws Exception {
        Map<String, Object> lead = Leads.tradeShowLead();
        String id = Leads.create(lead);
        java.util.concurrent.CompletableFuture<io.restassured.response.Response> duplicate;
        try (Connection erasure = dataSource.getConnection()) {
            erasure.setAutoCommit(false);
            try (PreparedStatement lock = erasure.prepareStatement("select 1 from lead where id = ? for update")) {
                lock.setString(1, id);
                lock.executeQuery().close();
            }
            Map<String, Object> again = Leads.tradeShowLead();
            again.put("phone", lead.get("phone"));
            duplicate = java.util.concurrent.CompletableFuture.supplyAsync(() -> Leads.post(again));
            awaitSomeoneWaitingForALock();
            // What the erasure does to the row before it commits (the rest of it is not needed here).
            try (PreparedStatement erase = erasure.prepareStatement("update lead set status = 'ERASED', phone_key = null, "
                    + "email_key = null, company_key = null where id = ?")) {
                erase.setString(1, id);
                erase.executeUpdate();
            }
            erasure.commit();
        }
        io.restassured.response.Response answer = duplicate.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(201);
        assertThat(answer.jsonPath().getString("leadId")).isNotEqualTo(id);
        given().when().get("/api/v1/leads/" + id + "/touches").then().statusCode(200)
                .body("items", org.hamcrest.Matchers.hasSize(1));
    }

    /**
     * An erasure that starts while a duplicate is being merged waits for it, then erases what it added: the touch's
     * submitted fields are gone with the rest.
     */
    @Test
    void anErasureWaitsForAMergeInProgressAndErasesWhatItAdded() throws Exception {
        String id = Leads.create(Leads.tradeShowLead());
        String secret = "私人备注" + Leads.token();
        java.util.concurrent.CompletableFuture<Integer> erased;
        try (Connection merge = dataSource.getConnection()) {
            merge.setAutoCommit(false);
            try (PreparedStatement lock = merge.prepareStatement("select 1 from lead where id = ? for update")) {
                lock.setString(1, id);
                lock.executeQuery().close();
            }
            erased = java.util.concurrent.CompletableFuture.supplyAsync(() -> given().queryParam("reason", "客户要求")
                    .when().delete("/api/v1/leads/" + id).statusCode());
            awaitSomeoneWaitingForALock();
            // What the merge adds before it commits: a touch with what the person submitted.
            try (PreparedStatement touch = merge.prepareStatement("insert into lead_touch (id, lead_id, kind, "
                    + "matched_on, channel, source, submitted_at, submitted) values (?, ?, 'DUPLICATE', 'PHONE', 'FORM', "
                    + "'WEBSITE_FORM', now(), ?)")) {
                touch.setString(1, "T-race-" + Leads.token());
                touch.setString(2, id);
                touch.setString(3, "{\"msg\":\"" + secret + "\"}");
                touch.executeUpdate();
            }
            merge.commit();
        }
        assertThat(erased.get(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(204);
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(
                "select count(*) from lead_touch where lead_id = ? and submitted is not null")) {
            q.setString(1, id);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
        }
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
        // Its events are forgotten: what was waiting goes out without the person, and once Kafka has a row of an
        // erased lead (the LeadErased too) the outbox keeps none of it.
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(outboxTypes(id)).as("outbox rows left for the erased lead").isEmpty());
        given().when().get("/api/v1/leads/" + id).then().statusCode(200)
                .body("status", equalTo("ERASED")).body("consent.text", nullValue())
                .body("ownerId", equalTo("rep-li-" + token));
        List<EventEnvelope> events = Leads.events(id, seen -> seen.stream()
                .anyMatch(e -> e.eventType().equals("LeadErased")));
        assertThat(events.get(events.size() - 1).eventType()).isEqualTo("LeadErased");
    }

    /**
     * A sheet's rows that became no lead (an unknown source) still hold the person as typed, for the sheet's owner to
     * fix: the person's erasure clears them too, found by the phone and email they name.
     */
    @Test
    void importRowsThatBecameNoLeadAreClearedWhenThePersonIsErased() throws Exception {
        String token = Leads.token();
        String phone = Leads.phone();
        String email = "lin." + token + "@xingchen-tech.cn";
        String contact = "林" + token;
        String csv = "客户名称,联系人,联系方式,线索来源,需求描述\n"
                + "星辰科技" + token + "有限公司," + contact + ",电话 " + phone.substring(0, 3) + " " + phone.substring(3)
                + ",广告,需要CRM系统\n"
                + "星辰科技" + token + "有限公司," + contact + "," + email + ",广告,需要CRM系统\n";
        String importId = given().contentType("text/csv; charset=UTF-8").body(csv).when().post("/api/v1/imports/leads")
                .then().statusCode(202).extract().path("id");
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> "DONE".equals(given().when()
                .get("/api/v1/imports/" + importId).then().statusCode(200).extract().path("status")));
        given().when().get("/api/v1/imports/" + importId).then().body("counts.invalid", equalTo(2));
        assertThat(hits(List.of(phone, email, contact))).as("before erasure").isNotEmpty();

        Map<String, Object> lead = Leads.tradeShowLead();
        lead.putAll(Map.of("phone", phone, "email", email, "contactName", contact));
        String id = Leads.create(lead);
        Tokens.as("admin.zhou", Roles.ADMIN).queryParam("reason", "客户要求删除").when()
                .delete("/api/v1/leads/" + id).then().statusCode(204);

        assertThat(hits(List.of(phone, email, contact))).as("text columns still holding the erased person").isEmpty();
        given().when().get("/api/v1/imports/" + importId + "/rows").then().statusCode(200)
                .body("total", equalTo(2)).body("items.outcome", org.hamcrest.Matchers.everyItem(equalTo("INVALID")));
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
                .extract().jsonPath().getList("items").size();
    }
}
