package io.leadflow.routing.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.leadflow.events.security.Roles;
import io.leadflow.events.testing.Tokens;
import io.leadflow.routing.service.LeadDecisions;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Two instances consuming at once are two threads applying LeadQualified in their own transactions: the rep's row
 * lock keeps the rep within capacity, the lead's row lock and the unique index keep one owner per lead.
 */
@QuarkusTest
class ConcurrentAssignmentTest {

    @Inject
    LeadDecisions decisions;

    /** Every request of this class carries an admin's token unless it says otherwise (Tokens.as / anonymous). */
    @BeforeEach
    void authenticateAsAdmin() {
        Tokens.useByDefault("test-admin", Roles.ADMIN);
    }

    @Test
    void leadsQualifiedAtOnceNeverPushARepPastCapacity() throws Exception {
        String industry = "IND-" + RoutingTestSupport.unique();
        String u = RoutingTestSupport.unique();
        String rep = RoutingTestSupport.createRep("rep-" + u, "并发销售-" + u, "SENIOR", 2, List.of(industry));
        RoutingTestSupport.routeIndustry(industry, "LEAST_LOADED", List.of(rep));
        List<String> leads = new ArrayList<>();
        List<Callable<Void>> work = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String leadId = RoutingTestSupport.leadId();
            leads.add(leadId);
            work.add(() -> {
                decisions.qualified(leadId, RoutingTestSupport.tradeShowCrm(industry, null, null));
                return null;
            });
        }
        // The same lead applied by two "instances" at once as well.
        String twice = leads.get(0);
        work.add(() -> {
            decisions.qualified(twice, RoutingTestSupport.tradeShowCrm(industry, null, null));
            return null;
        });
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            for (Future<Void> done : pool.invokeAll(work)) {
                done.get();
            }
        } finally {
            pool.shutdownNow();
        }
        given().when().get("/api/v1/reps/" + rep + "/load").then().body("openLeads", equalTo(2));
        int owned = 0;
        int waiting = 0;
        for (String leadId : leads) {
            var assignment = given().get("/api/v1/assignments/" + leadId).jsonPath();
            assertThat(assignment.getList("history.findAll { it.active }").size()).isLessThanOrEqualTo(1);
            if (assignment.getString("owner.ownerId") != null) {
                owned++;
            } else if (assignment.getString("unassigned.why") != null) {
                waiting++;
            }
        }
        assertThat(owned).isEqualTo(2);
        assertThat(waiting).isEqualTo(6);
    }
}
