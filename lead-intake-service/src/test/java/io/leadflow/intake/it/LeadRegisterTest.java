package io.leadflow.intake.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.leadflow.events.contract.EventEnvelope;
import io.leadflow.events.contract.LeadEvent;
import io.leadflow.events.contract.Topics;
import io.leadflow.events.security.Roles;
import io.leadflow.events.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Reading, correcting, rescreening and erasing leads; the screening policy's versions. */
@QuarkusTest
class LeadRegisterTest {

    @BeforeEach
    void signIn() {
        Tokens.useByDefault("test-admin", Roles.ADMIN);
    }

    @Test
    void listFiltersBySourceStatusOwnerDateAndSearchesText() {
        String token = Leads.token();
        Map<String, Object> show = Leads.tradeShowLead();
        show.put("needDescription", "需要CRM系统 " + token);
        show.put("namedOwner", "李销售" + token);
        String showId = Leads.create(show);
        Map<String, Object> web = Leads.tradeShowLead();
        web.put("needDescription", "知晓一下ERP模块 " + token);
        web.put("source", "WEBSITE_FORM");
        web.put("registeredAt", "2024-03-02");
        web.remove("email");
        web.put("phone", "139");
        String webId = Leads.create(web);

        given().queryParam("q", token).when().get("/api/v1/leads").then().statusCode(200)
                .body("total", equalTo(2)).body("items.id", containsInAnyOrder(showId, webId))
                .body("page", equalTo(0)).body("size", equalTo(50));
        given().queryParam("q", token).queryParam("source", "官网表单").when().get("/api/v1/leads").then()
                .body("items.id", contains(webId));
        given().queryParam("q", token).queryParam("status", "rejected").when().get("/api/v1/leads").then()
                .body("items.id", contains(webId));
        given().queryParam("owner", "李销售" + token).when().get("/api/v1/leads").then()
                .body("items.id", contains(showId));
        given().queryParam("q", token).queryParam("from", "2024-03-02").queryParam("to", "2024-03-02")
                .when().get("/api/v1/leads").then().body("items.id", contains(webId));
        given().queryParam("q", token).queryParam("size", 1).queryParam("page", 1).when().get("/api/v1/leads")
                .then().body("items", hasSize(1)).body("total", equalTo(2));
        given().queryParam("q", "%_" + token).when().get("/api/v1/leads").then().body("total", equalTo(0));
    }

    /** The number as a caller reads it out, the email with a tag, the WeChat id: each finds the lead, for its owner only. */
    @Test
    void staffFindALeadByItsPhoneEmailOrWechatInAnyFormat() {
        Map<String, Object> lead = Leads.tradeShowLead();
        String m = Leads.phone().substring(3);
        lead.put("phone", "139 " + m.substring(0, 4) + " " + m.substring(4));
        String wechat = "wx_" + Leads.token();
        lead.put("wechat", wechat);
        String email = (String) lead.get("email");
        String id = Leads.create(lead);

        for (String q : List.of("139" + m, "+86139" + m, "+86 139-" + m.substring(0, 4) + "-" + m.substring(4),
                "0086 139 " + m.substring(0, 4) + " " + m.substring(4), m.substring(0, 4) + " " + m.substring(4),
                email.toUpperCase(java.util.Locale.ROOT), email.replace("@", "+crm@"), wechat)) {
            List<String> found = given().queryParam("q", q).when().get("/api/v1/leads").then().statusCode(200)
                    .extract().jsonPath().getList("items.id", String.class);
            assertThat(found).as("q=" + q).containsExactly(id);
        }
        String rep = "rep-" + Leads.token();
        Tokens.as(rep, Roles.SALES).queryParam("q", "139" + m).get("/api/v1/leads").then().statusCode(200)
                .body("total", equalTo(0));
        Leads.publish(Leads.assigned(id, rep, java.time.Instant.now()));
        Leads.awaitOwner(id, rep);
        Tokens.as(rep, Roles.SALES).queryParam("q", "139 " + m.substring(0, 4) + " " + m.substring(4))
                .get("/api/v1/leads").then().statusCode(200).body("items.id", contains(id));
    }

    @Test
    void badListParametersAreProblems() {
        given().queryParam("size", 500).when().get("/api/v1/leads").then().statusCode(400)
                .body("errors[0].field", equalTo("size"));
        given().queryParam("source", "广告").when().get("/api/v1/leads").then().statusCode(400)
                .body("errors[0].field", equalTo("source"));
        given().queryParam("from", "March").when().get("/api/v1/leads").then().statusCode(400)
                .body("errors[0].field", equalTo("from"));
        given().queryParam("status", "WON").when().get("/api/v1/leads").then().statusCode(400);
        given().queryParam("page", "x").when().get("/api/v1/leads").then().statusCode(400);
    }

    @Test
    void aCorrectionIsAuditedAndAnnounced() {
        String id = Leads.create(Leads.tradeShowLead());
        Tokens.as("wang.manager", Roles.SALES_MANAGER).contentType(ContentType.JSON)
                .header("X-User", "someone.else") // the old header names nobody any more: the token does
                .body(Map.of("budget", "12万", "decisionCycle", "两周", "reason", "客户电话确认"))
                .when().patch("/api/v1/leads/" + id).then().statusCode(200)
                .body("budget.min", equalTo(120000))
                .body("budget.text", equalTo("12万"))
                .body("decisionCycleDays", equalTo(14));
        given().when().get("/api/v1/leads/" + id + "/changes").then().statusCode(200)
                .body("items.field", containsInAnyOrder("budget", "decisionCycleDays"))
                .body("items.changedBy", everyItem(equalTo("wang.manager")))
                .body("items.find { it.field == 'decisionCycleDays' }.oldValue", equalTo("30"))
                .body("items.find { it.field == 'decisionCycleDays' }.newValue", equalTo("14"))
                .body("items[0].reason", equalTo("客户电话确认"))
                .body("total", equalTo(2)).body("page", equalTo(0));
        List<EventEnvelope> events = Leads.events(id, seen -> seen.stream().anyMatch(e -> e.eventType().equals("LeadUpdated")));
        LeadEvent.LeadUpdated updated = (LeadEvent.LeadUpdated) events.get(events.size() - 1).payload();
        assertThat(updated.changedFields()).containsExactlyInAnyOrder("budget", "decisionCycleDays");
        assertThat(updated.lead().budget().min()).isEqualByComparingTo("120000");
        assertThat(updated.lead().decisionCycleDays()).isEqualTo(14);
    }

    /** Two people correcting one lead from the same read: the second is told, not silently overwritten. */
    @Test
    void aCorrectionMadeOnAStaleCopyIsRefusedWithTheCurrentTag() {
        String id = Leads.create(Leads.tradeShowLead());
        String read = given().when().get("/api/v1/leads/" + id).then().statusCode(200).extract().header("ETag");
        assertThat(read).matches("\"\\d+\"");
        String afterFirst = given().contentType(ContentType.JSON).header("If-Match", read)
                .body(Map.of("budget", "12万")).when().patch("/api/v1/leads/" + id).then().statusCode(200)
                .extract().header("ETag");
        assertThat(afterFirst).isNotEqualTo(read);
        given().when().get("/api/v1/leads/" + id).then().header("ETag", afterFirst);

        given().contentType(ContentType.JSON).header("If-Match", read).body(Map.of("budget", "8万")).when()
                .patch("/api/v1/leads/" + id).then().statusCode(412)
                .contentType(containsString("application/problem+json"))
                .header("ETag", afterFirst)
                .body("detail", containsString("GET it again"));
        for (String garbage : List.of("\"garbage\"", "garbage", "W/" + afterFirst)) {
            given().contentType(ContentType.JSON).header("If-Match", garbage).body(Map.of("budget", "8万")).when()
                    .patch("/api/v1/leads/" + id).then().statusCode(412);
        }
        given().when().get("/api/v1/leads/" + id).then().body("budget.text", equalTo("12万"));
        // a script that never reads first keeps working (the suite may require If-Match: LEADFLOW_REQUIRE_IF_MATCH)
        given().contentType(ContentType.JSON).body(Map.of("budget", "15万")).when()
                .patch("/api/v1/leads/" + id).then().statusCode(200).body("budget.text", equalTo("15万"));

        // the screening policy the same way; its older expectedVersion field still works
        String policy = given().when().get("/api/v1/screening-policy").then().statusCode(200).extract().header("ETag");
        int version = given().when().get("/api/v1/screening-policy").then().extract().path("version");
        assertThat(policy).isEqualTo("\"" + version + "\"");
        given().contentType(ContentType.JSON).header("If-Match", "\"" + (version - 1) + "\"")
                .body(Map.of("reason", "stale")).when().put("/api/v1/screening-policy").then().statusCode(412);
        assertThat(given().when().get("/api/v1/screening-policy").then().extract().<Integer>path("version"))
                .isEqualTo(version);
    }

    @Test
    void aCorrectionThatIsWrongOrCollidesIsRefused() {
        Map<String, Object> other = Leads.tradeShowLead();
        Leads.create(other);
        String id = Leads.create(Leads.tradeShowLead());
        given().contentType(ContentType.JSON).body(Map.of("id", "LX1")).when().patch("/api/v1/leads/" + id)
                .then().statusCode(400).body("errors[0].field", equalTo("id"));
        given().contentType(ContentType.JSON).body(Map.of("registeredAt", "2999-01-01")).when()
                .patch("/api/v1/leads/" + id).then().statusCode(400).body("errors[0].field", equalTo("registeredAt"));
        given().contentType(ContentType.JSON).body(Map.of("phone", other.get("phone"))).when()
                .patch("/api/v1/leads/" + id).then().statusCode(409).body("detail", containsString("phone"));
        given().contentType(ContentType.JSON).body("{}").when().patch("/api/v1/leads/" + id).then().statusCode(400);
        given().contentType(ContentType.JSON).body("[1]").when().patch("/api/v1/leads/" + id).then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("budget", "1万")).when()
                .patch("/api/v1/leads/LX20000101999998").then().statusCode(404);
    }

    @Test
    void aRejectedLeadCorrectedAndRescreenedQualifies() {
        Map<String, Object> lead = Leads.tradeShowLead();
        lead.put("phone", "5678");
        lead.remove("email");
        String id = Leads.post(lead).then().statusCode(201).body("status", equalTo("REJECTED")).extract().path("leadId");
        given().contentType(ContentType.JSON).body(Map.of("phone", Leads.phone())).when()
                .patch("/api/v1/leads/" + id).then().statusCode(200).body("status", equalTo("REJECTED"));
        given().when().post("/api/v1/leads/" + id + "/rescreen").then().statusCode(200)
                .body("changed", equalTo(true)).body("status", equalTo("QUALIFIED")).body("reasons", hasSize(0));
        List<EventEnvelope> events = Leads.events(id, seen -> seen.stream().anyMatch(e -> e.eventType().equals("LeadQualified")));
        assertThat(events).extracting(EventEnvelope::eventType)
                .containsExactly("LeadCaptured", "LeadRejected", "LeadUpdated", "LeadQualified");
    }

    @Test
    void thePolicyIsVersionedAndANewVersionNeverRewritesPastVerdicts() {
        String blocked = "禁词" + Leads.token();
        Map<String, Object> before = Leads.tradeShowLead();
        before.put("needDescription", "需要CRM系统 " + blocked);
        String earlier = Leads.create(before);

        int version = given().when().get("/api/v1/screening-policy").then().statusCode(200)
                .body("policy.requireValidContact", equalTo(true)).extract().path("version");
        int next = Tokens.as("marketing.chen", Roles.MARKETING).contentType(ContentType.JSON)
                .body(Map.of("expectedVersion", version, "needKeywordsBlocked", List.of(blocked),
                        "reason", "招聘类需求不是客户"))
                .when().put("/api/v1/screening-policy").then().statusCode(200)
                .body("changedBy", equalTo("marketing.chen"))
                .body("reason", equalTo("招聘类需求不是客户"))
                .body("changedAt", notNullValue())
                .body("policy.needKeywordsBlocked", contains(blocked))
                .extract().path("version");
        assertThat(next).isGreaterThan(version);
        given().contentType(ContentType.JSON).body(Map.of("expectedVersion", version)).when()
                .put("/api/v1/screening-policy").then().statusCode(409);
        given().contentType(ContentType.JSON).body(Map.of("requiredFields", List.of("shoeSize"))).when()
                .put("/api/v1/screening-policy").then().statusCode(400).body("errors[0].field", equalTo("requiredFields"));
        given().queryParam("version", version).when().get("/api/v1/screening-policy").then().statusCode(200)
                .body("version", equalTo(version));
        given().queryParam("version", 999_999).when().get("/api/v1/screening-policy").then().statusCode(404);
        // the policy's audit: who put each version in force, when and why
        given().queryParam("size", 200).when().get("/api/v1/screening-policy/versions").then().statusCode(200)
                .body("items.find { it.version == %d }.changedBy".formatted(next), equalTo("marketing.chen"))
                .body("items.find { it.version == %d }.reason".formatted(next), equalTo("招聘类需求不是客户"))
                .body("items.find { it.version == %d }.changedAt".formatted(next), notNullValue())
                .body("items.find { it.version == 1 }.changedBy", equalTo("system"));
        given().when().get("/api/v1/screening-policy/versions/" + next).then().statusCode(200)
                .body("version", equalTo(next)).body("changedBy", equalTo("marketing.chen"))
                .body("policy.needKeywordsBlocked", contains(blocked));
        given().when().get("/api/v1/screening-policy/versions/999999").then().statusCode(404)
                .contentType(containsString("problem+json"));
        // announced on the policies topic, for analytics' monthly review
        List<EventEnvelope> announced = Leads.events(Topics.POLICIES, "POLICY-SCREENING", seen -> seen.stream()
                .anyMatch(e -> ((LeadEvent.PolicyVersionPublished) e.payload()).version() == next));
        LeadEvent.PolicyVersionPublished published = announced.stream()
                .map(e -> (LeadEvent.PolicyVersionPublished) e.payload()).filter(p -> p.version() == next)
                .findFirst().orElseThrow();
        assertThat(published.policy()).isEqualTo("SCREENING");
        assertThat(published.publishedBy()).isEqualTo("marketing.chen");
        assertThat(published.reason()).isEqualTo("招聘类需求不是客户");
        assertThat(published.trial()).isNull();

        Map<String, Object> after = Leads.tradeShowLead();
        after.put("needDescription", "需要CRM系统 " + blocked);
        Leads.post(after).then().statusCode(201).body("status", equalTo("REJECTED"))
                .body("screeningPolicyVersion", equalTo(next))
                .body("reasons.code", contains("NEED_KEYWORD_BLOCKED"));
        given().when().get("/api/v1/leads/" + earlier).then().body("status", equalTo("QUALIFIED"))
                .body("screeningPolicyVersion", equalTo(version));
        given().when().post("/api/v1/leads/" + earlier + "/rescreen").then().statusCode(200)
                .body("status", equalTo("REJECTED")).body("screeningPolicyVersion", equalTo(next));
    }

    @Test
    void erasureRemovesPersonalDataAndIsAnnouncedOnce() {
        Map<String, Object> lead = Leads.tradeShowLead();
        String id = Leads.create(lead);
        given().contentType(ContentType.JSON).body(Map.of("contactName", "张总")).when()
                .patch("/api/v1/leads/" + id).then().statusCode(200);
        Tokens.as("admin.zhou", Roles.ADMIN).queryParam("reason", "客户要求删除个人信息").when()
                .delete("/api/v1/leads/" + id).then().statusCode(204);
        given().when().delete("/api/v1/leads/" + id).then().statusCode(204);
        given().when().get("/api/v1/leads/" + id).then().statusCode(200)
                .body("status", equalTo("ERASED"))
                .body("erasedBy", equalTo("admin.zhou"))
                .body("phone", nullValue()).body("email", nullValue()).body("contactName", nullValue())
                .body("customerName", nullValue()).body("source", equalTo("TRADE_SHOW"));
        given().when().get("/api/v1/leads/" + id + "/touches").then().body("items[0].submitted", nullValue());
        given().when().get("/api/v1/leads/" + id + "/changes").then().body("items[0].oldValue", nullValue());
        // the person may come back: the same phone is a new lead, not a touch of the erased one
        Map<String, Object> back = Leads.tradeShowLead();
        back.put("phone", lead.get("phone"));
        Leads.post(back).then().statusCode(201).body("outcome", equalTo("CREATED"));
        List<EventEnvelope> events = Leads.events(id, seen -> seen.stream().anyMatch(e -> e.eventType().equals("LeadErased")));
        LeadEvent.LeadErased erased = (LeadEvent.LeadErased) events.get(events.size() - 1).payload();
        assertThat(erased.requestedBy()).isEqualTo("admin.zhou");
        assertThat(erased.reason()).isEqualTo("客户要求删除个人信息");
        given().contentType(ContentType.JSON).body(Map.of("contactName", "x")).when().patch("/api/v1/leads/" + id)
                .then().statusCode(409);
    }
}
