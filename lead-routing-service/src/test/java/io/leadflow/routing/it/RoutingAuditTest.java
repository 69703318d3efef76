package io.leadflow.routing.it;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.leadflow.events.contract.EventJson;
import io.leadflow.events.security.Roles;
import io.leadflow.events.testing.Tokens;
import io.leadflow.routing.domain.GradingPolicy;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Issue #7 §6 in routing: who changed a grade, an owner, a policy or the roster, and when, is recorded from the
 * token (never from what the client says) and can be read back per lead and per policy.
 */
@QuarkusTest
class RoutingAuditTest {

    @Inject
    RoutingTestSupport support;

    @BeforeEach
    void authenticateAsAdmin() {
        Tokens.useByDefault("test-admin", Roles.ADMIN);
    }

    private static RequestSpecification manager(String id) {
        return Tokens.as(id, Roles.SALES_MANAGER).contentType(ContentType.JSON);
    }

    private static String json(Object o) {
        try {
            return EventJson.mapper().writeValueAsString(o);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void everyGradingPolicyVersionNamesWhoSavedItWhenAndWhyAndWhoAppliedIt() {
        String u = RoutingTestSupport.unique();
        Map<String, Object> body = new HashMap<>(Map.of("levels", GradingPolicy.defaults().levels(),
                "rules", GradingPolicy.defaults().rules(), "reason", "季度复盘 " + u, "changedBy", "someone-else"));
        int version = manager("mgr-a-" + u).body(json(body)).put("/api/v1/grading-policy").then().statusCode(200)
                .body("changedBy", equalTo("mgr-a-" + u)).body("reason", equalTo("季度复盘 " + u))
                .body("changedAt", notNullValue()).body("regrades", hasSize(0))
                .extract().jsonPath().getInt("version");

        manager("mgr-b-" + u).post("/api/v1/grading-policy/regrade").then().statusCode(200)
                .body("policyVersion", equalTo(version)).body("requestedBy", equalTo("mgr-b-" + u))
                .body("finishedAt", notNullValue());

        given().get("/api/v1/grading-policy/versions?size=5").then().statusCode(200)
                .body("total", greaterThan(1))
                .body("items[0].version", equalTo(version)).body("items[0].inForce", equalTo(true))
                .body("items[0].changedBy", equalTo("mgr-a-" + u)).body("items[0].reason", equalTo("季度复盘 " + u))
                .body("items[0].changedAt", notNullValue())
                .body("items[0].regrades[-1].requestedBy", equalTo("mgr-b-" + u))
                .body("items[0].regrades[-1].examined", notNullValue())
                .body("items[1].inForce", equalTo(false));
        given().get("/api/v1/grading-policy/versions/" + version).then().statusCode(200)
                .body("changedBy", equalTo("mgr-a-" + u)).body("regrades[-1].requestedBy", equalTo("mgr-b-" + u));
        given().get("/api/v1/grading-policy/versions/1").then()
                .body("changedBy", equalTo("system")).body("reason", equalTo("the template's defaults"));
        given().get("/api/v1/grading-policy").then().body("changedBy", equalTo("mgr-a-" + u));
        given().get("/api/v1/grading-policy/versions?page=0&size=0").then().statusCode(400);
    }

    @Test
    void everyAssignmentPolicyVersionNamesWhoSavedItAndWhen() {
        String u = RoutingTestSupport.unique();
        String industry = "IND-AUDIT-" + u;
        String rep = RoutingTestSupport.createRep("rep-audit-" + u, "审计销售-" + u, "SENIOR", 5, List.of(industry));
        int version = manager("mgr-c-" + u).body(json(Map.of("rules", List.of(Map.of("id", "only-" + industry,
                        "industries", List.of(industry), "repIds", List.of(rep), "strategy", "ROUND_ROBIN")),
                        "changedBy", "someone-else")))
                .put("/api/v1/assignment-policy").then().statusCode(200)
                .body("changedBy", equalTo("mgr-c-" + u)).body("reason", nullValue())
                .extract().jsonPath().getInt("version");
        given().get("/api/v1/assignment-policy/versions").then().statusCode(200)
                .body("items[0].version", equalTo(version)).body("items[0].changedBy", equalTo("mgr-c-" + u))
                .body("items[0].inForce", equalTo(true)).body("items[0].changedAt", notNullValue())
                .body("total", equalTo(version));
        given().get("/api/v1/assignment-policy/versions/" + version).then()
                .body("changedBy", equalTo("mgr-c-" + u)).body("rules[0].id", equalTo("only-" + industry));
        given().get("/api/v1/assignment-policy/versions/1").then().body("changedBy", equalTo("system"));
    }

    @Test
    void aLeadsGradeAndOwnerHistoriesSayWhoChangedThemWhenAndWhy() {
        String u = RoutingTestSupport.unique();
        String industry = "IND-AUDIT-" + u;
        String first = RoutingTestSupport.createRep("rep-audit-a-" + u, "审计甲-" + u, "SENIOR", 5, List.of(industry));
        String second = RoutingTestSupport.createRep("rep-audit-b-" + u, "审计乙-" + u, "SENIOR", 5, List.of(industry));
        RoutingTestSupport.routeIndustry(industry, "ROUND_ROBIN", List.of(first));
        String leadId = RoutingTestSupport.leadId();
        support.qualified(leadId, RoutingTestSupport.tradeShowCrm(industry, null, null));
        await().atMost(Duration.ofSeconds(30)).until(() -> first.equals(
                given().get("/api/v1/assignments/" + leadId).jsonPath().getString("owner.ownerId")));

        // A name in the body claims nothing: refused, so the histories below can only hold the token's users.
        manager("mgr-d-" + u).body(Map.of("grade", "中意向", "reason", "预算下调", "requestedBy", "王经理"))
                .put("/api/v1/grades/" + leadId).then().statusCode(400);
        manager("mgr-d-" + u).body(Map.of("grade", "中意向", "reason", "预算下调"))
                .put("/api/v1/grades/" + leadId).then().statusCode(200);
        manager("mgr-e-" + u).body(Map.of("toRepId", second, "reason", "区域调整", "requestedBy", "王经理"))
                .post("/api/v1/assignments/" + leadId + "/reassign").then().statusCode(400);
        manager("mgr-e-" + u).body(Map.of("toRepId", second, "reason", "区域调整"))
                .post("/api/v1/assignments/" + leadId + "/reassign").then().statusCode(200);

        given().get("/api/v1/grades/" + leadId).then().statusCode(200)
                .body("history", hasSize(2))
                .body("history[0].changedBy", equalTo("system")).body("history[0].requestedBy", nullValue())
                .body("history[0].reason", containsString("graded by grading policy v"))
                .body("history[1].changedBy", equalTo("mgr-d-" + u)).body("history[1].reason", equalTo("预算下调"))
                .body("history[1].grade", equalTo("MEDIUM")).body("history[1].previousGrade", equalTo("HIGH"))
                .body("history[1].gradedAt", notNullValue())
                .body(org.hamcrest.Matchers.not(containsString("王经理")));
        given().get("/api/v1/assignments/" + leadId).then().statusCode(200)
                .body("history", hasSize(2))
                .body("history[0].ownerId", equalTo(first)).body("history[0].assignedBy", equalTo("system"))
                .body("history[0].endReason", equalTo("REASSIGNED")).body("history[0].endedBy", equalTo("mgr-e-" + u))
                .body("history[0].endedAt", notNullValue())
                .body("history[1].ownerId", equalTo(second)).body("history[1].assignedBy", equalTo("mgr-e-" + u))
                .body("history[1].reason", equalTo("区域调整")).body("history[1].assignedAt", notNullValue())
                .body("history[1].endedBy", nullValue())
                .body(org.hamcrest.Matchers.not(containsString("王经理")));

        // Deactivating the owner hands the lead on in the deactivating manager's name.
        manager("mgr-f-" + u).delete("/api/v1/reps/" + second + "?reassignTo=" + first).then().statusCode(200);
        given().get("/api/v1/assignments/" + leadId).then()
                .body("history", hasSize(3)).body("history[2].ownerId", equalTo(first))
                .body("history[2].assignedBy", equalTo("mgr-f-" + u))
                .body("history[1].endedBy", equalTo("mgr-f-" + u));
    }

    @Test
    void theRosterSaysWhoAddedChangedAndDeactivatedEachRep() {
        String u = RoutingTestSupport.unique();
        String id = "rep-audit-r-" + u;
        manager("mgr-g-" + u).body(Map.of("id", id, "name", "审计丙-" + u, "seniority", "JUNIOR", "capacity", 5))
                .post("/api/v1/reps").then().statusCode(201)
                .body("createdBy", equalTo("mgr-g-" + u)).body("updatedBy", equalTo("mgr-g-" + u));
        manager("mgr-h-" + u).body(Map.of("capacity", 8)).patch("/api/v1/reps/" + id).then().statusCode(200)
                .body("createdBy", equalTo("mgr-g-" + u)).body("updatedBy", equalTo("mgr-h-" + u));
        manager("mgr-i-" + u).delete("/api/v1/reps/" + id).then().statusCode(200);
        given().get("/api/v1/reps/" + id).then().body("active", equalTo(false))
                .body("deactivatedBy", equalTo("mgr-i-" + u)).body("deactivatedAt", notNullValue());
    }
}
