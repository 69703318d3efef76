package io.leadflow.routing.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.leadflow.events.contract.EventJson;
import io.leadflow.events.contract.LeadEvent;
import io.leadflow.events.contract.LeadProfile;
import io.leadflow.events.security.Roles;
import io.leadflow.events.testing.Tokens;
import io.leadflow.routing.domain.GradeLevel;
import io.leadflow.routing.domain.GradingPolicy;
import io.leadflow.routing.domain.GradingRules;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class LifecycleFlowTest {

    @Inject
    RoutingTestSupport support;

    /** Every request of this class carries an admin's token unless it says otherwise (Tokens.as / anonymous). */
    @BeforeEach
    void authenticateAsAdmin() {
        Tokens.useByDefault("test-admin", Roles.ADMIN);
    }

    private static String ownerOf(String leadId) {
        return given().get("/api/v1/assignments/" + leadId).jsonPath().getString("owner.ownerId");
    }

    private static String gradeOf(String leadId) {
        var r = given().get("/api/v1/grades/" + leadId);
        return r.statusCode() == 200 ? r.jsonPath().getString("grade") : null;
    }

    private static String rep(String seniority, String industry) {
        String u = RoutingTestSupport.unique();
        return RoutingTestSupport.createRep("rep-" + u, "销售-" + u, seniority, 10, List.of(industry));
    }

    private static void putGrading(GradingPolicy policy) {
        try {
            given().contentType(ContentType.JSON).body(EventJson.mapper().writeValueAsString(
                            Map.of("levels", policy.levels(), "rules", policy.rules())))
                    .when().put("/api/v1/grading-policy").then().statusCode(200);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aRegradeToHighHandsANurturedLeadToASeniorRep() {
        String industry = "IND-" + RoutingTestSupport.unique();
        String nurture = rep("NURTURE", industry);
        String senior = rep("SENIOR", industry);
        given().contentType(ContentType.JSON).body(Map.of("rules", List.of(
                        Map.of("id", "high-" + industry, "grades", List.of("HIGH"), "industries", List.of(industry),
                                "repIds", List.of(senior), "strategy", "LEAST_LOADED"),
                        Map.of("id", "rest-" + industry, "industries", List.of(industry), "repIds", List.of(nurture),
                                "strategy", "ROUND_ROBIN"))))
                .when().put("/api/v1/assignment-policy").then().statusCode(200);
        String leadId = RoutingTestSupport.leadId();
        LeadProfile aware = new LeadProfile("云帆网络", "周先生", null, null, null, "SOCIAL_MEDIA", "LinkedIn", null,
                "了解一下产品", industry, "深圳", 30, "SMB", null, 180, null, null, null, null, null);
        support.qualified(leadId, aware);
        await().atMost(Duration.ofSeconds(30)).until(() -> nurture.equals(ownerOf(leadId)));
        assertThat(gradeOf(leadId)).isEqualTo("LOW");

        support.send(support.from(leadId, new LeadEvent.RegradeRequested("高意向", "客户确认本月采购", "销售-助理")));
        await().atMost(Duration.ofSeconds(30)).until(() -> senior.equals(ownerOf(leadId)));
        given().when().get("/api/v1/assignments/" + leadId).then()
                .body("history", hasSize(2)).body("owner.previousOwnerId", equalTo(nurture));
        var events = support.published(leadId, e -> e.payload() instanceof LeadEvent.LeadReassigned);
        LeadEvent.LeadReassigned moved = (LeadEvent.LeadReassigned) events.get(events.size() - 1).payload();
        assertThat(moved.reason()).contains("regraded LOW → HIGH");
        assertThat(moved.grade()).isEqualTo("HIGH");
    }

    @Test
    void aPolicyChangeAppliesToNewLeadsAndAnExplicitRegradeMovesOpenOnesButNotGivenGrades() {
        String industry = "IND-" + RoutingTestSupport.unique();
        String ruled = RoutingTestSupport.leadId();
        String given = RoutingTestSupport.leadId();
        support.qualified(ruled, RoutingTestSupport.websiteErp(industry));
        LeadProfile imported = RoutingTestSupport.websiteErp(industry);
        imported = new LeadProfile(imported.customerName(), null, null, null, null, imported.source(), null, null,
                imported.needDescription(), industry, imported.region(), null, null, imported.budget(), 90, null, "中意向",
                null, null, null);
        support.qualified(given, imported);
        await().atMost(Duration.ofSeconds(30)).until(() -> gradeOf(ruled) != null && gradeOf(given) != null);
        assertThat(gradeOf(ruled)).isEqualTo("MEDIUM");

        GradingPolicy defaults = GradingPolicy.defaults();
        // Stricter: MEDIUM needs 40 points now, so the 30-point lead falls to LOW.
        List<GradeLevel> stricter = List.of(defaults.levels().get(0),
                new GradeLevel("MEDIUM", "中意向", "Medium intent", 40, 90), defaults.levels().get(2));
        try {
            putGrading(new GradingPolicy(0, stricter, defaults.rules()));
            assertThat(gradeOf(ruled)).as("a policy change alone does not move open leads").isEqualTo("MEDIUM");
            given().when().post("/api/v1/grading-policy/regrade").then()
                    .statusCode(200).body("moves.'MEDIUM→LOW'", org.hamcrest.Matchers.greaterThanOrEqualTo(1))
                    .body("keptGivenOrManual", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
            assertThat(gradeOf(ruled)).isEqualTo("LOW");
            assertThat(gradeOf(given)).isEqualTo("MEDIUM");
            given().when().get("/api/v1/grades/" + ruled).then()
                    .body("history", hasSize(2)).body("history[1].reason", containsString("applied to open leads"));
        } finally {
            putGrading(defaults);
        }
    }

    @Test
    void aLostLeadFreesItsOwnerAndAnErasedLeadLosesTheCustomersWords() {
        String industry = "IND-" + RoutingTestSupport.unique();
        String owner = rep("SENIOR", industry);
        RoutingTestSupport.routeIndustry(industry, "ROUND_ROBIN", List.of(owner));
        String lost = RoutingTestSupport.leadId();
        String erased = RoutingTestSupport.leadId();
        support.qualified(lost, RoutingTestSupport.tradeShowCrm(industry, null, null));
        support.qualified(erased, RoutingTestSupport.tradeShowCrm(industry, null, null));
        await().atMost(Duration.ofSeconds(30)).until(() -> owner.equals(ownerOf(lost)) && owner.equals(ownerOf(erased)));
        given().when().get("/api/v1/reps/" + owner + "/load").then().body("openLeads", equalTo(2));

        support.send(support.from(lost, new LeadEvent.LeadLost(LocalDate.of(2024, 4, 10), "BUDGET_INSUFFICIENT",
                "预算不足, 明年再议", owner)));
        support.send(support.from(erased, new LeadEvent.LeadErased("admin@leadflow.io", "客户要求删除个人信息")));
        await().atMost(Duration.ofSeconds(30)).until(() -> ownerOf(lost) == null && ownerOf(erased) == null);
        given().when().get("/api/v1/reps/" + owner + "/load").then().body("openLeads", equalTo(0));
        given().when().get("/api/v1/assignments/" + lost).then().body("status", equalTo("LOST"))
                .body("history[0].endReason", equalTo("LOST"));
        given().when().get("/api/v1/assignments/" + erased).then().body("status", equalTo("ERASED"))
                .body("unassigned", nullValue());
        given().when().get("/api/v1/grades/" + erased).then()
                .body("reasons", hasSize(0)).body("history[0].reasons", hasSize(0));
        // A closed lead is neither regraded nor reassigned.
        given().contentType(ContentType.JSON).body(Map.of("grade", "HIGH", "reason", "x"))
                .when().put("/api/v1/grades/" + lost).then().statusCode(409);
        given().contentType(ContentType.JSON).body(Map.of("reason", "x"))
                .when().post("/api/v1/assignments/" + lost + "/reassign").then().statusCode(409);
    }

    /**
     * Staff merged a duplicate into another lead: its owner's capacity comes back, the ownership ends as MERGED (by
     * the person who merged), a queued duplicate leaves the queue, and neither is regraded, reassigned or backtested.
     */
    @Test
    void aLeadMergedIntoAnotherFreesItsOwnerAndLeavesTheQueue() {
        String industry = "IND-" + RoutingTestSupport.unique();
        String owner = rep("SENIOR", industry);
        RoutingTestSupport.routeIndustry(industry, "ROUND_ROBIN", List.of(owner));
        String survivor = RoutingTestSupport.leadId();
        String duplicate = RoutingTestSupport.leadId();
        support.qualified(survivor, RoutingTestSupport.tradeShowCrm(industry, null, null));
        support.qualified(duplicate, RoutingTestSupport.tradeShowCrm(industry, null, null));
        await().atMost(Duration.ofSeconds(30)).until(() -> owner.equals(ownerOf(survivor))
                && owner.equals(ownerOf(duplicate)));
        given().when().get("/api/v1/reps/" + owner + "/load").then().body("openLeads", equalTo(2));

        support.send(support.from(duplicate, new LeadEvent.LeadMerged(survivor, "manager-wang")));
        await().atMost(Duration.ofSeconds(30)).until(() -> ownerOf(duplicate) == null);
        given().when().get("/api/v1/reps/" + owner + "/load").then().body("openLeads", equalTo(1));
        given().when().get("/api/v1/assignments/" + duplicate).then().body("status", equalTo("MERGED"))
                .body("history[0].endReason", equalTo("MERGED"))
                .body("history[0].endedBy", equalTo("manager-wang"));
        assertThat(ownerOf(survivor)).isEqualTo(owner);
        given().contentType(ContentType.JSON).body(Map.of("grade", "LOW", "reason", "x"))
                .when().put("/api/v1/grades/" + duplicate).then().statusCode(409)
                .body("detail", containsString("MERGED"));
        given().contentType(ContentType.JSON).body(Map.of("reason", "x"))
                .when().post("/api/v1/assignments/" + duplicate + "/reassign").then().statusCode(409);

        // Nobody can take a lead of this industry: it waits in the queue until merged away, then leaves it.
        String waiting = RoutingTestSupport.leadId();
        given().contentType(ContentType.JSON).body(Map.of("availability", "AWAY"))
                .when().patch("/api/v1/reps/" + owner).then().statusCode(200);
        support.qualified(waiting, RoutingTestSupport.tradeShowCrm(industry, null, null));
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/api/v1/assignments/" + waiting).jsonPath()
                .getString("unassigned.why") != null);
        support.send(support.from(waiting, new LeadEvent.LeadMerged(survivor, "manager-wang")));
        await().atMost(Duration.ofSeconds(30)).until(() -> "MERGED".equals(given().get("/api/v1/assignments/" + waiting)
                .jsonPath().getString("status")));
        given().when().get("/api/v1/assignments/" + waiting).then().body("unassigned", nullValue());
        given().queryParam("size", 200).when().get("/api/v1/assignments/unassigned").then()
                .body("items.leadId", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(waiting)));
        given().contentType(ContentType.JSON).body(Map.of("availability", "AVAILABLE"))
                .when().patch("/api/v1/reps/" + owner).then().statusCode(200);
        given().when().get("/api/v1/reps/" + owner + "/load").then().body("openLeads", equalTo(1));
    }

    @Test
    void aWonEventReadBeforeTheLeadsQualificationLeavesTheLeadGradedButUnassigned() {
        String industry = "IND-" + RoutingTestSupport.unique();
        String owner = rep("SENIOR", industry);
        RoutingTestSupport.routeIndustry(industry, "ROUND_ROBIN", List.of(owner));
        String leadId = RoutingTestSupport.leadId();
        support.send(support.from(leadId, new LeadEvent.LeadWon(LocalDate.of(2024, 3, 26), null, List.of(), owner)));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                "WON".equals(given().get("/api/v1/assignments/" + leadId).jsonPath().getString("status")));
        support.qualified(leadId, RoutingTestSupport.tradeShowCrm(industry, null, null));
        await().atMost(Duration.ofSeconds(30)).until(() -> "HIGH".equals(gradeOf(leadId)));
        given().when().get("/api/v1/assignments/" + leadId).then()
                .body("owner", nullValue()).body("history", hasSize(0)).body("unassigned", nullValue());
    }
}
