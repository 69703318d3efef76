package io.leadflow.followup.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.leadflow.events.contract.EventEnvelope;
import io.leadflow.events.contract.LeadEvent;
import io.leadflow.events.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The template's Table 2, logged by the owner; and every way a follow-up can be refused without half-writing it. */
@QuarkusTest
class FollowUpLogTest extends FollowupTestSupport {

    private static final Instant ASSIGNED = Instant.parse("2024-03-01T02:30:00Z");

    private static final String ROW_1 = """
            {"contactedAt":"2024-03-02","method":"电话","content":"介绍CRM系统核心功能,知晓预算范围",
             "feedback":"预算12万,需看详细方案","nextAction":"3月5日前发送定制方案","status":"已完成"}""";
    private static final String ROW_2 = """
            {"contactedAt":"2024-03-06","method":"邮件","content":"发送方案及案例,约定3月8日演示",
             "feedback":"方案需补充竞品对比","nextAction":"3月7日前更新方案,确认演示时间","status":"进行中"}""";

    @Test
    void labelsReadInTheTemplatesChineseUnlessTheReaderAsksForEnglish() {
        String leadId = newLeadId();
        String li = newRep("li");
        assign(leadId, li, "李销售", "HIGH", "TRADE_SHOW", ASSIGNED);
        awaitOpenTasks(leadId, 2);
        as(li).body(ROW_1).when().post("/api/v1/pipeline/" + leadId + "/followups").then().statusCode(201)
                .body("methodLabel", equalTo("电话")).body("statusLabel", equalTo("已完成"));

        given().queryParam("lang", "en").when().get("/api/v1/pipeline/" + leadId + "/followups").then().statusCode(200)
                .body("items[0].methodLabel", equalTo("Phone")).body("items[0].statusLabel", equalTo("Done"));
        given().header("Accept-Language", "en-US,en;q=0.9,zh;q=0.5").when().get("/api/v1/pipeline/" + leadId).then()
                .statusCode(200).body("stage", equalTo("CONTACTED")).body("stageLabel", equalTo("Contacted"));
        given().header("Accept-Language", "en;q=0.3,zh-CN").when().get("/api/v1/pipeline/" + leadId).then()
                .statusCode(200).body("stageLabel", equalTo("已联系"));
        given().when().get("/api/v1/pipeline/" + leadId).then().statusCode(200).body("stageLabel", equalTo("已联系"));
    }

    @Test
    void theTemplatesTwoTable2RowsAreLoggedAndTheirNextActionsBecomeTasks() {
        String leadId = newLeadId();
        String li = newRep("li");
        assign(leadId, li, "李销售", "HIGH", "TRADE_SHOW", ASSIGNED);
        awaitOpenTasks(leadId, 2);

        JsonPath first = as(li).header("Accept-Language", "zh-CN").body(ROW_1)
                .when().post("/api/v1/pipeline/" + leadId + "/followups").then().statusCode(201)
                .header("Location", containsString("/api/v1/pipeline/" + leadId + "/followups/"))
                .body("method", equalTo("PHONE")).body("methodLabel", equalTo("电话"))
                .body("status", equalTo("DONE")).body("statusLabel", equalTo("已完成"))
                .body("humanTouch", equalTo(true))
                .body("contactedAt", at("2024-03-02T18:00"))
                .body("nextActionDue", equalTo("2024-03-05"))
                .body("loggedBy", equalTo(li)).body("ownerName", equalTo("李销售"))
                .extract().jsonPath();
        as(li).body(ROW_2).when().post("/api/v1/pipeline/" + leadId + "/followups").then().statusCode(201)
                .body("method", equalTo("EMAIL")).body("status", equalTo("IN_PROGRESS"))
                .body("nextActionDue", equalTo("2024-03-07"));

        given().header("Accept-Language", "zh").when().get("/api/v1/pipeline/" + leadId + "/followups").then().statusCode(200)
                .body("total", equalTo(2))
                .body("items[0].methodLabel", equalTo("邮件")).body("items[0].statusLabel", equalTo("进行中"))
                .body("items[1].content", equalTo("介绍CRM系统核心功能,知晓预算范围"))
                .body("items[1].feedback", equalTo("预算12万,需看详细方案"));

        // The first call answered the lead within 48 h: the first-response task is done and the SLA met.
        given().when().get("/api/v1/pipeline/" + leadId + "/sla").then().statusCode(200)
                .body("status", equalTo("MET"))
                .body("firstResponseAt", at("2024-03-02T18:00"))
                .body("firstResponseBy", equalTo(li));
        JsonPath done = given().queryParam("leadId", leadId).queryParam("status", "DONE").when().get("/api/v1/tasks")
                .then().extract().jsonPath();
        assertThat(done.getList("items.kind", String.class)).containsExactly("FIRST_RESPONSE");
        JsonPath nextActions = given().queryParam("leadId", leadId).when().get("/api/v1/tasks").then().extract().jsonPath();
        assertThat(nextActions.getList("items.title", String.class))
                .containsExactly("3月5日前发送定制方案", "3月7日前更新方案,确认演示时间", "每周同步进展,及时解决客户疑虑");
        assertThat(nextActions.getString("items[0].dueAt")).is(new org.assertj.core.api.HamcrestCondition<>(at("2024-03-05T18:00")));
        assertThat(nextActions.getString("items[0].fromFollowUpId")).isEqualTo(first.getString("id"));
        given().when().get("/api/v1/pipeline/" + leadId).then().body("stage", equalTo("CONTACTED"));

        List<EventEnvelope> published = publishedUntil(leadId, e -> e.payload() instanceof LeadEvent.FollowUpLogged l
                && l.method().equals("EMAIL"));
        List<LeadEvent.FollowUpLogged> logged = published.stream().map(EventEnvelope::payload)
                .filter(LeadEvent.FollowUpLogged.class::isInstance).map(LeadEvent.FollowUpLogged.class::cast).toList();
        assertThat(logged).extracting(LeadEvent.FollowUpLogged::status).containsExactly("DONE", "IN_PROGRESS");
        assertThat(logged.get(0).humanTouch()).isTrue();
        assertThat(logged.get(0).nextActionDue()).isEqualTo(LocalDate.of(2024, 3, 5));
        assertThat(logged.get(0).ownerId()).isEqualTo(li);
        assertThat(published).anySatisfy(e -> assertThat(e.payload()).isInstanceOfSatisfying(LeadEvent.LeadStageChanged.class,
                s -> assertThat(s.toStage()).isEqualTo("CONTACTED")));
    }

    @Test
    void aManagerMayLogForTheOwnerButAnotherRepMayNot() {
        String leadId = newLeadId();
        String li = newRep("li");
        assign(leadId, li, "李销售", "HIGH", "TRADE_SHOW", ASSIGNED);
        awaitOpenTasks(leadId, 2);

        // Another rep is told the lead does not exist, exactly as for an unknown id, and never learns its owner.
        String unknown = newLeadId();
        String unknownDetail = as(newRep("zhao"), "sales").body(ROW_1).when().post("/api/v1/pipeline/" + unknown + "/followups")
                .then().statusCode(404).extract().path("detail");
        as(newRep("zhao"), "sales").body(ROW_1).when().post("/api/v1/pipeline/" + leadId + "/followups").then()
                .statusCode(404).contentType(startsWith("application/problem+json"))
                .body("detail", equalTo(unknownDetail.replace(unknown, leadId)))
                .body(not(containsString(li)));
        Tokens.anonymous().contentType("application/json").body(ROW_1).when().post("/api/v1/pipeline/" + leadId + "/followups")
                .then().statusCode(401).contentType(startsWith("application/problem+json"));
        as("manager-chen", "sales-manager").body(ROW_1).when().post("/api/v1/pipeline/" + leadId + "/followups").then()
                .statusCode(201).body("loggedBy", equalTo("manager-chen")).body("ownerId", equalTo(li));
    }

    @Test
    void badFollowUpsAreRefusedWithTheFieldAndNothingIsWritten() {
        String leadId = newLeadId();
        String li = newRep("li");
        assign(leadId, li, "李销售", "HIGH", "TRADE_SHOW", ASSIGNED);
        awaitOpenTasks(leadId, 2);
        String url = "/api/v1/pipeline/" + leadId + "/followups";

        as(li).body("""
                {"contactedAt":"2024-03-06","method":"电话","content":"确认需求","nextAction":"发送合同","nextActionDue":"2024-03-05"}""")
                .when().post(url).then().statusCode(400)
                .body("errors.field", hasItem("nextActionDue"))
                .body("errors.message", hasItem(containsString("before the follow-up")));
        as(li).body("{\"method\":\"信鸽\",\"content\":\"x\"}").when().post(url).then().statusCode(400)
                .body("errors[0].field", equalTo("method")).body("errors[0].message", containsString("PHONE (电话)"));
        as(li).body("{\"method\":\"电话\",\"content\":\"x\",\"contactedAt\":\"2099-01-01T10:00:00+08:00\"}").when().post(url)
                .then().statusCode(400).body("errors[0].field", equalTo("contactedAt"));
        as(li).body("{\"method\":\"电话\",\"status\":\"已完成\"}").when().post(url).then().statusCode(400)
                .body("errors[0].field", equalTo("content"));
        as(li).body("{\"method\":\"电话\",\"content\":\"x\",\"status\":\"maybe\"}").when().post(url).then().statusCode(400)
                .body("errors[0].field", equalTo("status"));
        as(li).body("{\"method\":\"电话\",\"content\":\"x\",\"contactedAt\":\"yesterday\"}").when().post(url).then().statusCode(400)
                .body("errors[0].field", equalTo("contactedAt"));
        as(li).body("{\"method\":\"电话\",\"content\":\"x\",\"nextActionDue\":\"2024-13-45\"}").when().post(url).then().statusCode(400);
        as(li).body("{\"method\":\"电话\",\"content\":\"x\",\"taskId\":\"T-nope\"}").when().post(url).then().statusCode(400)
                .body("errors[0].field", equalTo("taskId"));
        as(li).body("{oops").when().post(url).then().statusCode(400);

        given().when().get(url).then().statusCode(200).body("total", equalTo(0));
        given().when().get("/api/v1/pipeline/" + leadId + "/sla").then().body("status", equalTo("BREACHED"));
        assertThat(openTaskKinds(leadId)).containsExactly("FIRST_RESPONSE", "WEEKLY_SYNC");
    }

    @Test
    void aFollowUpForAnUnknownLeadIsNotFound() {
        String unknown = newLeadId();
        as(newRep("li")).body(ROW_1).when().post("/api/v1/pipeline/" + unknown + "/followups").then()
                .statusCode(404).contentType(startsWith("application/problem+json"))
                .body("detail", containsString(unknown));
        given().when().get("/api/v1/pipeline/" + unknown + "/followups").then().statusCode(404);
        given().when().get("/api/v1/pipeline/" + unknown + "/sla").then().statusCode(404);
    }
}
