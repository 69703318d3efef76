package io.leadflow.routing.it;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.leadflow.events.contract.LeadEvent;
import io.leadflow.events.security.Roles;
import io.leadflow.events.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class RosterResourceTest {

    @Inject
    RoutingTestSupport support;

    /** Every request of this class carries an admin's token unless it says otherwise (Tokens.as / anonymous). */
    @BeforeEach
    void authenticateAsAdmin() {
        Tokens.useByDefault("test-admin", Roles.ADMIN);
    }

    @Test
    void aRepIsCreatedWithTheTemplatesWordsReadChangedAndListed() {
        String id = "rep-li-" + RoutingTestSupport.unique();
        String name = "李销售-" + RoutingTestSupport.unique();
        given().contentType(ContentType.JSON).body(Map.of("id", id, "name", name, "seniority", "资深销售", "capacity", 20,
                        "industries", List.of("SOFTWARE", "制造业"), "regions", List.of("上海", "江苏")))
                .when().post("/api/v1/reps").then()
                .statusCode(201).header("Location", containsString("/api/v1/reps/" + id))
                .body("seniority", equalTo("SENIOR")).body("availability", equalTo("AVAILABLE"))
                .body("availableNow", equalTo(true)).body("openLeads", equalTo(0)).body("regions", hasItem("上海"));

        given().contentType(ContentType.JSON).body(Map.of("availability", "AWAY", "awayUntil", "2099-03-20"))
                .when().patch("/api/v1/reps/" + id).then()
                .statusCode(200).body("availability", equalTo("AWAY")).body("awayUntil", equalTo("2099-03-20"))
                .body("availableNow", equalTo(false)).body("capacity", equalTo(20));

        given().contentType(ContentType.JSON).body(Map.of("name", name, "seniority", "JUNIOR", "capacity", 15))
                .when().put("/api/v1/reps/" + id).then()
                .statusCode(200).body("seniority", equalTo("JUNIOR")).body("availability", equalTo("AVAILABLE"))
                .body("industries", hasSize(0));

        given().queryParam("q", name).when().get("/api/v1/reps").then()
                .statusCode(200).body("total", equalTo(1)).body("items[0].id", equalTo(id));
        given().when().get("/api/v1/reps/" + id + "/load").then()
                .statusCode(200).body("openLeads", equalTo(0)).body("capacity", equalTo(15))
                .body("atCapacity", equalTo(false));
    }

    @Test
    void badRepsAreRefusedWithProblemsNamingTheField() {
        given().contentType(ContentType.JSON).body(Map.of("name", "钱销售", "seniority", "SENIOR", "capacity", -1))
                .when().post("/api/v1/reps").then()
                .statusCode(400).body("errors[0].field", equalTo("capacity"));
        given().contentType(ContentType.JSON).body(Map.of("name", "钱销售", "seniority", "BOSS", "capacity", 5))
                .when().post("/api/v1/reps").then()
                .statusCode(400).body("errors[0].field", equalTo("seniority"))
                .body("detail", containsString("SENIOR, JUNIOR, ASSISTANT, NURTURE"));
        given().contentType(ContentType.JSON).body(Map.of("seniority", "SENIOR"))
                .when().post("/api/v1/reps").then()
                .statusCode(400).body("errors.field", hasItem("name")).body("errors.field", hasItem("capacity"));
        given().contentType(ContentType.JSON).body(Map.of("name", "钱销售", "seniority", "SENIOR", "capacity", "many"))
                .when().post("/api/v1/reps").then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("capacity", 3))
                .when().put("/api/v1/reps/rep-nobody").then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("capacity", 3))
                .when().patch("/api/v1/reps/rep-nobody").then().statusCode(404);
        given().when().get("/api/v1/reps/rep-nobody").then().statusCode(404);
        given().contentType(ContentType.JSON).body(Map.of("id", "rules", "name", "规则", "seniority", "JUNIOR", "capacity", 5))
                .when().post("/api/v1/reps").then().statusCode(400).body("errors[0].field", equalTo("id"));
        given().queryParam("size", 1000).when().get("/api/v1/reps").then().statusCode(400);
    }

    @Test
    void idsAndActiveNamesAreUnique() {
        String id = "rep-" + RoutingTestSupport.unique();
        String name = "孙销售-" + RoutingTestSupport.unique();
        RoutingTestSupport.createRep(id, name, "JUNIOR", 5, List.of());
        given().contentType(ContentType.JSON).body(Map.of("id", id, "name", "另一人", "seniority", "JUNIOR", "capacity", 5))
                .when().post("/api/v1/reps").then().statusCode(409);
        given().contentType(ContentType.JSON).body(Map.of("name", name, "seniority", "JUNIOR", "capacity", 5))
                .when().post("/api/v1/reps").then().statusCode(400).body("errors[0].field", equalTo("name"));
    }

    @Test
    void deactivatingARepWithOpenLeadsNeedsADestination() {
        String industry = "IND-" + RoutingTestSupport.unique();
        String leaving = RoutingTestSupport.createRep("rep-" + RoutingTestSupport.unique(), "离职销售-" + RoutingTestSupport.unique(),
                "SENIOR", 10, List.of(industry));
        String taking = RoutingTestSupport.createRep("rep-" + RoutingTestSupport.unique(), "接手销售-" + RoutingTestSupport.unique(),
                "SENIOR", 10, List.of(industry));
        RoutingTestSupport.routeIndustry(industry, "ROUND_ROBIN", List.of(leaving));
        String leadId = RoutingTestSupport.leadId();
        support.qualified(leadId, RoutingTestSupport.tradeShowCrm(industry, null, null));
        await().atMost(Duration.ofSeconds(30)).until(() -> leaving.equals(
                given().get("/api/v1/assignments/" + leadId).jsonPath().getString("owner.ownerId")));

        given().when().delete("/api/v1/reps/" + leaving).then()
                .statusCode(409).body("detail", containsString("still owns 1 open leads"));
        given().queryParam("reassignTo", "rep-ghost").when().delete("/api/v1/reps/" + leaving).then()
                .statusCode(400).body("errors[0].field", equalTo("reassignTo"));
        given().queryParam("reassignTo", taking).when().delete("/api/v1/reps/" + leaving).then()
                .statusCode(200).body("leadsMoved", equalTo(1));

        given().when().get("/api/v1/assignments/" + leadId).then()
                .body("owner.ownerId", equalTo(taking)).body("history", hasSize(2))
                .body("history[0].endReason", equalTo("REASSIGNED"));
        given().when().get("/api/v1/reps/" + leaving).then().body("active", equalTo(false));
        given().when().get("/api/v1/reps/" + taking + "/load").then().body("openLeads", equalTo(1))
                .body("openLeadsByGrade.HIGH", equalTo(1));
        support.published(leadId, e -> e.payload() instanceof LeadEvent.LeadReassigned r
                && r.previousOwnerId().equals(leaving) && r.ownerId().equals(taking));
    }
}
