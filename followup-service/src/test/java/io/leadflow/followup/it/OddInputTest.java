package io.leadflow.followup.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.both;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Whatever a client sends, the answer is a 4xx it can act on, never a 500. */
@QuarkusTest
class OddInputTest extends FollowupTestSupport {

    private static final org.hamcrest.Matcher<Integer> CLIENT_ERROR = both(greaterThanOrEqualTo(400)).and(lessThan(500));

    @Test
    void oddBodiesAndParametersAreClientErrors() {
        String li = newRep("li");
        String leadId = newLeadId();
        assign(leadId, li, "李销售", "HIGH", "TRADE_SHOW", Instant.now().minus(Duration.ofHours(1)));
        awaitOpenTasks(leadId, 2);
        String base = "/api/v1/pipeline/" + leadId;

        for (String body : new String[] {"[]", "\"text\"", "42", "{\"method\":[1,2]}", "{\"nextActionDue\":\"soon\"}",
                "{\"method\":\"电话\",\"content\":\"nul \\u0000 inside\"}"}) {
            as(li).body(body).when().post(base + "/followups").then().statusCode(CLIENT_ERROR);
        }
        for (String body : new String[] {"{\"outcome\":\"WON\",\"amount\":{\"amount\":\"abc\"}}", "{\"on\":\"2024-13-01\"}",
                "{\"outcome\":\"WON\",\"amount\":{\"amount\":1e30},\"winFactors\":[\"x\"]}", "{\"winFactors\":\"x\"}",
                "{\"outcome\":\"LOST\",\"reason\":\"OTHER\",\"note\":\"\\u0000\"}"}) {
            as(li).body(body).when().post(base + "/outcome").then().statusCode(CLIENT_ERROR);
        }
        as("m", "sales-manager").body("{\"grades\":\"x\"}").when().put("/api/v1/cadence-policy").then().statusCode(CLIENT_ERROR);
        as("m", "admin").body("{\"grades\":[null,{\"grade\":\"A\",\"touches\":[null]}],\"sources\":[null]}")
                .when().put("/api/v1/cadence-policy").then().statusCode(CLIENT_ERROR);
        as(li).body("{\"stage\":{}}").when().post(base + "/stage").then().statusCode(CLIENT_ERROR);
        given().when().get("/api/v1/pipeline/LX%00").then().statusCode(CLIENT_ERROR);
        given().queryParam("ownerId", "rep\u0000x").when().get("/api/v1/tasks").then().statusCode(CLIENT_ERROR);
        given().queryParam("ownerId", "rep\u0000x").when().get("/api/v1/sla/breaches").then().statusCode(CLIENT_ERROR);
        as(li).body("{}").when().post("/api/v1/tasks/T%00/complete").then().statusCode(CLIENT_ERROR);
        as(li).header("Authorization", "Bearer ").body("{}").when().post(base + "/followups").then().statusCode(CLIENT_ERROR);
        as(li).header("Authorization", "Bearer \u0000").body("{}").when().post(base + "/followups").then().statusCode(CLIENT_ERROR);
        given().queryParam("changeReason", "x").contentType("application/json").body("{\"changeReason\":[1]}")
                .when().put("/api/v1/cadence-policy").then().statusCode(CLIENT_ERROR);
        given().when().get("/api/v1/cadence-policy/versions/abc").then().statusCode(CLIENT_ERROR);
        given().when().get("/api/v1/cadence-policy/versions/99999999999").then().statusCode(CLIENT_ERROR);
        given().queryParam("page", -1).when().get("/api/v1/pipeline/" + leadId + "/history").then().statusCode(CLIENT_ERROR);
    }
}
