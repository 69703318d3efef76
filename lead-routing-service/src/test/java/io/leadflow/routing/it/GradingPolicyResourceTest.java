package io.leadflow.routing.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.leadflow.events.contract.EventJson;
import io.leadflow.events.security.Roles;
import io.leadflow.events.testing.Tokens;
import io.leadflow.routing.domain.GradeLevel;
import io.leadflow.routing.domain.GradingPolicy;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class GradingPolicyResourceTest {

    /** Every request of this class carries an admin's token unless it says otherwise (Tokens.as / anonymous). */
    @BeforeEach
    void authenticateAsAdmin() {
        Tokens.useByDefault("test-admin", Roles.ADMIN);
    }

    private static Map<String, Object> body(List<GradeLevel> levels) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("levels", levels);
        body.put("rules", GradingPolicy.defaults().rules());
        return body;
    }

    private static String json(Object o) {
        try {
            return EventJson.mapper().writeValueAsString(o);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theDefaultPolicyFollowsTheTemplate() {
        given().when().get("/api/v1/grading-policy").then()
                .statusCode(200)
                .body("levels.code", hasItems("HIGH", "MEDIUM", "LOW"))
                .body("levels.labelZh", hasItems("高意向", "中意向", "低意向"))
                .body("maxScore", equalTo(100))
                .body("rules.decisionCycle.bands[0].maxDays", equalTo(30));
    }

    @Test
    void aValidPolicyIsSavedAsANewVersionAndAnInvalidOneLeavesItInForce() {
        int before = given().get("/api/v1/grading-policy").jsonPath().getInt("version");
        List<GradeLevel> five = List.of(new GradeLevel("A", "A级", "A", 80, 30), new GradeLevel("HIGH", "高意向", "High intent", 70, 30),
                new GradeLevel("MEDIUM", "中意向", "Medium intent", 30, 90), new GradeLevel("LOW", "低意向", "Low intent", 10, null),
                new GradeLevel("COLD", "冷线索", "Cold", 0, null));
        try {
            given().contentType(ContentType.JSON).body(json(body(five))).when().put("/api/v1/grading-policy").then()
                    .statusCode(200).body("version", equalTo(before + 1)).body("levels", org.hamcrest.Matchers.hasSize(5));

            List<GradeLevel> outOfOrder = List.of(new GradeLevel("HIGH", "高意向", "High", 30, null),
                    new GradeLevel("MEDIUM", "中意向", "Medium", 70, null), new GradeLevel("LOW", "低意向", "Low", 0, null));
            given().contentType(ContentType.JSON).body(json(body(outOfOrder))).when().put("/api/v1/grading-policy").then()
                    .statusCode(400).contentType(containsString("application/problem+json"))
                    .body("errors.field", hasItem("levels[1].minScore"));
            given().contentType(ContentType.JSON).body(json(body(five.subList(0, 2)))).when().put("/api/v1/grading-policy")
                    .then().statusCode(400).body("errors[0].field", equalTo("levels"))
                    .body("detail", containsString("between 3 and 5 levels"));
            given().contentType(ContentType.JSON).body("{\"rules\":{}}").when().put("/api/v1/grading-policy")
                    .then().statusCode(400);
            given().get("/api/v1/grading-policy").then().body("version", equalTo(before + 1));

            Map<String, Object> stale = body(GradingPolicy.defaults().levels());
            stale.put("basedOnVersion", before);
            given().contentType(ContentType.JSON).body(json(stale)).when().put("/api/v1/grading-policy").then()
                    .statusCode(409).body("detail", containsString("reload it"));
        } finally {
            given().contentType(ContentType.JSON).body(json(body(GradingPolicy.defaults().levels())))
                    .when().put("/api/v1/grading-policy").then().statusCode(200);
        }
    }

    @Test
    void malformedJsonIsAProblemNotAServerError() {
        given().contentType(ContentType.JSON).body("{\"levels\": [").when().put("/api/v1/grading-policy").then()
                .statusCode(400).contentType(containsString("application/problem+json"));
        given().contentType(ContentType.JSON).body("{\"levels\": [{\"code\":\"HIGH\",\"minScore\":\"lots\"}]}")
                .when().put("/api/v1/grading-policy").then().statusCode(400);
    }

    @Test
    void earlierPolicyVersionsAreServedSoAGradeCanBeTracedToItsRules() {
        given().when().get("/api/v1/grading-policy/versions/1").then()
                .statusCode(200).body("version", equalTo(1)).body("levels[0].code", equalTo("HIGH"));
        given().when().get("/api/v1/assignment-policy/versions/1").then()
                .statusCode(200).body("rules.id", hasItems("high-senior", "medium-junior", "low-nurture"));
        given().when().get("/api/v1/grading-policy/versions/999999").then().statusCode(404);
        given().when().get("/q/metrics").then().body(containsString("leadflow_routing_unassigned_leads"));
    }
}
