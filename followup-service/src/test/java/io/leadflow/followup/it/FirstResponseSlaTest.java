package io.leadflow.followup.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.leadflow.events.contract.EventEnvelope;
import io.leadflow.events.contract.LeadEvent;
import io.leadflow.followup.service.SlaService;
import io.quarkus.test.junit.QuarkusTest;

/** The first-response clock: what stops it, and a breach reported exactly once however often it is looked for. */
@QuarkusTest
class FirstResponseSlaTest extends FollowupTestSupport {

    @Inject
    SlaService sla;

    @Inject
    io.leadflow.followup.service.SlaScanner scanner;

    private static long breachEvents(List<EventEnvelope> events) {
        return events.stream().filter(e -> e.payload() instanceof LeadEvent.FirstResponseSlaBreached).count();
    }

    @Test
    void the48HourBreachIsReportedOnceEvenWithTheAssignmentRedelivered() {
        String leadId = newLeadId();
        String li = newRep("li");
        Instant assignedAt = Instant.now().minus(Duration.ofHours(49)).truncatedTo(ChronoUnit.SECONDS);
        EventEnvelope assignment = assign(leadId, li, "李销售", "HIGH", "TRADE_SHOW", assignedAt);
        awaitOpenTasks(leadId, 2);

        sla.detectBreaches(500);
        send(assignment);                                     // the same event again (a redelivery)
        assign(leadId, li, "李销售", "HIGH", "TRADE_SHOW", assignedAt); // and a duplicate with a new event id
        sla.detectBreaches(500);
        sla.detectBreaches(500);

        given().when().get("/api/v1/pipeline/" + leadId + "/sla").then().statusCode(200)
                .body("status", equalTo("BREACHED"))
                .body("breachedAt", notNullValue())
                .body("deadline", at(assignedAt.plus(Duration.ofHours(48))))
                .body("overdueTouches[0].kind", equalTo("FIRST_RESPONSE"));
        given().queryParam("ownerId", li).when().get("/api/v1/sla/breaches").then().statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].leadId", equalTo(leadId))
                .body("items[0].grade", equalTo("HIGH"))
                .body("items[0].source", equalTo("TRADE_SHOW"));
        assertThat(openTaskKinds(leadId)).containsExactly("FIRST_RESPONSE", "WEEKLY_SYNC");

        // A later event of the same lead marks the end of what to read: the breach must be there exactly once.
        as(li).body("{\"suggestedGrade\":\"中意向\",\"reason\":\"客户推迟了预算审批\"}")
                .when().post("/api/v1/pipeline/" + leadId + "/regrade-requests").then().statusCode(202);
        List<EventEnvelope> published = publishedUntil(leadId, e -> e.payload() instanceof LeadEvent.RegradeRequested);
        assertThat(breachEvents(published)).isEqualTo(1);
        LeadEvent.FirstResponseSlaBreached breach = published.stream().map(EventEnvelope::payload)
                .filter(LeadEvent.FirstResponseSlaBreached.class::isInstance).map(LeadEvent.FirstResponseSlaBreached.class::cast)
                .findFirst().orElseThrow();
        assertThat(breach.ownerId()).isEqualTo(li);
        assertThat(breach.assignedAt()).isEqualTo(assignedAt);
        assertThat(breach.deadline()).isEqualTo(assignedAt.plus(Duration.ofHours(48)));
    }

    @Test
    void scansRunningSideBySideReportEachBreachOnce() throws Exception {
        String owner = newRep("scan");
        Instant assignedAt = Instant.now().minus(Duration.ofHours(30)).truncatedTo(ChronoUnit.SECONDS);
        List<String> leadIds = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String leadId = newLeadId();
            leadIds.add(leadId);
            assign(leadId, owner, "扫描销售", "HIGH", "WEBSITE_FORM", assignedAt);
        }
        leadIds.forEach(id -> awaitOpenTasks(id, 2));

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> scans = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                scans.add(() -> sla.detectBreaches(2));
            }
            for (int round = 0; round < 4; round++) {
                for (Future<Integer> f : pool.invokeAll(scans)) {
                    f.get();
                }
            }
        } finally {
            pool.shutdownNow();
        }

        given().queryParam("ownerId", owner).when().get("/api/v1/sla/breaches").then().statusCode(200)
                .body("total", equalTo(6));
        String last = leadIds.get(leadIds.size() - 1);
        as(owner).body("{\"suggestedGrade\":\"LOW\",\"reason\":\"只是了解信息\"}")
                .when().post("/api/v1/pipeline/" + last + "/regrade-requests").then().statusCode(202);
        assertThat(breachEvents(publishedUntil(last, e -> e.payload() instanceof LeadEvent.RegradeRequested))).isEqualTo(1);
    }

    @Test
    void onlyAHumanTouchThatHappenedStopsTheClock() {
        String leadId = newLeadId();
        String li = newRep("li");
        assign(leadId, li, "李销售", "HIGH", "TRADE_SHOW", Instant.now().minus(Duration.ofHours(1)));
        awaitOpenTasks(leadId, 2);
        String url = "/api/v1/pipeline/" + leadId + "/followups";

        as(li).body("{\"method\":\"资讯推送\",\"content\":\"三月行业资讯\"}").when().post(url).then().statusCode(201)
                .body("humanTouch", equalTo(false));
        as(li).body("{\"method\":\"电话\",\"status\":\"计划中\",\"contactedAt\":\"2099-01-01\",\"content\":\"约电话\"}")
                .when().post(url).then().statusCode(201).body("humanTouch", equalTo(false));
        given().when().get("/api/v1/pipeline/" + leadId + "/sla").then().body("status", equalTo("RUNNING"))
                .body("firstResponseAt", nullValue());
        assertThat(openTaskKinds(leadId)).contains("FIRST_RESPONSE");

        as(li).body("{\"method\":\"wechat\",\"content\":\"加微信,发送公司介绍\"}").when().post(url).then().statusCode(201)
                .body("humanTouch", equalTo(true));
        given().when().get("/api/v1/pipeline/" + leadId + "/sla").then().body("status", equalTo("MET"))
                .body("responseMinutes", notNullValue());
        assertThat(openTaskKinds(leadId)).doesNotContain("FIRST_RESPONSE");
    }

    @Test
    void aLateFirstResponseLoggedBeforeAnyScanIsStillABreach() {
        String leadId = newLeadId();
        String li = newRep("li");
        assign(leadId, li, "李销售", "MEDIUM", "WEBSITE_FORM", Instant.now().minus(Duration.ofHours(26)));
        awaitOpenTasks(leadId, 3);

        as(li).body("{\"method\":\"电话\",\"content\":\"首次电话沟通\"}").when().post("/api/v1/pipeline/" + leadId + "/followups")
                .then().statusCode(201);

        given().when().get("/api/v1/pipeline/" + leadId + "/sla").then().body("status", equalTo("MET_LATE"))
                .body("breachedAt", notNullValue());
        sla.detectBreaches(500);
        given().queryParam("ownerId", li).when().get("/api/v1/sla/breaches").then().body("total", equalTo(1));
    }

    @Test
    void theScheduledScanReportsEveryDueBreachAcrossBatches() {
        String owner = newRep("batch");
        Instant assignedAt = Instant.now().minus(Duration.ofHours(50)).truncatedTo(ChronoUnit.SECONDS);
        List<String> leadIds = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String leadId = newLeadId();
            leadIds.add(leadId);
            assign(leadId, owner, "批量销售", "HIGH", "TRADE_SHOW", assignedAt);
        }
        leadIds.forEach(id -> awaitOpenTasks(id, 2));

        scanner.scan();

        given().queryParam("ownerId", owner).when().get("/api/v1/sla/breaches").then().body("total", equalTo(3));
    }

    @Test
    void breachListsValidateTheirFilters() {
        given().queryParam("from", "March").when().get("/api/v1/sla/breaches").then().statusCode(400)
                .body("errors[0].field", equalTo("from"));
        given().queryParam("size", 5000).when().get("/api/v1/sla/breaches").then().statusCode(400);
        given().queryParam("ownerId", newRep("nobody")).when().get("/api/v1/sla/overdue-touches").then().statusCode(200)
                .body("total", equalTo(0));
    }
}
