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
 * A rep's open leads, in all and by grade, are counters kept with the assignments (so a decision or a rep's load does
 * not count the team's history); whatever starts, moves or ends an owner or changes a grade, they equal a recount.
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
    void openLeadsFollowAssignReassignRegradeWonLostErasedAndDeactivationAndEqualARecount() throws Exception {
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

        // A change of grade moves the lead's count between its owner's grades (and may move the lead on).
        String regraded = leads.stream().filter(l -> c.equals(ownerOf(l))).findFirst().orElseThrow();
        String grade = given().get("/api/v1/grades/" + regraded).jsonPath().getString("grade");
        String other = "LOW".equals(grade) ? "HIGH" : "LOW";
        given().contentType(ContentType.JSON).body(Map.of("grade", other, "reason", "电话确认后调整"))
                .when().put("/api/v1/grades/" + regraded).then().statusCode(200);
        String regradedOwner = ownerOf(regraded);
        assertThat(given().get("/api/v1/reps/" + regradedOwner + "/load").jsonPath()
                .getInt("openLeadsByGrade." + other)).isPositive();

        assertThat(repsWhoseCounterIsNotARecount()).isEmpty();
        assertThat(gradeCountersThatAreNotARecount()).isEmpty();
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

    /** Every rep and grade with open leads, counted or kept, where the two differ: one statement, one snapshot. */
    private List<String> gradeCountersThatAreNotARecount() throws Exception {
        List<String> wrong = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("""
                     with recount as (
                         select a.owner_id as rep_id, coalesce(l.grade, '?') as grade, count(*) as open_leads
                           from assignment a join lead l on l.lead_id = a.lead_id
                          where a.active
                          group by 1, 2),
                     kept as (select rep_id, grade, open_leads from rep_grade_load where open_leads > 0)
                     select coalesce(k.rep_id, r.rep_id), coalesce(k.grade, r.grade), k.open_leads, r.open_leads
                       from kept k full join recount r on r.rep_id = k.rep_id and r.grade = k.grade
                      where k.open_leads is distinct from r.open_leads
                     """)) {
            while (rs.next()) {
                wrong.add(rs.getString(1) + "/" + rs.getString(2) + ": counter " + rs.getObject(3) + ", recount "
                        + rs.getObject(4));
            }
        }
        return wrong;
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
