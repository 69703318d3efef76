package io.leadflow.routing.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.leadflow.events.contract.LeadEvent;
import io.leadflow.events.contract.Money;
import io.leadflow.events.security.Roles;
import io.leadflow.events.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class AssignmentFlowTest {

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

    private static void awaitOwner(String leadId, String repId) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> repId.equals(ownerOf(leadId)));
    }

    private static void awaitQueued(String leadId) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            var r = given().get("/api/v1/assignments/" + leadId);
            return r.statusCode() == 200 && r.jsonPath().getString("unassigned.why") != null;
        });
    }

    private static String rep(String seniority, int capacity, String industry) {
        String u = RoutingTestSupport.unique();
        return RoutingTestSupport.createRep("rep-" + u, "销售-" + u, seniority, capacity, List.of(industry));
    }

    @Test
    void roundRobinSpreadsLeadsEvenlyAndLeadAssignedCarriesTheRuleAndSource() {
        RoundRobin rr = roundRobinOverTwoReps(10, 4);
        String industry = rr.industry();
        String a = rr.a();
        String b = rr.b();
        List<String> leads = rr.leads();
        given().queryParam("ownerId", a).when().get("/api/v1/assignments").then().body("total", equalTo(2));
        given().queryParam("ownerId", b).queryParam("grade", "中意向").when().get("/api/v1/assignments").then()
                .body("total", equalTo(2)).body("items[0].ruleId", equalTo("only-" + industry))
                .body("items[0].strategy", equalTo("ROUND_ROBIN"));
        var events = support.published(leads.get(0), e -> e.payload() instanceof LeadEvent.LeadAssigned);
        LeadEvent.LeadAssigned assigned = (LeadEvent.LeadAssigned) events.get(events.size() - 1).payload();
        assertThat(assigned.source()).isEqualTo("WEBSITE_FORM");
        assertThat(assigned.grade()).isEqualTo("MEDIUM");
        assertThat(assigned.ruleId()).isEqualTo("only-" + industry);
        assertThat(assigned.why()).contains("of 10 open leads");
    }

    @Test
    void roundRobinStaysEvenWhenLeadsArriveTogetherOnSeveralConsumerThreads() {
        // %test runs three consumer threads: without one lock over routing decisions two of them read the same turn
        RoundRobin rr = roundRobinOverTwoReps(50, 12);
        given().queryParam("ownerId", rr.a()).when().get("/api/v1/assignments").then().body("total", equalTo(6));
        given().queryParam("ownerId", rr.b()).when().get("/api/v1/assignments").then().body("total", equalTo(6));
    }

    private record RoundRobin(String industry, String a, String b, List<String> leads) {
    }

    /** Two JUNIOR reps under a ROUND_ROBIN rule of their own industry, and {@code n} medium leads, all assigned. */
    private RoundRobin roundRobinOverTwoReps(int capacity, int n) {
        String industry = "IND-" + RoutingTestSupport.unique();
        String a = rep("JUNIOR", capacity, industry);
        String b = rep("JUNIOR", capacity, industry);
        RoutingTestSupport.routeIndustry(industry, "ROUND_ROBIN", List.of(a, b));
        List<String> leads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String leadId = RoutingTestSupport.leadId();
            leads.add(leadId);
            support.qualified(leadId, RoutingTestSupport.websiteErp(industry));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> leads.stream().allMatch(l -> ownerOf(l) != null));
        return new RoundRobin(industry, a, b, leads);
    }

    @Test
    void leastLoadedPrefersTheRepWithTheSmallestShareOfCapacity() {
        String industry = "IND-" + RoutingTestSupport.unique();
        String small = rep("SENIOR", 2, industry);
        String big = rep("SENIOR", 20, industry);
        RoutingTestSupport.routeIndustry(industry, "LEAST_LOADED", List.of(small, big));
        String first = RoutingTestSupport.leadId();
        String second = RoutingTestSupport.leadId();
        support.qualified(first, RoutingTestSupport.tradeShowCrm(industry, null, null));
        support.qualified(second, RoutingTestSupport.tradeShowCrm(industry, null, null));
        await().atMost(Duration.ofSeconds(30)).until(() -> ownerOf(first) != null && ownerOf(second) != null);
        // After one lead each, big (1/20) is less loaded than small (1/2), so a third goes to big.
        String third = RoutingTestSupport.leadId();
        support.qualified(third, RoutingTestSupport.tradeShowCrm(industry, null, null));
        awaitOwner(third, big);
        given().when().get("/api/v1/reps/" + big + "/load").then().body("openLeads", equalTo(2));
    }

    @Test
    void repsAwayOrAtCapacityAreSkippedAndTheLeadWaitsUntilARepIsFreed() {
        String industry = "IND-" + RoutingTestSupport.unique();
        String busy = rep("SENIOR", 1, industry);
        String away = rep("SENIOR", 5, industry);
        given().contentType(ContentType.JSON).body(Map.of("availability", "AWAY", "awayUntil", "2099-12-31"))
                .when().patch("/api/v1/reps/" + away).then().statusCode(200);
        RoutingTestSupport.routeIndustry(industry, "ROUND_ROBIN", List.of(busy, away));
        String first = RoutingTestSupport.leadId();
        support.qualified(first, RoutingTestSupport.tradeShowCrm(industry, null, null));
        awaitOwner(first, busy);

        String waiting = RoutingTestSupport.leadId();
        support.qualified(waiting, RoutingTestSupport.tradeShowCrm(industry, null, null));
        awaitQueued(waiting);
        given().when().get("/api/v1/assignments/" + waiting).then()
                .body("owner", nullValue())
                .body("unassigned.why", containsString("away until 2099-12-31"))
                .body("unassigned.why", containsString("at capacity 1/1"));
        given().queryParam("size", 200).when().get("/api/v1/assignments/unassigned").then()
                .statusCode(200).body("items.leadId", hasItem(waiting));

        // The first lead is won: its owner has room, and the waiting lead is assigned without anyone asking.
        support.send(support.from(first, new LeadEvent.LeadWon(LocalDate.of(2024, 3, 26),
                new Money(new BigDecimal("120000"), "CNY"), List.of("需求明确"), busy)));
        awaitOwner(waiting, busy);
        given().when().get("/api/v1/assignments/" + first).then()
                .body("status", equalTo("WON")).body("owner", nullValue())
                .body("history[0].endReason", equalTo("WON"));
    }

    @Test
    void aQueuedLeadIsAssignedAsSoonAsARepIsAddedOrComesBack() {
        String industry = "IND-" + RoutingTestSupport.unique();
        String away = rep("JUNIOR", 5, industry);
        given().contentType(ContentType.JSON).body(Map.of("availability", "AWAY"))
                .when().patch("/api/v1/reps/" + away).then().statusCode(200);
        RoutingTestSupport.routeIndustry(industry, "ROUND_ROBIN", List.of(away));
        String leadId = RoutingTestSupport.leadId();
        support.qualified(leadId, RoutingTestSupport.websiteErp(industry));
        awaitQueued(leadId);
        given().contentType(ContentType.JSON).body(Map.of("availability", "AVAILABLE"))
                .when().patch("/api/v1/reps/" + away).then().statusCode(200);
        awaitOwner(leadId, away);
        given().queryParam("size", 200).when().get("/api/v1/assignments/unassigned").then()
                .body("items.leadId", org.hamcrest.Matchers.not(hasItem(leadId)));
    }

    @Test
    void anImportedOwnerOnTheRosterKeepsTheLead() {
        String industry = "IND-" + RoutingTestSupport.unique();
        String ruled = rep("SENIOR", 5, industry);
        String u = RoutingTestSupport.unique();
        String named = RoutingTestSupport.createRep("rep-" + u, "李销售-" + u, "JUNIOR", 5, List.of());
        RoutingTestSupport.routeIndustry(industry, "ROUND_ROBIN", List.of(ruled));
        String leadId = RoutingTestSupport.leadId();
        support.qualified(leadId, RoutingTestSupport.tradeShowCrm(industry, "高意向", "李销售-" + u));
        awaitOwner(leadId, named);
        given().when().get("/api/v1/assignments/" + leadId).then()
                .body("owner.ruleId", equalTo("NAMED_OWNER")).body("owner.why", containsString("跟进人"));
        given().when().get("/api/v1/grades/" + leadId).then().body("given", equalTo(true));
    }

    @Test
    void reassigningToARepEmitsLeadReassignedAndBadTargetsAreRefused() {
        String industry = "IND-" + RoutingTestSupport.unique();
        String first = rep("SENIOR", 5, industry);
        String second = rep("SENIOR", 5, industry);
        String away = rep("SENIOR", 5, industry);
        given().contentType(ContentType.JSON).body(Map.of("availability", "AWAY", "awayUntil", "2099-01-01"))
                .when().patch("/api/v1/reps/" + away).then().statusCode(200);
        RoutingTestSupport.routeIndustry(industry, "ROUND_ROBIN", List.of(first));
        String leadId = RoutingTestSupport.leadId();
        support.qualified(leadId, RoutingTestSupport.tradeShowCrm(industry, null, null));
        awaitOwner(leadId, first);

        given().contentType(ContentType.JSON).body(Map.of("toRepId", "rep-ghost", "reason", "调整"))
                .when().post("/api/v1/assignments/" + leadId + "/reassign").then()
                .statusCode(400).body("errors[0].field", equalTo("toRepId"));
        given().contentType(ContentType.JSON).body(Map.of("toRepId", away, "reason", "调整"))
                .when().post("/api/v1/assignments/" + leadId + "/reassign").then()
                .statusCode(409).body("detail", containsString("away until 2099-01-01"));
        given().contentType(ContentType.JSON).body(Map.of("toRepId", second))
                .when().post("/api/v1/assignments/" + leadId + "/reassign").then()
                .statusCode(400).body("errors[0].field", equalTo("reason"));
        // Re-running the rules finds nobody but the current owner.
        given().contentType(ContentType.JSON).body(Map.of("reason", "换人跟进"))
                .when().post("/api/v1/assignments/" + leadId + "/reassign").then()
                .statusCode(409).body("detail", containsString("No other rep fits"));

        // Who reassigned is the token's user: a name in the body is refused, not taken.
        Tokens.as("mgr-wang", Roles.SALES_MANAGER).contentType(ContentType.JSON)
                .body(Map.of("toRepId", second, "reason", "李销售休假", "requestedBy", "王经理"))
                .when().post("/api/v1/assignments/" + leadId + "/reassign").then()
                .statusCode(400).body("errors[0].field", equalTo("requestedBy"));
        Tokens.as("mgr-wang", Roles.SALES_MANAGER).contentType(ContentType.JSON)
                .body(Map.of("toRepId", second, "reason", "李销售休假"))
                .when().post("/api/v1/assignments/" + leadId + "/reassign").then()
                .statusCode(200).body("owner.ownerId", equalTo(second)).body("owner.previousOwnerId", equalTo(first))
                .body("owner.assignedBy", equalTo("mgr-wang")).body("owner.reason", equalTo("李销售休假"))
                .body("owner.why", containsString("reassigned by mgr-wang"))
                .body("owner.why", not(containsString("王经理")))
                .body("history", hasSize(2)).body("history[0].endReason", equalTo("REASSIGNED"))
                .body("history[0].endedBy", equalTo("mgr-wang")).body("history[0].assignedBy", equalTo("system"));
        var events = support.published(leadId, e -> e.payload() instanceof LeadEvent.LeadReassigned);
        LeadEvent.LeadReassigned reassigned = (LeadEvent.LeadReassigned) events.get(events.size() - 1).payload();
        assertThat(reassigned.previousOwnerId()).isEqualTo(first);
        assertThat(reassigned.ownerId()).isEqualTo(second);
        assertThat(reassigned.reason()).isEqualTo("李销售休假");
        given().contentType(ContentType.JSON).body(Map.of("toRepId", second, "reason", "x"))
                .when().post("/api/v1/assignments/" + leadId + "/reassign").then().statusCode(409);
        given().contentType(ContentType.JSON).body(Map.of("toRepId", second, "reason", "x"))
                .when().post("/api/v1/assignments/LX19990101000001/reassign").then().statusCode(404);
    }

    @Test
    void concurrentReassignmentsEndWithExactlyOneOwnerAndNeverExceedCapacity() throws Exception {
        String industry = "IND-" + RoutingTestSupport.unique();
        String start = rep("SENIOR", 10, industry);
        String x = rep("SENIOR", 10, industry);
        String y = rep("SENIOR", 10, industry);
        String tight = rep("SENIOR", 1, industry);
        RoutingTestSupport.routeIndustry(industry, "ROUND_ROBIN", List.of(start));
        String leadId = RoutingTestSupport.leadId();
        String other = RoutingTestSupport.leadId();
        support.qualified(leadId, RoutingTestSupport.tradeShowCrm(industry, null, null));
        support.qualified(other, RoutingTestSupport.tradeShowCrm(industry, null, null));
        awaitOwner(leadId, start);
        awaitOwner(other, start);

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> moves = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String to = i % 2 == 0 ? x : y;
                moves.add(() -> given().contentType(ContentType.JSON).body(Map.of("toRepId", to, "reason", "并发"))
                        .post("/api/v1/assignments/" + leadId + "/reassign").statusCode());
            }
            for (Future<Integer> status : pool.invokeAll(moves)) {
                assertThat(status.get()).isIn(200, 409);
            }
            var assignment = given().get("/api/v1/assignments/" + leadId).jsonPath();
            assertThat(assignment.getList("history.findAll { it.active }")).hasSize(1);
            assertThat(assignment.getString("owner.ownerId")).isIn(x, y);

            // Two leads moved at once to a rep with room for one: one succeeds, the other is refused.
            List<Callable<Integer>> squeeze = List.of(
                    () -> given().contentType(ContentType.JSON).body(Map.of("toRepId", tight, "reason", "并发"))
                            .post("/api/v1/assignments/" + leadId + "/reassign").statusCode(),
                    () -> given().contentType(ContentType.JSON).body(Map.of("toRepId", tight, "reason", "并发"))
                            .post("/api/v1/assignments/" + other + "/reassign").statusCode());
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> status : pool.invokeAll(squeeze)) {
                statuses.add(status.get());
            }
            assertThat(statuses).containsExactlyInAnyOrder(200, 409);
            given().when().get("/api/v1/reps/" + tight + "/load").then().body("openLeads", equalTo(1))
                    .body("atCapacity", equalTo(true));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anAssignmentPolicyNamingAnUnknownRepIsRefusedAndThePreviousStays() {
        int before = given().get("/api/v1/assignment-policy").jsonPath().getInt("version");
        given().contentType(ContentType.JSON)
                .body(Map.of("rules", List.of(Map.of("grades", List.of("高意向"), "repIds", List.of("rep-ghost"),
                        "strategy", "ROUND_ROBIN"))))
                .when().put("/api/v1/assignment-policy").then()
                .statusCode(400).body("errors[0].field", equalTo("rules[0].repIds[0]"));
        given().contentType(ContentType.JSON)
                .body(Map.of("rules", List.of(Map.of("grades", List.of("HIGH"), "seniorities", List.of("SENIOR"),
                        "strategy", "FASTEST"))))
                .when().put("/api/v1/assignment-policy").then().statusCode(400);
        given().get("/api/v1/assignment-policy").then().body("version", equalTo(before));
    }

    @Test
    void assignmentsAreFilteredByPeriodAndBadFiltersAreProblems() {
        given().queryParam("from", "2024-13-01").when().get("/api/v1/assignments").then()
                .statusCode(400).body("errors[0].field", equalTo("from"));
        given().queryParam("status", "SOMETIMES").when().get("/api/v1/assignments").then().statusCode(400);
        given().queryParam("from", "2099-01-01").queryParam("to", "2099-01-31").when().get("/api/v1/assignments")
                .then().statusCode(200).body("total", equalTo(0));
        given().queryParam("from", "2000-01-01").queryParam("status", "ALL").when().get("/api/v1/assignments")
                .then().statusCode(200);
    }
}
