package io.leadflow.followup.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.leadflow.events.contract.EventEnvelope;
import io.leadflow.events.contract.LeadEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Routing's events drive the owner's task list: assignment, reassignment, regrade, erasure, in any order. */
@QuarkusTest
class AssignmentSchedulesTasksTest extends FollowupTestSupport {

    private static JsonPath tasksOf(String leadId, String status) {
        return given().queryParam("leadId", leadId).queryParam("status", status).when().get("/api/v1/tasks")
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aHighIntentAssignmentSchedulesTheFirstResponseIn48HoursAndAWeeklySync() {
        String leadId = newLeadId();
        String owner = newRep("li");
        Instant assignedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        assign(leadId, owner, "李销售", "HIGH", "TRADE_SHOW", assignedAt);

        awaitOpenTasks(leadId, 2);
        JsonPath tasks = tasksOf(leadId, "OPEN");
        assertThat(tasks.getList("items.kind", String.class)).containsExactly("FIRST_RESPONSE", "WEEKLY_SYNC");
        assertThat(tasks.getList("items.ownerId", String.class)).containsOnly(owner);
        assertThat(OffsetDateTime.parse(tasks.getString("items[0].dueAt")).toInstant()).isEqualTo(assignedAt.plus(Duration.ofHours(48)));
        assertThat(tasks.getString("items[0].dueAt")).as("UTC, milliseconds").matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
        assertThat(OffsetDateTime.parse(tasks.getString("items[1].dueAt")).toInstant()).isEqualTo(assignedAt.plus(Duration.ofDays(7)));

        List<EventEnvelope> published = publishedUntil(leadId, e -> e.payload() instanceof LeadEvent.FollowUpScheduled s
                && s.kind().equals("WEEKLY_SYNC"));
        assertThat(published).extracting(e -> ((LeadEvent.FollowUpScheduled) e.payload()).kind())
                .containsExactly("FIRST_RESPONSE", "WEEKLY_SYNC");
        LeadEvent.FollowUpScheduled first = (LeadEvent.FollowUpScheduled) published.get(0).payload();
        assertThat(first.ownerId()).isEqualTo(owner);
        assertThat(first.grade()).isEqualTo("HIGH");
        assertThat(first.dueAt()).isEqualTo(assignedAt.plus(Duration.ofHours(48)));
    }

    @Test
    void aWebsiteFormLeadMustBeAnsweredWithin24Hours() {
        String leadId = newLeadId();
        Instant assignedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        assign(leadId, newRep("zhao"), "赵销售", "MEDIUM", "WEBSITE_FORM", assignedAt);

        awaitOpenTasks(leadId, 3);
        assertThat(openTaskKinds(leadId)).containsExactly("FIRST_RESPONSE", "WEEKLY_TOUCH", "MONTHLY_INVITATION");
        given().when().get("/api/v1/pipeline/" + leadId + "/sla").then().statusCode(200)
                .body("status", equalTo("RUNNING"))
                .body("deadline", at(assignedAt.plus(Duration.ofHours(24))));
    }

    @Test
    void reassignmentMovesOpenTasksToTheNewOwner() {
        String leadId = newLeadId();
        String li = newRep("li");
        String zhao = newRep("zhao");
        Instant assignedAt = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
        assign(leadId, li, "李销售", "HIGH", "TRADE_SHOW", assignedAt);
        awaitOpenTasks(leadId, 2);

        send(routing(leadId, assignedAt.plus(Duration.ofHours(1)),
                new LeadEvent.LeadReassigned(li, zhao, "赵销售", "HIGH", "李销售 on leave until 2024-03-20")));

        await("tasks moved to " + zhao, () -> given().queryParam("ownerId", zhao).when().get("/api/v1/tasks")
                .then().extract().jsonPath().getList("items").size() == 2);
        assertThat(given().queryParam("ownerId", li).when().get("/api/v1/tasks").then().extract().jsonPath().getList("items")).isEmpty();
        given().when().get("/api/v1/pipeline/" + leadId).then().statusCode(200)
                .body("ownerId", equalTo(zhao)).body("ownerName", equalTo("赵销售"))
                // The SLA clock keeps running from the first assignment: a reassignment does not buy time.
                .body("sla.deadline", at(assignedAt.plus(Duration.ofHours(48))));
    }

    /** A rep's finished tasks of a lead that moved on keep what they did, but no longer name the customer. */
    @Test
    void aPastOwnerNoLongerReadsTheCustomerOnTheirOldTasks() {
        String leadId = newLeadId();
        String li = newRep("li");
        String zhao = newRep("zhao");
        Instant at = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
        send(intake(leadId, at.minusSeconds(60), new LeadEvent.LeadQualified(profile("TRADE_SHOW", at.minusSeconds(120)), 3)));
        assign(leadId, li, "李销售", "HIGH", "TRADE_SHOW", at);
        awaitOpenTasks(leadId, 2);
        String weekly = tasksOf(leadId, "OPEN").getString("items.find { it.kind == 'WEEKLY_SYNC' }.id");
        io.leadflow.events.testing.Tokens.as(li, "sales").contentType("application/json").body("{\"note\":\"已同步\"}")
                .post("/api/v1/tasks/" + weekly + "/complete").then().statusCode(200)
                .body("customerName", equalTo("星辰科技有限公司"));

        send(routing(leadId, at.plus(Duration.ofHours(1)),
                new LeadEvent.LeadReassigned(li, zhao, "赵销售", "HIGH", "李销售 on leave until 2024-03-20")));
        await("tasks moved to " + zhao, () -> given().queryParam("ownerId", zhao).when().get("/api/v1/tasks")
                .then().extract().jsonPath().getList("items").size() >= 1);

        JsonPath mine = io.leadflow.events.testing.Tokens.as(li, "sales").queryParam("status", "ALL")
                .get("/api/v1/tasks").then().statusCode(200).extract().jsonPath();
        assertThat(mine.getList("items.id", String.class)).contains(weekly);
        assertThat(mine.getList("items.customerName")).containsOnlyNulls();
        assertThat(mine.getList("items.contactName")).containsOnlyNulls();
        JsonPath theirs = io.leadflow.events.testing.Tokens.as(zhao, "sales").queryParam("leadId", leadId)
                .queryParam("status", "OPEN").get("/api/v1/tasks").then().statusCode(200).extract().jsonPath();
        assertThat(theirs.getList("items.customerName", String.class)).containsOnly("星辰科技有限公司");
        assertThat(tasksOf(leadId, "ALL").getList("items.customerName", String.class)).containsOnly("星辰科技有限公司");
    }

    @Test
    void aRegradeReschedulesTheCadence() {
        String leadId = newLeadId();
        Instant assignedAt = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);
        assign(leadId, newRep("wang"), "王销售", "MEDIUM", "TRADE_SHOW", assignedAt);
        awaitOpenTasks(leadId, 2);

        Instant regradedAt = assignedAt.plus(Duration.ofHours(1));
        send(routing(leadId, regradedAt, new LeadEvent.LeadGraded("HIGH", 85, List.of(), 2, false, "MEDIUM", "客户明确了预算和上线时间")));

        await("HIGH cadence", () -> openTaskKinds(leadId).contains("WEEKLY_SYNC"));
        JsonPath open = tasksOf(leadId, "OPEN");
        assertThat(open.getList("items.kind", String.class)).containsExactly("FIRST_RESPONSE", "WEEKLY_SYNC");
        assertThat(open.getList("items.grade", String.class)).containsOnly("HIGH");
        assertThat(OffsetDateTime.parse(open.getString("items[1].dueAt")).toInstant()).isEqualTo(regradedAt.plus(Duration.ofDays(7)));
        JsonPath cancelled = tasksOf(leadId, "CANCELLED");
        assertThat(cancelled.getList("items.kind", String.class)).containsExactlyInAnyOrder("WEEKLY_TOUCH", "MONTHLY_INVITATION");
        assertThat(cancelled.getString("items[0].closeReason")).contains("MEDIUM → HIGH");
    }

    @Test
    void aRegradeThatArrivesBeforeTheAssignmentIsNotLost() {
        String leadId = newLeadId();
        Instant assignedAt = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);
        // The later regrade is delivered first; the assignment still carries the older grade.
        send(routing(leadId, assignedAt.plus(Duration.ofMinutes(30)),
                new LeadEvent.LeadGraded("HIGH", 88, List.of(), 2, false, "LOW", "需求明确")));
        await("regrade applied", () -> given().when().get("/api/v1/pipeline/" + leadId).statusCode() == 200);
        assign(leadId, newRep("sun"), "孙销售", "LOW", "TRADE_SHOW", assignedAt);

        awaitOpenTasks(leadId, 2);
        assertThat(openTaskKinds(leadId)).containsExactly("FIRST_RESPONSE", "WEEKLY_SYNC");
        given().when().get("/api/v1/pipeline/" + leadId).then().body("grade", equalTo("HIGH"));
    }

    @Test
    void theProfileFromIntakeShowsOnTasksWhicheverArrivesFirst() {
        String leadId = newLeadId();
        Instant at = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        assign(leadId, newRep("li"), "李销售", "HIGH", "TRADE_SHOW", at);
        awaitOpenTasks(leadId, 2);
        send(intake(leadId, at.minusSeconds(60), new LeadEvent.LeadQualified(profile("TRADE_SHOW", at.minusSeconds(120)), 3)));

        await("profile applied", () -> "星辰科技有限公司".equals(tasksOf(leadId, "OPEN").getString("items[0].customerName")));
        assertThat(tasksOf(leadId, "OPEN").getString("items[0].contactName")).isEqualTo("张经理");
    }

    @Test
    void erasureRemovesPersonalDataAndClosesTasksButKeepsTheFacts() {
        String leadId = newLeadId();
        String owner = newRep("li");
        Instant at = Instant.now().minus(Duration.ofHours(5)).truncatedTo(ChronoUnit.SECONDS);
        send(intake(leadId, at.minusSeconds(300), new LeadEvent.LeadQualified(profile("TRADE_SHOW", at.minusSeconds(600)), 3)));
        assign(leadId, owner, "李销售", "HIGH", "TRADE_SHOW", at);
        awaitOpenTasks(leadId, 2);
        as(owner).body("""
                {"method":"电话","content":"介绍CRM系统核心功能,知晓预算范围","feedback":"预算12万,需看详细方案",
                 "nextAction":"发送定制方案给张经理","nextActionDue":"%s","status":"已完成"}"""
                .formatted(java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).plusDays(3)))
                .when().post("/api/v1/pipeline/" + leadId + "/followups").then().statusCode(201);

        send(intake(leadId, Instant.now(), new LeadEvent.LeadErased("admin@leadflow.io", "客户要求删除个人信息")));

        await("lead erased", () -> given().when().get("/api/v1/pipeline/" + leadId).then().extract().jsonPath().getBoolean("erased"));
        given().when().get("/api/v1/pipeline/" + leadId).then()
                .body("customerName", nullValue()).body("contactName", nullValue()).body("openTasks", equalTo(0));
        given().when().get("/api/v1/pipeline/" + leadId + "/followups").then().statusCode(200)
                .body("items[0].method", equalTo("PHONE"))
                .body("items[0].status", equalTo("DONE"))
                .body("items[0].content", nullValue())
                .body("items[0].feedback", nullValue())
                .body("items[0].nextAction", nullValue());
        given().queryParam("leadId", leadId).queryParam("status", "ALL").when().get("/api/v1/tasks").then()
                .body("items.status", everyItem(org.hamcrest.Matchers.not(equalTo("OPEN"))))
                .body("items.customerName", everyItem(nullValue()));
        as(owner).body("{\"method\":\"电话\",\"content\":\"再次联系\"}")
                .when().post("/api/v1/pipeline/" + leadId + "/followups").then().statusCode(409);
    }
}
