package io.leadflow.followup.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;

import io.leadflow.events.security.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** An owner's list: overdue, today, this week; completing, snoozing, and refusing what makes no sense. */
@QuarkusTest
class TaskListTest extends FollowupTestSupport {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private static JsonPath tasks(String ownerId, String due) {
        var request = given().queryParam("ownerId", ownerId);
        if (due != null) {
            request = request.queryParam("due", due);
        }
        return request.when().get("/api/v1/tasks").then().statusCode(200).extract().jsonPath();
    }

    private static String taskId(String ownerId, String kind) {
        JsonPath all = tasks(ownerId, null);
        int i = all.getList("items.kind", String.class).indexOf(kind);
        assertThat(i).as(kind + " on " + ownerId + "'s list").isNotNegative();
        return all.getString("items[" + i + "].id");
    }

    @Test
    void theListShowsWhatIsOverdueDueTodayAndDueThisWeek() {
        String li = newRep("li");
        String leadId = newLeadId();
        assign(leadId, li, "李销售", "HIGH", "TRADE_SHOW", Instant.now().minus(Duration.ofHours(49)));
        awaitOpenTasks(leadId, 2);
        as(li).body("{\"method\":\"电话\",\"content\":\"沟通方案细节\",\"nextAction\":\"发送报价单\",\"nextActionDue\":\"%s\"}"
                .formatted(LocalDate.now(SHANGHAI))).when().post("/api/v1/pipeline/" + leadId + "/followups").then().statusCode(201);

        assertThat(tasks(li, "overdue").getList("items.kind", String.class)).doesNotContain("WEEKLY_SYNC");
        assertThat(tasks(li, "today").getList("items.kind", String.class)).contains("NEXT_ACTION").doesNotContain("WEEKLY_SYNC");
        assertThat(tasks(li, "week").getList("items.kind", String.class)).contains("NEXT_ACTION", "WEEKLY_SYNC");
        assertThat(tasks(li, null).getList("items.kind", String.class)).containsExactly("NEXT_ACTION", "WEEKLY_SYNC");
        JsonPath week = tasks(li, "week");
        assertThat(week.getString("items[0].title")).isEqualTo("发送报价单");
    }

    @Test
    void anOverdueFirstResponseIsOnTheOverdueList() {
        String li = newRep("li");
        String leadId = newLeadId();
        assign(leadId, li, "李销售", "HIGH", "WEBSITE_FORM", Instant.now().minus(Duration.ofHours(25)));
        awaitOpenTasks(leadId, 2);

        JsonPath overdue = tasks(li, "overdue");
        assertThat(overdue.getList("items.kind", String.class)).containsExactly("FIRST_RESPONSE");
        assertThat(overdue.getBoolean("items[0].overdue")).isTrue();
        as(li).body("{}").when().post("/api/v1/tasks/" + overdue.getString("items[0].id") + "/complete").then()
                .statusCode(409).body("detail", containsString("/followups"));
        given().queryParam("ownerId", li).when().get("/api/v1/sla/overdue-touches").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].leadId", equalTo(leadId));
    }

    @Test
    void completingARecurringTouchSchedulesTheNextOne() {
        String li = newRep("li");
        String leadId = newLeadId();
        assign(leadId, li, "李销售", "LOW", "SOCIAL_MEDIA", Instant.now().minus(Duration.ofDays(40)));
        awaitOpenTasks(leadId, 1);
        String newsletter = taskId(li, "MONTHLY_NEWSLETTER");

        // Someone else's task is answered as an unknown one.
        as(newRep("zhao")).body("{}").when().post("/api/v1/tasks/" + newsletter + "/complete").then().statusCode(404)
                .body("detail", equalTo("Task " + newsletter + " does not exist"));
        as(li).body("{\"note\":\"已推送三月行业资讯\"}").when().post("/api/v1/tasks/" + newsletter + "/complete").then()
                .statusCode(200).body("status", equalTo("DONE")).body("closeReason", equalTo("已推送三月行业资讯"));
        as(li).body("{}").when().post("/api/v1/tasks/" + newsletter + "/complete").then().statusCode(409);

        JsonPath open = tasks(li, null);
        assertThat(open.getList("items.kind", String.class)).containsExactly("MONTHLY_NEWSLETTER");
        assertThat(open.getString("items[0].id")).isNotEqualTo(newsletter);
        Instant nextDue = OffsetDateTime.parse(open.getString("items[0].dueAt")).toInstant();
        assertThat(nextDue).isCloseTo(Instant.now().atZone(SHANGHAI).plusMonths(1).toInstant(), within(5, ChronoUnit.MINUTES));
    }

    @Test
    void aTaskIsSnoozedWithAReason() {
        String li = newRep("li");
        String leadId = newLeadId();
        assign(leadId, li, "李销售", "HIGH", "TRADE_SHOW", Instant.now().minus(Duration.ofHours(2)));
        awaitOpenTasks(leadId, 2);
        String sync = taskId(li, "WEEKLY_SYNC");
        String url = "/api/v1/tasks/" + sync + "/snooze";
        LocalDate until = LocalDate.now(SHANGHAI).plusDays(10);

        as(li).body("{\"until\":\"%s\"}".formatted(until)).when().post(url).then().statusCode(400)
                .body("errors[0].field", equalTo("reason"));
        as(li).body("{\"until\":\"2020-01-01\",\"reason\":\"客户出差\"}").when().post(url).then().statusCode(400)
                .body("errors[0].field", equalTo("until"));
        as(li).body("{\"until\":\"next week\",\"reason\":\"客户出差\"}").when().post(url).then().statusCode(400)
                .body("errors[0].field", equalTo("until"));
        as(li).body("{\"until\":\"%s\",\"reason\":\"客户出差,下周回来\"}".formatted(until)).when().post(url).then()
                .statusCode(200)
                .body("dueAt", at(until.atTime(18, 0).toString()))
                .body("snoozeCount", equalTo(1))
                .body("snoozeReason", equalTo("客户出差,下周回来"));
    }

    @Test
    void badListParametersAndUnknownTasksAreProblems() {
        given().queryParam("due", "yesterday").when().get("/api/v1/tasks").then().statusCode(400)
                .body("errors[0].field", equalTo("due"));
        given().queryParam("status", "BOGUS").when().get("/api/v1/tasks").then().statusCode(400)
                .body("errors[0].field", equalTo("status"));
        given().queryParam("size", 1000).when().get("/api/v1/tasks").then().statusCode(400);
        as(newRep("li")).body("{}").when().post("/api/v1/tasks/T-unknown/complete").then().statusCode(404);
        as(newRep("li")).body("{\"until\":\"2099-01-01\",\"reason\":\"x\"}").when().post("/api/v1/tasks/T-unknown/snooze")
                .then().statusCode(404);
    }

    @Test
    void aChangeMadeOnAStaleReadOfTheTaskIsRefused() {
        String li = newRep("li");
        String leadId = newLeadId();
        assign(leadId, li, "李销售", "HIGH", "TRADE_SHOW", Instant.now());
        awaitOpenTasks(leadId, 2);
        String weekly = taskId(li, "WEEKLY_SYNC");

        String read = as(li).when().get("/api/v1/tasks/" + weekly).then().statusCode(200)
                .body("id", equalTo(weekly)).body("status", equalTo("OPEN")).extract().header("ETag");
        assertThat(read).startsWith("\"");
        // The manager puts it off first; the rep's completion, made on what they read before, is refused.
        String snoozed = as("manager-chen", Roles.SALES_MANAGER).header("If-Match", read)
                .body("{\"until\":\"%s\",\"reason\":\"客户出差\"}".formatted(LocalDate.now(SHANGHAI).plusDays(3)))
                .when().post("/api/v1/tasks/" + weekly + "/snooze").then().statusCode(200)
                .body("snoozeCount", equalTo(1)).extract().header("ETag");
        assertThat(snoozed).isNotEqualTo(read);
        as(li).header("If-Match", read).body("{}").when().post("/api/v1/tasks/" + weekly + "/complete").then()
                .statusCode(412).contentType(startsWith("application/problem+json")).header("ETag", snoozed);
        as(li).header("If-Match", "garbage").body("{}").when().post("/api/v1/tasks/" + weekly + "/complete").then()
                .statusCode(412);
        as(li).header("If-Match", snoozed).body("{}").when().post("/api/v1/tasks/" + weekly + "/complete").then()
                .statusCode(200).body("status", equalTo("DONE"));
        // Another rep is told the task does not exist.
        as(newRep("zhao")).when().get("/api/v1/tasks/" + weekly).then().statusCode(404);
    }
}
