package io.leadflow.e2e;

import static io.leadflow.e2e.Api.awaitGet;
import static io.leadflow.e2e.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Locale;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.restassured.path.json.JsonPath;

/**
 * A first-response SLA breached for real: a sales manager tightens the first response of customer referrals (a
 * source no other IT uses) to a few seconds in the cadence policy, a referral lead is assigned and nobody calls;
 * follow-up's breach scan reports it once ({@code FirstResponseSlaBreached}), the late call afterwards is MET_LATE
 * and reports nothing more, and analytics counts the breach. (The kept SLA is in {@link TemplateWorkflowIT}.)
 */
@ExtendWith(E2eStackExtension.class)
@Order(4)
class SlaIT {

    static final String SOURCE = "CUSTOMER_REFERRAL";
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void firstResponseBreachedOnceAndCounted(E2eStack stack) throws Exception {
        Api api = new Api(stack);
        api.ensureRep(WorkflowSupport.NURTURE_REP);

        // The manager's change: read the policy, tighten one source, send it back based on the version read.
        ObjectNode policy = (ObjectNode) JSON.readTree(api.followup().get("/api/v1/cadence-policy").then()
                .statusCode(200).extract().asString());
        ArrayNode sources = policy.withArray("sources");
        for (int i = sources.size() - 1; i >= 0; i--) {
            if (SOURCE.equals(sources.get(i).path("source").asText())) {
                sources.remove(i);
            }
        }
        sources.addObject().put("source", SOURCE).put("firstResponse", "PT3S");
        policy.remove("changedBy");
        policy.remove("changedAt");
        JsonNode changed = JSON.readTree(json(api.followupAs("manager-chen", "sales-manager"), policy.toString())
                .put("/api/v1/cadence-policy").then().statusCode(200).extract().asString());
        assertThat(changed.path("version").asInt()).isGreaterThan(policy.path("version").asInt());
        // Only a manager may do that.
        assertThat(json(api.followupAs("rep-li", "sales"), policy.toString()).put("/api/v1/cadence-policy")
                .statusCode()).isEqualTo(403);

        String lead = WorkflowSupport.captureLowLead(api, SOURCE, "转介绍");
        JsonPath assigned = awaitGet(api.followup(), "/api/v1/pipeline/" + lead,
                r -> r.statusCode() == 200 && r.jsonPath().getString("ownerId") != null, Duration.ofSeconds(60),
                Duration.ofMillis(50)).json();
        String owner = assigned.getString("ownerId");
        // The clock runs from the registration, moments before the assignment.
        OffsetDateTime started = OffsetDateTime.parse(assigned.getString("sla.clockStartedAt"));
        assertThat(Duration.between(started, OffsetDateTime.parse(assigned.getString("sla.deadline"))).toMillis())
                .isBetween(2_999L, 3_001L);
        assertThat(started).isBeforeOrEqualTo(OffsetDateTime.parse(assigned.getString("sla.assignedAt")));

        long t = System.nanoTime();
        JsonPath breached = awaitGet(api.followup(), "/api/v1/pipeline/" + lead + "/sla",
                r -> r.statusCode() == 200 && r.jsonPath().getString("breachedAt") != null, Duration.ofSeconds(60),
                Duration.ofMillis(200)).json();
        assertThat(breached.getString("status")).isEqualTo("BREACHED");
        E2eReport.line(String.format(Locale.ROOT, "sla: %s's 3 s first response breached, detected by the scan"
                + " %.1f s after assignment was seen (scan interval 5 s)", lead, (System.nanoTime() - t) / 1e9));
        awaitGet(api.followup().queryParam("source", SOURCE), "/api/v1/sla/breaches",
                r -> r.statusCode() == 200 && r.jsonPath().getList("items.leadId").contains(lead),
                Duration.ofSeconds(30), Duration.ofMillis(200));

        // The owner calls, late: MET_LATE, and still exactly one breach after further scans.
        json(api.followupAs(owner, "sales"), """
                {"method":"电话","content":"首次联系,介绍产品资讯订阅","feedback":"客户表示暂不需要","status":"已完成"}""")
                .post("/api/v1/pipeline/" + lead + "/followups").then().statusCode(201);
        JsonPath late = api.followup().get("/api/v1/pipeline/" + lead + "/sla").then().statusCode(200).extract()
                .jsonPath();
        assertThat(late.getString("status")).isEqualTo("MET_LATE");
        // A scan has run since: a second lead of the source, captured now, is reported breached only by a later scan.
        String later = WorkflowSupport.captureLowLead(api, SOURCE, "转介绍");
        awaitGet(api.followup(), "/api/v1/pipeline/" + later + "/sla",
                r -> r.statusCode() == 200 && r.jsonPath().getString("breachedAt") != null, Duration.ofSeconds(60),
                Duration.ofMillis(200));
        JsonPath breaches = api.followup().queryParam("source", SOURCE).get("/api/v1/sla/breaches").then()
                .statusCode(200).extract().jsonPath();
        assertThat(breaches.getList("items.leadId")).filteredOn(lead::equals).hasSize(1);

        Quiescence.await(stack, Duration.ofSeconds(60)); // a second breach event would have been counted by now
        JsonPath facts = awaitGet(api.analytics(), "/api/v1/analytics/leads/" + lead,
                r -> r.statusCode() == 200 && r.jsonPath().getInt("facts.slaBreaches") > 0, Duration.ofSeconds(60),
                Duration.ofMillis(200)).json();
        assertThat(facts.getInt("facts.slaBreaches")).isEqualTo(1);
        assertThat(facts.getList("slaBreaches")).hasSize(1);
        api.analytics().get("/api/v1/analytics/response-times").then().statusCode(200);
        E2eReport.line("sla: breach reported once by follow-up and counted once by analytics; late call MET_LATE");
    }
}
