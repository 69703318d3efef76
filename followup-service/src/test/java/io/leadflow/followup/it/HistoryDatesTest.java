package io.leadflow.followup.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.leadflow.events.contract.EventEnvelope;
import io.leadflow.events.contract.LeadEvent;
import io.leadflow.followup.service.SlaService;
import io.quarkus.test.junit.QuarkusTest;

/**
 * History keeps its dates: a lead registered last year and loaded today measures its first response from its
 * registration, its stages move on the days they moved, and loading it raises no breach its own history answers.
 */
@QuarkusTest
class HistoryDatesTest extends FollowupTestSupport {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Inject
    SlaService sla;

    private static Instant shanghai(String local) {
        return LocalDateTime.parse(local).atZone(SHANGHAI).toInstant();
    }

    /** Table 1's LX20240301 and Table 2's two rows, loaded today as the team's history. */
    @Test
    void anImportedLeadMeasuresItsResponseAndStagesFromItsOwnDates() {
        String leadId = newLeadId();
        String li = newRep("li");
        Instant registered = shanghai("2024-03-01T00:00");          // 登记日期 2024-03-01, a date
        Instant loaded = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        send(intake(leadId, loaded.minusSeconds(2), new LeadEvent.LeadCaptured(profile("TRADE_SHOW", registered), "IMPORT")));
        send(routing(leadId, loaded, new LeadEvent.LeadAssigned(li, "李销售", "SENIOR", "HIGH", "TRADE_SHOW",
                "rule-high", "LEAST_LOADED", "HIGH to senior reps", registered)));
        awaitOpenTasks(leadId, 2);

        // 48 hours from the registration: long past, but the lead only just arrived, so nothing is reported yet.
        given().when().get("/api/v1/pipeline/" + leadId + "/sla").then().statusCode(200)
                .body("clockStartedAt", at(registered))
                .body("assignedAt", at(loaded))
                .body("deadline", at(registered.plus(Duration.ofHours(48))))
                .body("status", equalTo("BREACHED"))
                .body("breachedAt", nullValue());
        sla.detectBreaches(500);
        given().when().get("/api/v1/pipeline/" + leadId + "/sla").then().statusCode(200).body("breachedAt", nullValue());

        // Table 2, row 1: 2024-03-02 电话 已完成 — a date, so by the end of that working day.
        as(li).body("""
                {"contactedAt":"2024-03-02","method":"电话","status":"已完成","content":"介绍CRM系统核心功能,知晓预算范围",
                 "feedback":"预算12万,需看详细方案","nextAction":"3月5日前发送定制方案"}""")
                .when().post("/api/v1/pipeline/" + leadId + "/followups").then().statusCode(201);
        sla.detectBreaches(500);
        given().when().get("/api/v1/pipeline/" + leadId + "/sla").then().statusCode(200)
                .body("status", equalTo("MET"))
                .body("firstResponseAt", at("2024-03-02T18:00"))
                .body("responseMinutes", equalTo(42 * 60))            // 03-01 00:00 to 03-02 18:00
                .body("responseBusinessMinutes", equalTo(9 * 60))     // Friday 9-18; Saturday is no working day
                .body("breachedAt", nullValue());

        // The stages move on the days they moved; recorded today.
        as(li).body("{\"stage\":\"需求确认\",\"on\":\"2024-03-05\"}").when().post("/api/v1/pipeline/" + leadId + "/stage")
                .then().statusCode(200);
        as(li).body("{\"stage\":\"方案\",\"on\":\"2024-03-06T15:30:00+08:00\"}").when().post("/api/v1/pipeline/" + leadId + "/stage")
                .then().statusCode(200);
        as(li).body("{\"stage\":\"谈判\",\"on\":\"2024-03-04\"}").when().post("/api/v1/pipeline/" + leadId + "/stage")
                .then().statusCode(400).body("errors[0].field", equalTo("on"))
                .body("errors[0].message", containsString("before the lead's last stage change"));
        as(li).body("{\"stage\":\"谈判\",\"on\":\"2024-02-28\"}").when().post("/api/v1/pipeline/" + leadId + "/stage")
                .then().statusCode(400).body("errors[0].message", containsString("before the lead was registered"));
        as(li).body("{\"stage\":\"谈判\",\"on\":\"" + loaded.plus(Duration.ofDays(2)).atZone(SHANGHAI).toLocalDate() + "\"}")
                .when().post("/api/v1/pipeline/" + leadId + "/stage")
                .then().statusCode(400).body("errors[0].message", containsString("in the future"));
        as(li).body("{\"stage\":\"谈判\",\"on\":\"next Tuesday\"}").when().post("/api/v1/pipeline/" + leadId + "/stage")
                .then().statusCode(400).body("errors[0].field", equalTo("on"));
        as(li).body("""
                {"outcome":"成交","on":"2024-03-26","amount":{"amount":120000,"currency":"CNY"},"winFactors":["需求明确"]}""")
                .when().post("/api/v1/pipeline/" + leadId + "/outcome").then().statusCode(200);

        var history = given().when().get("/api/v1/pipeline/" + leadId).then().statusCode(200).extract().jsonPath();
        assertThat(history.getList("stageHistory.to", String.class))
                .containsExactly("CONTACTED", "NEEDS_CONFIRMED", "PROPOSAL", "WON");
        List<String> changed = history.getList("stageHistory.changedAt", String.class);
        assertThat(changed.stream().map(t -> java.time.OffsetDateTime.parse(t).toInstant()).toList()).containsExactly(
                shanghai("2024-03-02T18:00"), shanghai("2024-03-05T18:00"), shanghai("2024-03-06T15:30"),
                shanghai("2024-03-26T18:00"));
        assertThat(history.getList("stageHistory.recordedAt", String.class))
                .allMatch(t -> !java.time.OffsetDateTime.parse(t).toInstant().isBefore(loaded));

        List<EventEnvelope> published = publishedUntil(leadId, e -> e.payload() instanceof LeadEvent.LeadWon);
        assertThat(published.stream().map(EventEnvelope::payload).filter(LeadEvent.LeadStageChanged.class::isInstance)
                .map(LeadEvent.LeadStageChanged.class::cast).map(LeadEvent.LeadStageChanged::changedAt))
                .containsExactly(shanghai("2024-03-02T18:00"), shanghai("2024-03-05T18:00"),
                        shanghai("2024-03-06T15:30"), shanghai("2024-03-26T18:00"));
        assertThat(published.stream().map(EventEnvelope::payload)
                .filter(LeadEvent.FirstResponseSlaBreached.class::isInstance)).as("answered in time: no breach").isEmpty();
        LeadEvent.FollowUpTaskClosed firstResponseDone = published.stream().map(EventEnvelope::payload)
                .filter(LeadEvent.FollowUpTaskClosed.class::isInstance).map(LeadEvent.FollowUpTaskClosed.class::cast)
                .filter(c -> c.kind().equals("FIRST_RESPONSE")).findFirst().orElseThrow();
        assertThat(firstResponseDone.status()).isEqualTo("DONE");
        assertThat(firstResponseDone.closedBy()).isEqualTo(li);
        assertThat(firstResponseDone.followUpId()).startsWith("F-");
    }

    @Test
    void historyNobodyAnsweredIsReportedOnceTheGraceIsOverMeasuredFromTheRegistration() {
        String leadId = newLeadId();
        String zhao = newRep("zhao");
        Instant registered = shanghai("2024-05-06T10:00");
        // Loaded two hours ago: the hour's grace for its history to follow is over.
        Instant loaded = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
        send(routing(leadId, loaded, new LeadEvent.LeadAssigned(zhao, "赵销售", "SENIOR", "HIGH", "TRADE_SHOW",
                "rule-high", "LEAST_LOADED", "HIGH to senior reps", registered)));
        awaitOpenTasks(leadId, 2);
        // Another one loaded just now is still within its grace.
        String fresh = newLeadId();
        send(routing(fresh, Instant.now(), new LeadEvent.LeadAssigned(zhao, "赵销售", "SENIOR", "HIGH", "TRADE_SHOW",
                "rule-high", "LEAST_LOADED", "HIGH to senior reps", registered)));
        awaitOpenTasks(fresh, 2);

        sla.detectBreaches(500);
        given().when().get("/api/v1/pipeline/" + fresh + "/sla").then().statusCode(200).body("breachedAt", nullValue());
        given().when().get("/api/v1/pipeline/" + leadId + "/sla").then().statusCode(200)
                .body("status", equalTo("BREACHED"))
                .body("clockStartedAt", at(registered))
                .body("deadline", at(registered.plus(Duration.ofHours(48))));
        as(zhao).body("{\"suggestedGrade\":\"中意向\",\"reason\":\"客户推迟了预算审批\"}")
                .when().post("/api/v1/pipeline/" + leadId + "/regrade-requests").then().statusCode(202);
        LeadEvent.FirstResponseSlaBreached breach = publishedUntil(leadId,
                e -> e.payload() instanceof LeadEvent.RegradeRequested).stream().map(EventEnvelope::payload)
                .filter(LeadEvent.FirstResponseSlaBreached.class::isInstance)
                .map(LeadEvent.FirstResponseSlaBreached.class::cast).findFirst().orElseThrow();
        assertThat(breach.clockStartedAt()).isEqualTo(registered);
        assertThat(breach.assignedAt()).isEqualTo(loaded);
        assertThat(breach.deadline()).isEqualTo(registered.plus(Duration.ofHours(48)));
    }
}
