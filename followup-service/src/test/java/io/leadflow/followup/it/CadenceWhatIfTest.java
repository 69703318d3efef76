package io.leadflow.followup.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.leadflow.events.contract.LeadEvent;
import io.leadflow.events.testing.Outbox;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The cadence lab: a draft held against a past month's real first responses, nothing stored. */
@QuarkusTest
class CadenceWhatIfTest extends FollowupTestSupport {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final ObjectMapper JSON = new ObjectMapper();

    @jakarta.inject.Inject
    javax.sql.DataSource dataSource;

    private static Instant shanghai(String local) {
        return LocalDateTime.parse(local).atZone(SHANGHAI).toInstant();
    }

    /** A website lead of November 2022, loaded today, and its real first call. */
    private String websiteLead(String owner, String registered, String called) {
        String leadId = newLeadId();
        Instant at = shanghai(registered);
        send(intake(leadId, Instant.now(), new LeadEvent.LeadCaptured(profile("WEBSITE_FORM", at), "IMPORT")));
        send(routing(leadId, Instant.now(), new LeadEvent.LeadAssigned(owner, "钱销售", "JUNIOR", "MEDIUM",
                "WEBSITE_FORM", "rule-medium", "ROUND_ROBIN", "MEDIUM to junior reps", at)));
        await("the clock of " + leadId, () -> given().when().get("/api/v1/pipeline/" + leadId + "/sla").statusCode() == 200
                && given().when().get("/api/v1/pipeline/" + leadId + "/sla").jsonPath().getString("deadline") != null);
        as(owner).body("{\"contactedAt\":\"" + called + "\",\"method\":\"电话\",\"content\":\"首次联系\",\"status\":\"已完成\"}")
                .when().post("/api/v1/pipeline/" + leadId + "/followups").then().statusCode(201);
        return leadId;
    }

    private String draftWithWebsiteIn(String firstResponse) throws Exception {
        ObjectNode policy = (ObjectNode) JSON.readTree(given().when().get("/api/v1/cadence-policy").asString());
        ArrayNode sources = policy.putArray("sources");
        sources.addObject().put("source", "WEBSITE_FORM").put("firstResponse", firstResponse);
        ObjectNode body = JSON.createObjectNode();
        body.set("policy", policy);
        body.put("period", "2022-11");
        return body.toString();
    }

    @Test
    void aTighterWebsiteRuleShowsWhoWouldHaveBreachedItAndStoresNothing() throws Exception {
        String owner = newRep("qian");
        websiteLead(owner, "2022-11-07T10:00", "2022-11-08T06:00:00+08:00"); // 20 h: in 24, not in 12
        websiteLead(owner, "2022-11-07T10:00", "2022-11-07T18:00:00+08:00"); // 8 h: in both
        int versions = given().when().get("/api/v1/cadence-policy/versions").jsonPath().getInt("total");

        JsonPath answer = as("manager-chen", "sales-manager").body(draftWithWebsiteIn("PT12H"))
                .when().post("/api/v1/cadence-policy/what-ifs").then().statusCode(200).extract().jsonPath();
        assertThat(answer.getString("from")).isEqualTo("2022-11-01");
        assertThat(answer.getString("to")).isEqualTo("2022-11-30");
        Map<String, Object> mine = answer.getList("byOwner", Map.class).stream()
                .filter(g -> owner.equals(g.get("key"))).findFirst().orElseThrow();
        assertThat(mine.get("label")).isEqualTo("钱销售");
        assertThat(((Map<?, ?>) mine.get("current")).get("met")).isEqualTo(2);
        assertThat(((Map<?, ?>) mine.get("current")).get("breached")).isEqualTo(0);
        assertThat(((Map<?, ?>) mine.get("draft")).get("met")).isEqualTo(1);
        assertThat(((Map<?, ?>) mine.get("draft")).get("breached")).isEqualTo(1);
        assertThat(String.valueOf(mine.get("changePoints"))).isEqualTo("-50.0");
        List<Map<String, Object>> breachers = answer.getList("ownersBreachingTheDraft");
        assertThat(breachers).anySatisfy(o -> {
            assertThat(o.get("ownerId")).isEqualTo(owner);
            assertThat(o.get("draftBreaches")).isEqualTo(1);
            assertThat(o.get("currentBreaches")).isEqualTo(0);
        });
        assertThat(answer.getString("reading")).contains("合规率");

        // For a BI tool, the same groups as CSV; in English on request.
        String csv = as("analyst-wu", "analyst").accept("text/csv").header("Accept-Language", "en")
                .body(draftWithWebsiteIn("PT12H")).when().post("/api/v1/cadence-policy/what-ifs").then().statusCode(200)
                .extract().asString();
        assertThat(csv).as("with a BOM, so that Excel reads the Chinese labels").startsWith("\uFEFF");
        assertThat(csv.substring(1).lines().findFirst().orElseThrow()).startsWith("dimension,key,label,leads,current_met");
        assertThat(csv).contains("owner," + owner + ",钱销售,2,2,0,0,0,100.00,1,1,0,0,50.00,-50.00");
        // What an analytics insight's trial sends: only the source rule, set on the policy in force.
        JsonPath shorthand = as("manager-chen", "sales-manager").body("""
                {"sources":[{"source":"WEBSITE_FORM","firstResponse":"PT12H"}],"from":"2022-11-01","to":"2022-11-30"}""")
                .when().post("/api/v1/cadence-policy/what-ifs").then().statusCode(200).extract().jsonPath();
        assertThat(shorthand.getList("byOwner", Map.class).stream().filter(g -> owner.equals(g.get("key")))
                .map(g -> (Object) ((Map<?, ?>) g.get("draft")).get("breached")).findFirst()).contains(1);
        assertThat(given().when().get("/api/v1/cadence-policy/versions").jsonPath().getInt("total"))
                .as("a what-if stores no version").isEqualTo(versions);
    }

    @Test
    void aTriedDraftGoesLiveWithItsFiguresAndIsAnnouncedWithThem() throws Exception {
        String owner = newRep("sun");
        websiteLead(owner, "2022-11-14T10:00", "2022-11-15T06:00:00+08:00"); // 20 h: in 24, not in 12
        websiteLead(owner, "2022-11-14T10:00", "2022-11-14T18:00:00+08:00"); // 8 h: in both
        String before = given().when().get("/api/v1/cadence-policy").asString();
        ObjectNode put = (ObjectNode) JSON.readTree(draftWithWebsiteIn("PT12H")).get("policy");
        put.remove("changeReason"); // the reason the version in force was published with, as GET answers it
        put.putObject("whatIf").put("period", "2022-11");
        as("manager-chen", "sales-manager").body(put.toString()).when().put("/api/v1/cadence-policy").then()
                .statusCode(400).body("errors[0].field", equalTo("changeReason"));

        put.put("changeReason", "官网线索12小时内首次响应");
        try {
            JsonPath saved = as("manager-chen", "sales-manager").body(put.toString()).when()
                    .put("/api/v1/cadence-policy").then().statusCode(200).extract().jsonPath();
            int version = saved.getInt("version");
            assertThat(saved.getString("tried.kind")).isEqualTo("CADENCE_WHAT_IF");
            assertThat(saved.getString("tried.from")).isEqualTo("2022-11-01");
            assertThat(saved.getString("tried.measure")).isEqualTo("FIRST_RESPONSE_SLA_PERCENT");
            assertThat(saved.getString("tried.ranBy")).isEqualTo("manager-chen");
            assertThat(saved.getInt("tried.leads")).isGreaterThanOrEqualTo(2);
            assertThat(saved.getFloat("tried.after")).as("a 12-hour rule is breached by the 20-hour answer")
                    .isLessThan(saved.getFloat("tried.before"));
            JsonPath history = given().when().get("/api/v1/cadence-policy/versions").jsonPath();
            assertThat(history.getInt("items[0].version")).isEqualTo(version);
            assertThat(history.getString("items[0].tried.kind")).isEqualTo("CADENCE_WHAT_IF");
            assertThat(given().when().get("/api/v1/cadence-policy").jsonPath().getString("tried.kind"))
                    .isEqualTo("CADENCE_WHAT_IF");

            LeadEvent.PolicyVersionPublished published = (LeadEvent.PolicyVersionPublished)
                    Outbox.latest(dataSource, "POLICY-CADENCE").payload();
            assertThat(published.policy()).isEqualTo("CADENCE");
            assertThat(published.version()).isEqualTo(version);
            assertThat(published.reason()).isEqualTo("官网线索12小时内首次响应");
            assertThat(published.trial().after().floatValue()).isEqualTo(saved.getFloat("tried.after"));
            assertThat(published.trial().before().floatValue()).isEqualTo(saved.getFloat("tried.before"));
        } finally {
            // the other tests expect the template's first-response rules: put them back, untried
            ObjectNode restore = (ObjectNode) JSON.readTree(before);
            restore.remove("version");
            restore.remove("tried");
            restore.put("changeReason", "back to the rules before the lab test");
            as("manager-chen", "sales-manager").body(restore.toString()).when().put("/api/v1/cadence-policy").then()
                    .statusCode(200).body("tried", org.hamcrest.Matchers.nullValue());
            LeadEvent.PolicyVersionPublished restored = (LeadEvent.PolicyVersionPublished)
                    Outbox.latest(dataSource, "POLICY-CADENCE").payload();
            assertThat(restored.trial()).isNull();
        }
    }

    @Test
    void aBadDraftOrPeriodIsAProblemAndARepMayNotRunIt() throws Exception {
        as("manager-chen", "sales-manager").body(draftWithWebsiteIn("soon")).when().post("/api/v1/cadence-policy/what-ifs")
                .then().statusCode(400).body("errors[0].field", containsString("sources"));
        as("manager-chen", "sales-manager").body(draftWithWebsiteIn("PT12H").replace("2022-11", "2022-Q5"))
                .when().post("/api/v1/cadence-policy/what-ifs").then().statusCode(400)
                .body("errors[0].field", equalTo("period"));
        as("rep-li").body(draftWithWebsiteIn("PT12H")).when().post("/api/v1/cadence-policy/what-ifs").then()
                .statusCode(403);
    }
}
