package io.leadflow.routing.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.leadflow.events.contract.EventEnvelope;
import io.leadflow.events.contract.LeadEvent;
import io.leadflow.events.security.Roles;
import io.leadflow.events.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class GradingFlowTest {

    @Inject
    RoutingTestSupport support;

    /** Every request of this class carries an admin's token unless it says otherwise (Tokens.as / anonymous). */
    @BeforeEach
    void authenticateAsAdmin() {
        Tokens.useByDefault("test-admin", Roles.ADMIN);
    }

    private static void awaitGraded(String leadId) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> given().get("/api/v1/grades/" + leadId).statusCode() == 200);
    }

    @Test
    void tableOneRowOneFromAKafkaLeadQualifiedIsGradedHighWithItsReasonsAndLeadGradedIsPublished() {
        String leadId = RoutingTestSupport.leadId();
        support.qualified(leadId, RoutingTestSupport.tradeShowCrm("IND-" + RoutingTestSupport.unique(), null, null));
        awaitGraded(leadId);
        given().header("Accept-Language", "zh-CN").when().get("/api/v1/grades/" + leadId).then()
                .statusCode(200)
                .body("grade", equalTo("HIGH"))
                .body("label", equalTo("高意向"))
                .body("score", equalTo(90))
                .body("given", equalTo(false))
                .body("origin", equalTo("POLICY"))
                .body("reasons.detail", hasItem("decision cycle 30 days ≤ 30"))
                .body("history", hasSize(1));
        List<EventEnvelope> events = support.published(leadId, e -> e.payload() instanceof LeadEvent.LeadGraded);
        LeadEvent.LeadGraded graded = events.stream().map(EventEnvelope::payload)
                .filter(LeadEvent.LeadGraded.class::isInstance).map(LeadEvent.LeadGraded.class::cast).findFirst().orElseThrow();
        assertThat(graded.grade()).isEqualTo("HIGH");
        assertThat(graded.score()).isEqualTo(90);
        assertThat(graded.given()).isFalse();
        assertThat(graded.reasons()).anySatisfy(r -> assertThat(r.rule()).isEqualTo("BUDGET_FIT"));
    }

    @Test
    void tableOneRowTwoIsGradedMedium() {
        String leadId = RoutingTestSupport.leadId();
        support.qualified(leadId, RoutingTestSupport.websiteErp("IND-" + RoutingTestSupport.unique()));
        awaitGraded(leadId);
        given().header("Accept-Language", "en").when().get("/api/v1/grades/" + leadId).then()
                .statusCode(200).body("grade", equalTo("MEDIUM")).body("score", equalTo(30))
                .body("label", equalTo("Medium intent"));
        // The suite reads Chinese unless English is asked for, by ?lang= or Accept-Language.
        given().when().get("/api/v1/grades/" + leadId).then().statusCode(200).body("label", equalTo("中意向"));
        given().queryParam("lang", "en").when().get("/api/v1/grades/" + leadId).then().statusCode(200)
                .body("label", equalTo("Medium intent"));
    }

    @Test
    void anImportedGradeIsKeptAndMarkedGiven() {
        String leadId = RoutingTestSupport.leadId();
        support.qualified(leadId, new io.leadflow.events.contract.LeadProfile("恒通商贸公司", "王总", null, null, null,
                "WEBSITE_FORM", null, null, "知晓一下ERP模块", "IND-" + RoutingTestSupport.unique(), "杭州", null, null, null,
                90, null, "高意向", null, null, null));
        awaitGraded(leadId);
        given().when().get("/api/v1/grades/" + leadId).then()
                .statusCode(200).body("grade", equalTo("HIGH")).body("given", equalTo(true))
                .body("origin", equalTo("GIVEN")).body("reasons[0].rule", equalTo("GIVEN_GRADE"));
    }

    @Test
    void theSameLeadQualifiedDeliveredTwiceGradesAndAssignsOnce() {
        String industry = "IND-" + RoutingTestSupport.unique();
        String rep = RoutingTestSupport.createRep("rep-" + RoutingTestSupport.unique(), "双投销售-" + RoutingTestSupport.unique(),
                "SENIOR", 10, List.of(industry));
        RoutingTestSupport.routeIndustry(industry, "ROUND_ROBIN", List.of(rep));
        String leadId = RoutingTestSupport.leadId();
        EventEnvelope event = support.qualified(leadId, RoutingTestSupport.tradeShowCrm(industry, null, null));
        support.send(event);
        awaitGraded(leadId);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                given().get("/api/v1/assignments/" + leadId).jsonPath().getString("owner.ownerId") != null);
        // A later event of the same lead (same partition, so read after both deliveries) changes the facts: once
        // its regrade shows, both deliveries were consumed.
        var slower = RoutingTestSupport.tradeShowCrm(industry, null, null);
        slower = new io.leadflow.events.contract.LeadProfile(slower.customerName(), null, null, null, null,
                slower.source(), null, null, slower.needDescription(), industry, slower.region(), slower.companySize(),
                slower.customerType(), slower.budget(), 60, null, null, null, null, null);
        support.send(support.from(leadId, new LeadEvent.LeadUpdated(slower, List.of("decisionCycleDays"))));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                "MEDIUM".equals(given().get("/api/v1/grades/" + leadId).jsonPath().getString("grade")));
        List<EventEnvelope> published = support.published(leadId, e -> e.payload() instanceof LeadEvent.LeadGraded g
                && "MEDIUM".equals(g.grade()));
        given().when().get("/api/v1/assignments/" + leadId).then()
                .statusCode(200).body("owner.ownerId", equalTo(rep)).body("history", hasSize(1));
        given().when().get("/api/v1/grades/" + leadId).then().body("history", hasSize(2))
                .body("history[1].reason", equalTo("lead updated: decisionCycleDays"));
        assertThat(published.stream().filter(e -> e.payload() instanceof LeadEvent.LeadGraded).count()).isEqualTo(2);
        assertThat(published.stream().filter(e -> e.payload() instanceof LeadEvent.LeadAssigned).count()).isEqualTo(1);
    }

    @Test
    void aManualRegradeNeedsAReasonAndAGradeOfThePolicy() {
        String leadId = RoutingTestSupport.leadId();
        support.qualified(leadId, RoutingTestSupport.websiteErp("IND-" + RoutingTestSupport.unique()));
        awaitGraded(leadId);
        given().contentType(ContentType.JSON).body(Map.of("grade", "URGENT", "reason", "老板说很急"))
                .when().put("/api/v1/grades/" + leadId).then()
                .statusCode(400).body("errors[0].field", equalTo("grade"))
                .body("detail", containsString("[HIGH, MEDIUM, LOW]"));
        given().contentType(ContentType.JSON).body(Map.of("grade", "高意向"))
                .when().put("/api/v1/grades/" + leadId).then()
                .statusCode(400).body("errors[0].field", equalTo("reason"));
        // Who regraded is the token's user: a name in the body is refused, not taken.
        Tokens.as("mgr-zhao", Roles.SALES_MANAGER).contentType(ContentType.JSON)
                .body(Map.of("grade", "高意向", "reason", "客户明确了预算和上线时间", "requestedBy", "赵销售"))
                .when().put("/api/v1/grades/" + leadId).then()
                .statusCode(400).body("errors[0].field", equalTo("requestedBy"));
        Tokens.as("mgr-zhao", Roles.SALES_MANAGER).contentType(ContentType.JSON)
                .body(Map.of("grade", "高意向", "reason", "客户明确了预算和上线时间"))
                .when().put("/api/v1/grades/" + leadId).then()
                .statusCode(200).body("grade", equalTo("HIGH")).body("origin", equalTo("MANUAL"))
                .body("history", hasSize(2)).body("history[1].previousGrade", equalTo("MEDIUM"))
                .body("history[1].reason", equalTo("客户明确了预算和上线时间"))
                .body("history[1].requestedBy", equalTo("mgr-zhao")).body("history[1].changedBy", equalTo("mgr-zhao"))
                .body("history[0].changedBy", equalTo("system"))
                .body("history[0].reason", containsString("when the lead qualified"))
                .body("reasons[0].detail", containsString("by mgr-zhao")).body(not(containsString("赵销售")));
        List<EventEnvelope> events = support.published(leadId, e -> e.payload() instanceof LeadEvent.LeadGraded g
                && "HIGH".equals(g.grade()));
        LeadEvent.LeadGraded regraded = (LeadEvent.LeadGraded) events.get(events.size() - 1).payload();
        assertThat(regraded.previousGrade()).isEqualTo("MEDIUM");
        assertThat(regraded.regradeReason()).isEqualTo("客户明确了预算和上线时间");
        given().contentType(ContentType.JSON).body(Map.of("grade", "HIGH", "reason", "x"))
                .when().put("/api/v1/grades/NO-SUCH-LEAD").then().statusCode(404);
    }

    @Test
    void aRegradeRequestedFromFollowUpIsAppliedEvenWhenItArrivesBeforeTheLead() {
        String leadId = RoutingTestSupport.leadId();
        support.send(support.from(leadId, new LeadEvent.RegradeRequested("HIGH", "客户明确了预算和上线时间", "rep-zhao")));
        support.qualified(leadId, RoutingTestSupport.websiteErp("IND-" + RoutingTestSupport.unique()));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            var r = given().get("/api/v1/grades/" + leadId);
            return r.statusCode() == 200 && "HIGH".equals(r.jsonPath().getString("grade"));
        });
        given().when().get("/api/v1/grades/" + leadId).then()
                .body("origin", equalTo("MANUAL")).body("history[1].requestedBy", equalTo("rep-zhao"));
    }

    @Test
    void anUnknownLeadHasNoGrade() {
        given().when().get("/api/v1/grades/LX20000101999999").then().statusCode(404)
                .body("status", equalTo(404));
    }
}
