package io.leadflow.analytics.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.leadflow.analytics.it.EventFeed.Story;
import io.leadflow.events.contract.EventEnvelope;
import io.leadflow.events.security.Roles;
import io.leadflow.events.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Eight leads whose every number is worked out by hand below, fed as shuffled, partly duplicated events; the
 * conversion, funnel, response-time, cohort and lead-export tables must match.
 */
@QuarkusTest
class ConversionTablesTest {

    @BeforeEach
    void signedInAsAnAdmin() {
        Tokens.useByDefault("test-admin", Roles.ADMIN);
    }

    @Inject
    EventFeed feed;

    @Test
    void tablesMatchNumbersComputedByHand() {
        LocalDate month = EventFeed.privateMonth();
        String a = "rep-a-" + UUID.randomUUID();
        String b = "rep-b-" + UUID.randomUUID();
        List<EventEnvelope> events = new ArrayList<>();
        // 展会: two high-intent leads won after 10 and 20 days; two medium ones, one lost on budget, one breached.
        events.addAll(new Story("TRADE_SHOW", month).captured("SOFTWARE", "上海").graded("HIGH").assigned(a)
                .firstResponseAfterMinutes(120).stage("CONTACTED", "NEEDS_CONFIRMED", 24)
                .stage("NEEDS_CONFIRMED", "PROPOSAL", 72).wonAfterDays(10, 100_000, "现场互动强").events());
        events.addAll(new Story("TRADE_SHOW", month).captured("SOFTWARE", "上海").graded("HIGH").assigned(a)
                .firstResponseAfterMinutes(180).wonAfterDays(20, 50_000, "现场互动强", "需求明确").events());
        events.addAll(new Story("TRADE_SHOW", month).captured("RETAIL", "北京").graded("MEDIUM").assigned(b)
                .firstResponseAfterMinutes(30 * 60).lostAfterDays(15, "BUDGET_INSUFFICIENT").events());
        events.addAll(new Story("TRADE_SHOW", month).captured("RETAIL", "北京").graded("MEDIUM").assigned(b)
                .slaBreached().events());
        // 官网表单: one high-intent lead answered late (breach) but won after 31 days; one low open; two rejected.
        events.addAll(new Story("WEBSITE_FORM", month).captured("SOFTWARE", "深圳").graded("HIGH").assigned(b)
                .slaBreached().firstResponseAfterMinutes(50 * 60).wonAfterDays(31, 30_000, "客户自主需求明确").events());
        events.addAll(new Story("WEBSITE_FORM", month).captured("SOFTWARE", "深圳").graded("LOW").assigned(b)
                .firstResponseAfterMinutes(60).events());
        events.addAll(new Story("WEBSITE_FORM", month).rejected("CONTACT_INCOMPLETE").events());
        events.addAll(new Story("WEBSITE_FORM", month).rejected("CONTACT_INCOMPLETE").events());
        feed.sendShuffled(events);

        String from = month.toString();
        String to = month.plusMonths(1).minusDays(1).toString();
        EventFeed.eventually(Duration.ofSeconds(60), () -> {
            JsonPath body = given().queryParam("from", from).queryParam("to", to).queryParam("groupBy", "source,grade")
                    .when().get("/api/v1/analytics/conversion").then().statusCode(200).extract().jsonPath();
            // Totals: 8 leads, 6 qualified, 2 rejected, 3 won, 1 lost, 2 open; 3/8 won, 3/6 of the qualified.
            assertThat(body.getInt("total.leads")).isEqualTo(8);
            assertThat(body.getInt("total.qualified")).isEqualTo(6);
            assertThat(body.getInt("total.rejected")).isEqualTo(2);
            assertThat(body.getInt("total.won")).isEqualTo(3);
            assertThat(body.getInt("total.lost")).isEqualTo(1);
            assertThat(body.getInt("total.open")).isEqualTo(2);
            assertThat(body.getString("total.conversionRate.percent")).isEqualTo("37.5%");
            assertThat(body.getString("total.qualifiedConversionRate.percent")).isEqualTo("50%");
            // Cycles 10, 20, 31 days: mean 20.3, median 20.
            assertThat(body.getFloat("total.averageCycleDays")).isEqualTo(20.3f);
            assertThat(body.getFloat("total.medianCycleDays")).isEqualTo(20.0f);
            assertThat(body.getFloat("total.wonAmount.amount")).isEqualTo(180_000f);
            assertThat(body.getList("rows.group.source")).containsExactly("TRADE_SHOW", "TRADE_SHOW",
                    "WEBSITE_FORM", "WEBSITE_FORM", "WEBSITE_FORM");
            assertThat(body.getList("rows.group.grade")).containsExactly("HIGH", "MEDIUM", "HIGH", "LOW", null);
            assertThat(body.getList("rows.leads")).containsExactly(2, 2, 1, 1, 2);
            assertThat(body.getList("rows.won")).containsExactly(2, 0, 1, 0, 0);
            assertThat(body.getList("rows.conversionRate.percent")).containsExactly("100%", "0%", "100%", "0%", "0%");
            assertThat(body.getList("rows.averageCycleDays")).containsExactly(15.0f, null, 31.0f, null, null);
            assertThat(body.getList("rows.labels.source")).first().isEqualTo("展会");
        });

        // Filters: by owner, and by grade in the template's words.
        given().queryParam("from", from).queryParam("to", to).queryParam("owner", a)
                .when().get("/api/v1/analytics/conversion").then().statusCode(200)
                .body("total.leads", equalTo(2)).body("total.won", equalTo(2));
        given().queryParam("from", from).queryParam("to", to).queryParam("grade", "高意向").queryParam("groupBy", "owner")
                .when().get("/api/v1/analytics/conversion").then().statusCode(200)
                .body("total.leads", equalTo(3)).body("total.won", equalTo(3)).body("rows.size()", equalTo(2));
        given().queryParam("from", from).queryParam("to", to).queryParam("source", "官网表单").queryParam("groupBy", "month")
                .when().get("/api/v1/analytics/conversion").then().statusCode(200)
                .body("rows[0].group.month", equalTo(month.toString().substring(0, 7)))
                .body("rows[0].leads", equalTo(4));

        // CSV of the same table: BOM, stable header, one line per group.
        byte[] csv = given().queryParam("from", from).queryParam("to", to).queryParam("groupBy", "source,grade")
                .queryParam("format", "csv").when().get("/api/v1/analytics/conversion").then().statusCode(200)
                .extract().asByteArray();
        assertThat(csv).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
        String[] lines = new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8).split("\r\n");
        assertThat(lines[0]).isEqualTo("source,source_label,grade,grade_label,leads,qualified,rejected,open,won,lost,"
                + "conversion_rate,conversion_rate_percent,won_per_qualified,average_cycle_days,median_cycle_days,"
                + "won_amount,currency");
        assertThat(lines[1]).isEqualTo("TRADE_SHOW,展会,HIGH,高意向,2,2,0,0,2,0,1.0000,100%,1.0000,15.0,15.0,150000.00,CNY");
        assertThat(lines).hasSize(6);

        // Follow-up events of the open and lost leads may still be on their way; the checks below wait for them.
        EventFeed.eventually(Duration.ofSeconds(30), () -> {
            // Funnel: all 8 registered; 5 contacted; the 3 won passed every later step.
            given().queryParam("from", from).queryParam("to", to).when().get("/api/v1/analytics/funnel").then()
                    .statusCode(200)
                    .body("leads", equalTo(8))
                    .body("steps.stage", equalTo(List.of("NEW", "CONTACTED", "NEEDS_CONFIRMED", "PROPOSAL", "NEGOTIATION",
                            "WON")))
                    .body("steps.reached", equalTo(List.of(8, 5, 3, 3, 3, 3)))
                    .body("steps[1].droppedHere", equalTo(2))
                    .body("steps[1].ofAllLeads.percent", equalTo("62.5%"));

            // Response times per grade: HIGH answered after 2 h, 3 h, 50 h (median 3, p90 50); one of three breached.
            JsonPath rt = given().queryParam("from", from).queryParam("to", to).when()
                    .get("/api/v1/analytics/response-times").then().statusCode(200).extract().jsonPath();
            // Grades high to low, then the rejected leads' unknown grade: null with a label, as in every table.
            assertThat(rt.getList("rows.group.grade")).containsExactly("HIGH", "MEDIUM", "LOW", null);
            assertThat(rt.getList("rows.labels.grade")).containsExactly("高意向", "中意向", "低意向", "未知");
            assertThat(rt.getFloat("rows[0].firstResponseMedianHours")).isEqualTo(3.0f);
            assertThat(rt.getFloat("rows[0].firstResponseP90Hours")).isEqualTo(50.0f);
            assertThat(rt.getInt("rows[0].slaBreached")).isEqualTo(1);
            assertThat(rt.getString("rows[0].slaKept.percent")).isEqualTo("66.67%");
            assertThat(rt.getString("rows[1].slaKept.percent")).isEqualTo("50%");
            assertThat(rt.getFloat("rows[1].firstResponseMedianHours")).isEqualTo(30.0f);
            // The rejected leads were never assigned: no SLA rate at all (null), not 0 %.
            assertThat(rt.getString("rows[3].slaKept.percent")).isEmpty();
            assertThat(rt.getObject("rows[3].slaKept.value", Object.class)).isNull();
            assertThat(rt.getInt("total.slaBreached")).isEqualTo(2);
            given().queryParam("from", from).queryParam("to", to).queryParam("groupBy", "owner").when()
                    .get("/api/v1/analytics/response-times").then().statusCode(200)
                    .body("rows.find { it.group.owner == '" + a + "' }.slaKept.percent", equalTo("100%"));
        });

        // Cohort: 8 leads registered on the 1st; two won within the month, the third (31 days) the month after.
        given().queryParam("from", from).queryParam("to", to).queryParam("months", 3).when()
                .get("/api/v1/analytics/cohorts").then().statusCode(200)
                .body("rows[0].leads", equalTo(8))
                .body("rows[0].wonByMonth", equalTo(List.of(2, 1, 0, 0)))
                .body("rows[0].cumulativeRate.percent", equalTo(List.of("25%", "37.5%", "37.5%", "37.5%")));

        // The export: ids and dimensions, nothing personal.
        String export = given().queryParam("from", from).queryParam("to", to).queryParam("size", 5).when()
                .get("/api/v1/analytics/leads").then().statusCode(200)
                .body("total", equalTo(8)).body("items.size()", equalTo(5)).extract().asString();
        assertThat(export).doesNotContain("张经理", "+8613912345678", "example.cn", "某科技有限公司", "需要CRM");
        given().queryParam("from", from).queryParam("to", to).queryParam("outcome", "won").queryParam("format", "csv")
                .when().get("/api/v1/analytics/leads").then().statusCode(200)
                .header("X-Total-Count", "3")
                .body(startsWith("\uFEFFlead_id,source,source_detail,"));
    }

    @Test
    void aWinReadBeforeItsCaptureIsKeptAndJoinedWhenTheCaptureArrives() {
        LocalDate month = EventFeed.privateMonth();
        String owner = "rep-join-" + UUID.randomUUID();
        Story story = new Story("PARTNER_REFERRAL", month.plusDays(3)).captured("SOFTWARE", "杭州").graded("HIGH")
                .assigned(owner).wonAfterDays(12, 66_000, "渠道背书");
        List<EventEnvelope> all = story.events();
        List<EventEnvelope> intake = all.stream().filter(e -> e.producer().equals("lead-intake-service")).toList();
        feed.send(all.stream().filter(e -> !e.producer().equals("lead-intake-service")).toList());

        EventFeed.eventually(Duration.ofSeconds(30), () -> given().queryParam("owner", owner)
                .when().get("/api/v1/analytics/leads").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].outcome", equalTo("WON"))
                .body("items[0].registeredOn", org.hamcrest.Matchers.nullValue())
                .body("items[0].source", equalTo("PARTNER_REFERRAL")));
        given().queryParam("owner", owner).when().get("/api/v1/analytics/conversion").then().statusCode(200)
                .body("total.leads", equalTo(0));

        given().when().get("/api/v1/analytics/leads/" + story.leadId).then().statusCode(200)
                .body("facts.outcome", equalTo("WON"))
                .body("grades[0].grade", equalTo("HIGH"));
        given().when().get("/api/v1/analytics/leads/LX-NEVER-SEEN").then().statusCode(404)
                .body("detail", org.hamcrest.Matchers.containsString("LX-NEVER-SEEN"));

        feed.send(intake);
        EventFeed.eventually(Duration.ofSeconds(30), () -> given().queryParam("owner", owner)
                .when().get("/api/v1/analytics/conversion").then().statusCode(200)
                .body("total.leads", equalTo(1)).body("total.won", equalTo(1))
                .body("total.averageCycleDays", equalTo(12.0f))
                .body("total.qualified", equalTo(1)));
    }
}
