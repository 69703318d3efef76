package io.leadflow.followup.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.leadflow.events.security.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Issue #7 §6: who did what to a lead and when, from the token of whoever did it. */
@QuarkusTest
class LeadHistoryTest extends FollowupTestSupport {

    @Test
    void theHistoryNamesWhoDidWhatAndWhenNewestFirst() {
        String li = newRep("li");
        String leadId = newLeadId();
        assign(leadId, li, "李销售", "HIGH", "TRADE_SHOW", Instant.now().minus(Duration.ofHours(1)));
        awaitOpenTasks(leadId, 2);
        String base = "/api/v1/pipeline/" + leadId;
        Instant before = Instant.now().minusSeconds(1);

        as(li, Roles.SALES).body("{\"method\":\"电话\",\"content\":\"介绍CRM系统核心功能\"}").when().post(base + "/followups")
                .then().statusCode(201);
        String weekly = given().queryParam("leadId", leadId).when().get("/api/v1/tasks").then().extract()
                .path("items.find { it.kind == 'WEEKLY_SYNC' }.id");
        String until = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(9).toString();
        as("manager-chen", Roles.SALES_MANAGER).body("{\"until\":\"" + until + "\",\"reason\":\"客户出差\"}")
                .when().post("/api/v1/tasks/" + weekly + "/snooze").then().statusCode(200)
                .body("snoozedBy", equalTo("manager-chen"));
        as(li, Roles.SALES).body("{\"note\":\"已同步进展\"}").when().post("/api/v1/tasks/" + weekly + "/complete")
                .then().statusCode(200).body("closedBy", equalTo(li));
        as(li, Roles.SALES).body("{\"stage\":\"需求确认\",\"reason\":\"客户确认预算\"}").when().post(base + "/stage")
                .then().statusCode(200);
        as(li, Roles.SALES).body("{\"suggestedGrade\":\"MEDIUM\",\"reason\":\"预算推迟\"}").when().post(base + "/regrade-requests")
                .then().statusCode(202);
        as("root", Roles.ADMIN).body("{\"outcome\":\"LOST\",\"reason\":\"BUDGET\"}").when().post(base + "/outcome")
                .then().statusCode(200).body("outcome.recordedBy", equalTo("root"))
                .body("outcome.recordedAt", org.hamcrest.Matchers.notNullValue());

        JsonPath history = as(li, Roles.SALES).when().get(base + "/history").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> items = history.getList("items");
        List<String> actions = items.stream().map(i -> (String) i.get("action")).toList();
        // Newest first: the outcome, with the open tasks it cancelled, then back to the first follow-up.
        assertThat(actions.get(0)).isIn("LOST", "TASK_CANCELLED");
        assertThat(actions).containsSubsequence("LOST", "REGRADE_REQUESTED", "STAGE_CHANGED", "TASK_COMPLETED",
                "TASK_SNOOZED", "FOLLOW_UP_LOGGED");
        assertThat(entry(items, "LOST").get("by")).isEqualTo("root");
        assertThat(entry(items, "LOST").get("from")).isEqualTo("NEEDS_CONFIRMED");
        assertThat(entry(items, "REGRADE_REQUESTED")).containsEntry("by", li).containsEntry("from", "HIGH")
                .containsEntry("to", "MEDIUM").containsEntry("detail", "预算推迟");
        assertThat(entry(items, "TASK_SNOOZED")).containsEntry("by", "manager-chen").containsEntry("ref", weekly)
                .containsEntry("detail", "客户出差");
        assertThat(entry(items, "FOLLOW_UP_LOGGED")).containsEntry("by", li).containsEntry("to", "DONE");
        assertThat(items.stream().filter(i -> "TASK_COMPLETED".equals(i.get("action"))).map(i -> i.get("by")))
                .contains(li);           // the weekly sync, and the first-response task the call completed
        assertThat(items.stream().filter(i -> "STAGE_CHANGED".equals(i.get("action"))).map(i -> i.get("to")))
                .contains("CONTACTED", "NEEDS_CONFIRMED");
        for (Map<String, Object> item : items) {
            Instant at = OffsetDateTime.parse((String) item.get("at")).toInstant();
            assertThat(at).as(item.toString()).isAfter(before).isBefore(Instant.now().plusSeconds(1));
        }
        assertThat(history.getInt("total")).isEqualTo(items.size());

        given().queryParam("size", 2).queryParam("page", 1).when().get(base + "/history").then().statusCode(200)
                .body("items.action", equalTo(actions.subList(2, 4))).body("total", equalTo(items.size()));
        as(newRep("zhao"), Roles.SALES).when().get(base + "/history").then().statusCode(404);
    }

    private static Map<String, Object> entry(List<Map<String, Object>> items, String action) {
        return items.stream().filter(i -> action.equals(i.get("action"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + action + " in " + items));
    }
}
