package io.leadflow.intake.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.leadflow.events.contract.EventEnvelope;
import io.leadflow.events.security.Roles;
import io.leadflow.events.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Owners come from routing's topic (real events through the broker): the lead follows each reassignment, a replayed
 * or stale announcement changes nothing, and every change is on the lead's audit trail.
 */
@QuarkusTest
class LeadOwnerTest {

    @BeforeEach
    void signIn() {
        Tokens.useByDefault("test-admin", Roles.ADMIN);
    }

    @Test
    void theLeadFollowsRoutingsAssignmentsAndTheRepFollowsTheLead() {
        String li = "rep-li-" + Leads.token();
        String zhao = "rep-zhao-" + Leads.token();
        String wang = "rep-wang-" + Leads.token();
        String id = Leads.create(Leads.tradeShowLead());
        Instant t0 = Instant.now();
        EventEnvelope assigned = Leads.assigned(id, li, t0);
        Leads.publish(assigned);
        Leads.awaitOwner(id, li);
        Tokens.as(li, Roles.SALES).get("/api/v1/leads/" + id).then().statusCode(200);

        EventEnvelope reassigned = Leads.reassigned(id, li, zhao, t0.plusSeconds(60));
        Leads.publish(reassigned);
        Leads.awaitOwner(id, zhao);
        Tokens.as(li, Roles.SALES).get("/api/v1/leads/" + id).then().statusCode(404);
        Tokens.as(zhao, Roles.SALES).get("/api/v1/leads/" + id).then().statusCode(200);

        // a redelivery of the same event, then an announcement older than the one in force: neither moves the lead
        Leads.publish(reassigned);
        Leads.publish(Leads.assigned(id, li, t0.plusSeconds(30)));
        Leads.publish(Leads.reassigned(id, zhao, wang, t0.plusSeconds(120)));
        Leads.awaitOwner(id, wang);

        List<Map<String, Object>> owners = given().when().get("/api/v1/leads/" + id + "/changes").then()
                .statusCode(200).extract().jsonPath().getList("items.findAll { it.field == 'ownerId' }");
        assertThat(owners).extracting(c -> c.get("oldValue") + ">" + c.get("newValue"))
                .containsExactly("null>" + li, li + ">" + zhao, zhao + ">" + wang);
        assertThat(owners).extracting(c -> c.get("changedBy")).containsOnly("lead-routing-service");
        assertThat(owners).extracting(c -> (String) c.get("reason"))
                .containsExactly("assigned: 展会线索轮流分配", "reassigned: 原跟进人休假", "reassigned: 原跟进人休假");
        // whoever corrects the lead meanwhile does not write an old owner back
        Tokens.as("wang.manager", Roles.SALES_MANAGER).contentType("application/json")
                .body(Map.of("budget", "20万")).patch("/api/v1/leads/" + id).then().statusCode(200);
        given().when().get("/api/v1/leads/" + id).then().statusCode(200)
                .body("ownerId", org.hamcrest.Matchers.equalTo(wang));
    }

    @Test
    void anAssignmentForALeadIntakeNeverHadIsAcknowledgedAndIgnored() throws Exception {
        String stranger = "LX20000101" + String.format("%06d", (int) (Math.random() * 900_000));
        EventEnvelope event = Leads.assigned(stranger, "rep-li", Instant.now());
        Leads.publish(event);
        // handled and committed at the first attempt (not retried towards the dead-letter topic), creating nothing
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> {
            try (var c = dataSource.getConnection(); var q = c.prepareStatement(
                    "select count(*) from processed_event where consumer = 'intake-owners' and event_id = ?")) {
                q.setObject(1, event.eventId());
                try (var rs = q.executeQuery()) {
                    rs.next();
                    return rs.getInt(1) == 1;
                }
            }
        });
        given().when().get("/api/v1/leads/" + stranger).then().statusCode(404);
    }

    @jakarta.inject.Inject
    javax.sql.DataSource dataSource;
}
