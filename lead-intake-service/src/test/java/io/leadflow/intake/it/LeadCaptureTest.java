package io.leadflow.intake.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.leadflow.events.contract.EventEnvelope;
import io.leadflow.events.contract.LeadEvent;
import io.leadflow.events.contract.LeadProfile;
import io.leadflow.events.security.Roles;
import io.leadflow.events.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class LeadCaptureTest {

    @BeforeEach
    void signIn() {
        Tokens.useByDefault("test-admin", Roles.ADMIN);
    }

    @Test
    void staffCaptureQualifiesTheLeadAndAnnouncesCapturedThenQualified() {
        Map<String, Object> lead = Leads.tradeShowLead();
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).format(DateTimeFormatter.BASIC_ISO_DATE);
        String id = Leads.post(lead).then()
                .statusCode(201)
                .header("Location", containsString("/api/v1/leads/LX" + today))
                .body("leadId", matchesPattern("LX" + today + "\\d{6}"))
                .body("outcome", equalTo("CREATED"))
                .body("status", equalTo("QUALIFIED"))
                .body("lead.phone", equalTo("+86" + lead.get("phone")))
                .body("lead.source", equalTo("TRADE_SHOW"))
                .body("lead.sourceLabel", equalTo("展会"))
                .body("lead.industry", equalTo("SOFTWARE"))
                .body("lead.budget.min", equalTo(100000))
                .body("lead.budget.max", equalTo(150000))
                .body("lead.budget.text", equalTo("10-15万"))
                .body("lead.decisionCycleDays", equalTo(30))
                .body("lead.declaredIntent", equalTo("HIGH"))
                .extract().path("leadId");

        given().when().get("/api/v1/leads/" + id).then().statusCode(200)
                .body("customerName", equalTo(lead.get("customerName")))
                .body("namedOwner", equalTo("李销售"));

        List<EventEnvelope> events = Leads.events(id, 2);
        assertThat(events).extracting(EventEnvelope::eventType).containsExactly("LeadCaptured", "LeadQualified");
        LeadProfile profile = ((LeadEvent.LeadCaptured) events.get(0).payload()).lead();
        assertThat(((LeadEvent.LeadCaptured) events.get(0).payload()).channel()).isEqualTo("STAFF");
        assertThat(profile.phone()).isEqualTo("+86" + lead.get("phone"));
        assertThat(profile.email()).isEqualTo(lead.get("email"));
        assertThat(profile.source()).isEqualTo("TRADE_SHOW");
        assertThat(profile.sourceDetail()).isEqualTo("2024 上海数字化展会");
        assertThat(profile.utm().campaign()).isEqualTo("expo-2024-sh");
        assertThat(profile.companySize()).isEqualTo(120);
        assertThat(profile.customerType()).isEqualTo("ENTERPRISE");
        assertThat(profile.budget().min()).isEqualByComparingTo("100000");
        assertThat(profile.decisionCycleDays()).isEqualTo(30);
        assertThat(profile.declaredIntent()).isEqualTo("HIGH");
        assertThat(profile.namedOwner()).isEqualTo("李销售");
        assertThat(profile.consent().granted()).isTrue();
        assertThat(profile.registeredAt()).isNotNull();
        assertThat(((LeadEvent.LeadQualified) events.get(1).payload()).screeningPolicyVersion()).isPositive();
    }

    @Test
    void aLeadWithoutValidContactIsRejectedAndKeptWithItsReasons() {
        Map<String, Object> lead = Leads.tradeShowLead();
        lead.put("phone", "5678");
        lead.remove("email");
        String id = Leads.post(lead).then().statusCode(201)
                .body("status", equalTo("REJECTED"))
                .body("reasons.code", contains("PHONE_INVALID", "CONTACT_INCOMPLETE"))
                .extract().path("leadId");
        given().when().get("/api/v1/leads/" + id).then().statusCode(200)
                .body("status", equalTo("REJECTED"))
                .body("phone", nullValue())
                .body("phoneAsTyped", equalTo("5678"))
                .body("rejectionReasons.code", hasItem("CONTACT_INCOMPLETE"));
        List<EventEnvelope> events = Leads.events(id, 2);
        assertThat(events).extracting(EventEnvelope::eventType).containsExactly("LeadCaptured", "LeadRejected");
        LeadEvent.LeadRejected rejected = (LeadEvent.LeadRejected) events.get(1).payload();
        assertThat(rejected.source()).isEqualTo("TRADE_SHOW");
        assertThat(rejected.reasons()).extracting(r -> r.code()).contains("CONTACT_INCOMPLETE");
    }

    @Test
    void aHistoricalRegistrationIsNumberedInItsOwnBusinessDay() {
        Map<String, Object> lead = Leads.tradeShowLead();
        lead.put("registeredAt", "2024-03-01");
        Leads.post(lead).then().statusCode(201)
                .body("leadId", matchesPattern("LX20240301\\d{6}"))
                .body("lead.registeredAt", equalTo("2024-02-29T16:00:00.000Z"));
    }

    @Test
    void aRegistrationInTheFutureIsRefusedAndNothingIsWritten() {
        Map<String, Object> lead = Leads.tradeShowLead();
        lead.put("registeredAt", LocalDate.now().plusDays(3).toString());
        Leads.post(lead).then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors.field", contains("registeredAt"))
                .body("detail", containsString("future"));
        given().queryParam("q", ((String) lead.get("needDescription")).substring(8)).when().get("/api/v1/leads")
                .then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void badInputGetsAProblemNamingTheField() {
        Map<String, Object> unknownSource = Leads.tradeShowLead();
        unknownSource.put("source", "广告");
        Leads.post(unknownSource).then().statusCode(400)
                .body("errors[0].field", equalTo("source"))
                .body("errors[0].message", containsString("展会"));

        given().contentType(ContentType.JSON).body("{\"customerName\": \"星辰\",").when().post("/api/v1/leads")
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("detail", containsString("not valid JSON"));

        given().contentType(ContentType.JSON).body("{\"source\": \"展会\", \"consent\": \"yes\"}").when()
                .post("/api/v1/leads").then().statusCode(400).body("errors[0].field", equalTo("consent"));

        given().contentType(ContentType.JSON).body("{\"source\": \"展会\", \"phoneNumber\": \"13912345678\"}").when()
                .post("/api/v1/leads").then().statusCode(400).body("errors[0].field", equalTo("phoneNumber"));

        Map<String, Object> longNeed = Leads.tradeShowLead();
        longNeed.put("needDescription", "需".repeat(6000));
        Leads.post(longNeed).then().statusCode(400).body("errors[0].field", equalTo("needDescription"));

        Map<String, Object> badBudget = Leads.tradeShowLead();
        badBudget.put("budget", Map.of("min", 200000, "max", 100000));
        Leads.post(badBudget).then().statusCode(400).body("errors[0].field", equalTo("budget"));

        given().contentType(ContentType.JSON).body("").when().post("/api/v1/leads").then().statusCode(400);
        given().contentType(ContentType.JSON).body("[]").when().post("/api/v1/leads").then().statusCode(400);
    }

    @Test
    void namesWithEmojiMarkupQuotesAndSqlAreStoredVerbatim() {
        Map<String, Object> lead = Leads.tradeShowLead();
        String name = "<script>alert('x')</script> 😀 \"星辰\"; drop table lead; -- " + Leads.token();
        lead.put("customerName", name);
        lead.put("contactName", "O'Brien 王 🚀");
        String id = Leads.create(lead);
        given().when().get("/api/v1/leads/" + id).then().statusCode(200)
                .body("customerName", equalTo(name))
                .body("contactName", equalTo("O'Brien 王 🚀"));
    }

    @Test
    void aBudgetRangeObjectIsAcceptedToo() {
        Map<String, Object> lead = Leads.tradeShowLead();
        lead.put("budget", Map.of("min", 50000, "max", 80000, "currency", "CNY"));
        lead.put("decisionCycle", "2-3个月");
        Leads.post(lead).then().statusCode(201)
                .body("lead.budget.min", equalTo(50000))
                .body("lead.budget.max", equalTo(80000))
                .body("lead.decisionCycleDays", equalTo(75));
    }

    @Test
    void staffRecordConsentWithItsWordingTimeAndWhoRecordedIt() {
        Map<String, Object> lead = Leads.tradeShowLead();
        String id = Tokens.as("marketing.chen", Roles.MARKETING).contentType(ContentType.JSON).body(lead)
                .when().post("/api/v1/leads").then().statusCode(201).extract().path("leadId");
        given().when().get("/api/v1/leads/" + id).then().statusCode(200)
                .body("consent.granted", equalTo(true))
                .body("consent.text", equalTo("同意接收产品资讯"))
                .body("consent.at", org.hamcrest.Matchers.notNullValue())
                .body("consentSource", equalTo("staff:marketing.chen"));
        // consent without the words agreed to is not a record of anything
        Map<String, Object> bare = Leads.tradeShowLead();
        bare.put("consent", Map.of("granted", true));
        Leads.post(bare).then().statusCode(400).body("errors[0].field", equalTo("consent.text"));
        // a correction of the consent names who recorded it now
        Tokens.as("wang.manager", Roles.SALES_MANAGER).contentType(ContentType.JSON)
                .body(Map.of("consent", Map.of("granted", false, "text", "客户电话中撤回同意")))
                .when().patch("/api/v1/leads/" + id).then().statusCode(200)
                .body("consent.granted", equalTo(false))
                .body("consentSource", equalTo("staff:wang.manager"));
        // the same correction named as what it is, a JSON merge patch (RFC 7396); null clears a field
        Tokens.as("wang.manager", Roles.SALES_MANAGER).contentType("application/merge-patch+json; charset=UTF-8")
                .body("{\"wechat\":null,\"region\":\"北京\",\"reason\":\"客户电话确认\"}")
                .when().patch("/api/v1/leads/" + id).then().statusCode(200)
                .body("region", equalTo("北京")).body("wechat", org.hamcrest.Matchers.nullValue());
        Tokens.as("wang.manager", Roles.SALES_MANAGER).contentType("application/merge-patch+json; charset=UTF-8")
                .body("{\"region\":\"上海\",\"region\":\"广州\"}")
                .when().patch("/api/v1/leads/" + id).then().statusCode(400)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void anUnknownLeadIsA404Problem() {
        given().when().get("/api/v1/leads/LX20000101999999").then().statusCode(404)
                .contentType(startsWith("application/problem+json"))
                .body("detail", containsString("LX20000101999999"));
    }
}
