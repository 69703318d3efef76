package io.leadflow.routing.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.leadflow.events.contract.LeadEvent;
import io.leadflow.events.security.Roles;
import io.leadflow.events.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * A rep's open leads are a counter kept with the assignments (so a decision does not count the team's history);
 * whatever starts, moves or ends an owner, the counter equals a recount of the active assignments.
 */
@QuarkusTest
class OpenLeadCounterTest {

    @Inject
    RoutingTestSupport support;
    @Inject
    DataSource dataSource;

    @BeforeEach
    void authenticateAsAdmin() {
        Tokens.useByDefault("test-admin", Roles.ADMIN);
    }

    @Test
    void openLeadsFollowAssignReassignWonLostErasedAndDeactivationAndEqualARecount() throws Exception {
        String industry = "IND-" + RoutingTestSupport.unique();
        String a = rep(industry);
        String b = rep(industry);
        String c = rep(industry);
        RoutingTestSupport.routeIndustry(industry, "ROUND_ROBIN", List.of(a, b));
        List<String> leads = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String leadId = RoutingTestSupport.leadId();
            leads.add(leadId);
            support.qualified(leadId, RoutingTestSupport.tradeShowCrm(industry, null, null));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> leads.stream().allMatch(l -> ownerOf(l) != null));
        assertOpen(a, 3);
        assertOpen(b, 3);

        String moved = leads.stream().filter(l -> a.equals(ownerOf(l))).findFirst().orElseThrow();
        given().contentType(ContentType.JSON).body(Map.of("toRepId", c, "reason", "换人跟进"))
                .when().post("/api/v1/assignments/" + moved + "/reassign").then().statusCode(200);
        assertOpen(a, 2);
        assertOpen(c, 1);

        String won = leads.stream().filter(l -> b.equals(ownerOf(l))).findFirst().orElseThrow();
        support.send(support.from(won, new LeadEvent.LeadWon(LocalDate.of(2024, 3, 26), null, List.of(), b)));
        String lost = leads.stream().filter(l -> a.equals(ownerOf(l))).findFirst().orElseThrow();
        support.send(support.from(lost, new LeadEvent.LeadLost(LocalDate.of(2024, 3, 27), "BUDGET_INSUFFICIENT",
                null, a)));
        String erased = leads.stream().filter(l -> b.equals(ownerOf(l)) && !l.equals(won)).findFirst().orElseThrow();
        support.send(support.from(erased, new LeadEvent.LeadErased("dpo", "customer asked")));
        awaitOpen(b, 1);
        awaitOpen(a, 1);

        // Deactivating a leaves its last lead to c.
        given().queryParam("reassignTo", c).when().delete("/api/v1/reps/" + a).then().statusCode(200)
                .body("leadsMoved", equalTo(1));
        assertOpen(a, 0);
        assertOpen(c, 2);

        assertThat(repsWhoseCounterIsNotARecount()).isEmpty();
    }

    private static String rep(String industry) {
        String u = RoutingTestSupport.unique();
        return RoutingTestSupport.createRep("rep-" + u, "销售-" + u, "SENIOR", 10, List.of(industry));
    }

    private static String ownerOf(String leadId) {
        return given().get("/api/v1/assignments/" + leadId).jsonPath().getString("owner.ownerId");
    }

    private static int openLeads(String repId) {
        return given().get("/api/v1/reps/" + repId + "/load").jsonPath().getInt("openLeads");
    }

    private static void assertOpen(String repId, int expected) {
        assertThat(openLeads(repId)).as("open leads of " + repId).isEqualTo(expected);
    }

    private static void awaitOpen(String repId, int expected) {
        await().atMost(Duration.ofSeconds(30)).until(() -> openLeads(repId) == expected);
    }

    /** Every rep in the database, this test's and the others': one statement, so one consistent snapshot. */
    private List<String> repsWhoseCounterIsNotARecount() throws Exception {
        List<String> wrong = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("""
                     select r.rep_id, r.open_leads,
                            (select count(*) from assignment a where a.owner_id = r.rep_id and a.active)
                     from rep r
                     where r.open_leads <> (select count(*) from assignment a where a.owner_id = r.rep_id and a.active)
                     """)) {
            while (rs.next()) {
                wrong.add(rs.getString(1) + ": counter " + rs.getInt(2) + ", recount " + rs.getInt(3));
            }
        }
        return wrong;
    }
}
