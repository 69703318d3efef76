package io.leadflow.followup.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.leadflow.events.contract.EventEnvelope;
import io.leadflow.events.contract.LeadEvent;
import io.quarkus.test.junit.QuarkusTest;

/** Stages with their allowed moves, won and lost with their facts, reopening, and regrade requests. */
@QuarkusTest
class StagesAndOutcomesTest extends FollowupTestSupport {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));

    private String assignedLead(String owner, String grade) {
        String leadId = newLeadId();
        assign(leadId, owner, "李销售", grade, "TRADE_SHOW", Instant.now().minus(Duration.ofHours(1)));
        awaitOpenTasks(leadId, grade.equals("HIGH") ? 2 : grade.equals("MEDIUM") ? 2 : 1);
        return leadId;
    }

    @Test
    void aLeadMovesThroughTheStagesAndIsWonWithItsAmountAndFactors() {
        String li = newRep("li");
        String leadId = assignedLead(li, "HIGH");
        String base = "/api/v1/pipeline/" + leadId;

        as(li).body("{\"stage\":\"已联系\",\"reason\":\"首次电话完成\"}").when().post(base + "/stage").then().statusCode(200)
                .body("stage", equalTo("CONTACTED"))
                .body("allowedNextStages", hasItems("NEEDS_CONFIRMED", "NURTURING"));
        as(li).body("{\"stage\":\"NEGOTIATION\"}").when().post(base + "/stage").then().statusCode(409)
                .body("detail", containsString("may move to NEEDS_CONFIRMED, NURTURING"));
        as(li).body("{\"stage\":\"WON\"}").when().post(base + "/stage").then().statusCode(409)
                .body("detail", containsString("/outcome"));
        as(li).body("{\"stage\":\"somewhere\"}").when().post(base + "/stage").then().statusCode(400)
                .body("errors[0].field", equalTo("stage"));
        as(newRep("zhao")).body("{\"stage\":\"NEEDS_CONFIRMED\"}").when().post(base + "/stage").then().statusCode(404);
        as(li).body("{\"stage\":\"NEEDS_CONFIRMED\"}").when().post(base + "/stage").then().statusCode(200);
        // 方案 is still understood; the lead reads the suite's word for the stage.
        as(li).header("Accept-Language", "zh").body("{\"stage\":\"方案\"}").when().post(base + "/stage").then().statusCode(200)
                .body("stage", equalTo("PROPOSAL")).body("stageLabel", equalTo("方案报价"));

        as(li).body("""
                {"outcome":"成交","on":"%s","amount":{"amount":120000},"winFactors":["现场互动强","需求明确"]}"""
                .formatted(TODAY)).when().post(base + "/outcome").then().statusCode(200)
                .body("stage", equalTo("WON"))
                .body("outcome.outcome", equalTo("WON"))
                .body("outcome.currency", equalTo("CNY"))
                .body("outcome.winFactors", equalTo(List.of("现场互动强", "需求明确")))
                .body("openTasks", equalTo(0));

        as(li).body("{\"outcome\":\"LOST\",\"reason\":\"BUDGET\"}").when().post(base + "/outcome").then().statusCode(409)
                .body("detail", containsString("already WON"));
        as(li).body("{\"stage\":\"NURTURING\"}").when().post(base + "/stage").then().statusCode(409);

        List<EventEnvelope> published = publishedUntil(leadId, e -> e.payload() instanceof LeadEvent.LeadWon);
        LeadEvent.LeadWon won = (LeadEvent.LeadWon) published.get(published.size() - 1).payload();
        assertThat(won.amount().amount()).isEqualByComparingTo(new BigDecimal("120000"));
        assertThat(won.amount().currency()).isEqualTo("CNY");
        assertThat(won.winFactors()).containsExactly("现场互动强", "需求明确");
        assertThat(won.wonOn()).isEqualTo(TODAY);
        assertThat(won.ownerId()).isEqualTo(li);
        assertThat(published).filteredOn(e -> e.payload() instanceof LeadEvent.LeadStageChanged)
                .extracting(e -> ((LeadEvent.LeadStageChanged) e.payload()).toStage())
                .containsExactly("CONTACTED", "NEEDS_CONFIRMED", "PROPOSAL", "WON");
    }

    @Test
    void aLostLeadNeedsAReasonFromTheListAndCanBeReopened() {
        String li = newRep("li");
        String leadId = assignedLead(li, "MEDIUM");
        String base = "/api/v1/pipeline/" + leadId;

        as(li).body("{\"outcome\":\"LOST\",\"reason\":\"bad luck\"}").when().post(base + "/outcome").then().statusCode(400)
                .body("errors[0].field", equalTo("reason")).body("errors[0].message", containsString("BUDGET"));
        as(li).body("{\"outcome\":\"LOST\",\"reason\":\"OTHER\"}").when().post(base + "/outcome").then().statusCode(400)
                .body("errors[0].field", equalTo("note"));
        as(li).body("{\"outcome\":\"LOST\",\"reason\":\"BUDGET\",\"on\":\"2024-02-20\"}").when().post(base + "/outcome")
                .then().statusCode(400).body("errors[0].message", containsString("before the lead was registered (2024-03-01)"));
        as(li).body("{\"outcome\":\"LOST\",\"reason\":\"BUDGET\",\"on\":\"%s\"}".formatted(TODAY.plusDays(2)))
                .when().post(base + "/outcome").then().statusCode(400).body("errors[0].field", equalTo("on"));
        as(li).body("{\"outcome\":\"WON\",\"amount\":{\"amount\":-5,\"currency\":\"人民币\"}}").when().post(base + "/outcome")
                .then().statusCode(400).body("errors.field", hasItems("amount.amount", "amount.currency", "winFactors"));
        as(li).body("{\"outcome\":\"maybe\"}").when().post(base + "/outcome").then().statusCode(400);
        given().when().get(base).then().body("stage", equalTo("NEW")).body("openTasks", equalTo(2));

        as(li).body("{\"outcome\":\"流失\",\"reason\":\"预算不足\",\"note\":\"预算不足, 明年再议\",\"on\":\"2024-04-10\"}")
                .when().post(base + "/outcome").then().statusCode(200)
                .body("stage", equalTo("LOST")).body("outcome.reason", equalTo("BUDGET"))
                .body("outcome.on", equalTo("2024-04-10")).body("openTasks", equalTo(0));
        LeadEvent.LeadLost lost = (LeadEvent.LeadLost) publishedUntil(leadId, e -> e.payload() instanceof LeadEvent.LeadLost)
                .stream().reduce((a, b) -> b).orElseThrow().payload();
        assertThat(lost.reason()).isEqualTo("BUDGET");
        assertThat(lost.lostOn()).isEqualTo(LocalDate.of(2024, 4, 10));
        assertThat(lost.note()).isEqualTo("预算不足, 明年再议");

        as(li).body("{\"stage\":\"NURTURING\"}").when().post(base + "/stage").then().statusCode(400)
                .body("errors[0].field", equalTo("reason"));
        as(li).body("{\"stage\":\"NURTURING\",\"reason\":\"客户新财年有了预算\"}").when().post(base + "/stage").then()
                .statusCode(200).body("stage", equalTo("NURTURING"))
                .body("stageHistory[-1].reopened", equalTo(true))
                .body("stageHistory[-1].reason", containsString("客户新财年有了预算"))
                .body("openTasks", equalTo(2));
    }

    @Test
    void aRegradeRequestGoesToRouting() {
        String li = newRep("li");
        String leadId = assignedLead(li, "MEDIUM");
        String url = "/api/v1/pipeline/" + leadId + "/regrade-requests";

        as(li).body("{\"suggestedGrade\":\"中意向\",\"reason\":\"x\"}").when().post(url).then().statusCode(409)
                .body("detail", containsString("already graded MEDIUM"));
        as(li).body("{\"suggestedGrade\":\"??\"}").when().post(url).then().statusCode(400)
                .body("errors.field", hasItems("suggestedGrade", "reason"));
        as(newRep("zhao")).body("{\"suggestedGrade\":\"HIGH\",\"reason\":\"x\"}").when().post(url).then().statusCode(404);
        as(li).body("{\"suggestedGrade\":\"高意向\",\"reason\":\"客户明确了预算和上线时间\"}").when().post(url).then()
                .statusCode(202).body("suggestedGrade", equalTo("HIGH")).body("currentGrade", equalTo("MEDIUM"));

        LeadEvent.RegradeRequested request = (LeadEvent.RegradeRequested) publishedUntil(leadId,
                e -> e.payload() instanceof LeadEvent.RegradeRequested).stream().reduce((a, b) -> b).orElseThrow().payload();
        assertThat(request.requestedGrade()).isEqualTo("HIGH");
        assertThat(request.requestedBy()).isEqualTo(li);
        assertThat(request.reason()).isEqualTo("客户明确了预算和上线时间");
    }

    @Test
    void theLostReasonsAreListed() {
        given().when().get("/api/v1/lost-reasons").then().statusCode(200)
                .body("items", hasItem("SLOW_RESPONSE")).body("items", hasItem("OTHER"))
                .body("total", org.hamcrest.Matchers.greaterThanOrEqualTo(7));
        given().when().get("/api/v1/pipeline/" + newLeadId()).then().statusCode(404);
    }
    /**
     * Staff merged the lead into the one it duplicates: its open tasks are cancelled and announced, nothing more is
     * logged, moved or closed on it, and an assignment read after the merge starts no cadence.
     */
    @Test
    void aLeadMergedIntoAnotherCancelsItsTasksAndSendsTheWorkThere() {
        String li = newRep("li");
        String leadId = assignedLead(li, "HIGH");
        String survivor = newLeadId();
        String base = "/api/v1/pipeline/" + leadId;

        send(intake(leadId, Instant.now(), new LeadEvent.LeadMerged(survivor, "manager-wang")));
        awaitOpenTasks(leadId, 0);
        List<LeadEvent.FollowUpTaskClosed> closed = publishedUntil(leadId, e -> e.payload()
                instanceof LeadEvent.FollowUpTaskClosed c && "CANCELLED".equals(c.status())).stream()
                .map(EventEnvelope::payload).filter(LeadEvent.FollowUpTaskClosed.class::isInstance)
                .map(LeadEvent.FollowUpTaskClosed.class::cast).toList();
        assertThat(closed).isNotEmpty().allSatisfy(c -> assertThat(c.closedBy()).isEqualTo("manager-wang"));
        given().when().get(base).then().statusCode(200)
                .body("mergedInto", equalTo(survivor))
                .body("allowedNextStages", org.hamcrest.Matchers.empty())
                .body("openTasks", equalTo(0));
        as(li).body("""
                {"contactedAt":"%s","method":"电话","content":"又打了一次","status":"已完成"}""".formatted(TODAY))
                .when().post(base + "/followups").then().statusCode(409)
                .body("detail", containsString("merged into " + survivor));
        as(li).body("{\"stage\":\"已联系\"}").when().post(base + "/stage").then().statusCode(409)
                .body("detail", containsString("merged into " + survivor));
        as(li).body("{\"outcome\":\"LOST\",\"reason\":\"OTHER\"}").when().post(base + "/outcome").then()
                .statusCode(409);

        // Topics are not ordered with each other: the merge read before the assignment still wins.
        String early = newLeadId();
        send(intake(early, Instant.now(), new LeadEvent.LeadMerged(survivor, "manager-wang")));
        assign(early, li, "李销售", "HIGH", "TRADE_SHOW", Instant.now());
        await("the assignment of " + early + " read", () -> li.equals(given().get("/api/v1/pipeline/" + early)
                .jsonPath().getString("ownerId")));
        assertThat(openTaskKinds(early)).isEmpty();
    }
}
