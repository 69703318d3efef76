package io.leadflow.analytics.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
 * The template's Table 3 rebuilt from events: 50 trade-show leads with 15 won averaging 25 days (30 %, 25 天), and
 * 100 website-form leads with 8 won averaging 45 days (8 %, 45 天), each with the template's factors and reasons.
 */
@QuarkusTest
class SourcesTableTest {

    @BeforeEach
    void signedInAsAnAdmin() {
        Tokens.useByDefault("test-admin", Roles.ADMIN);
    }

    @Inject
    EventFeed feed;

    @Test
    void theTemplatesTable3IsReproducedFromShuffledDuplicatedEvents() {
        LocalDate month = EventFeed.privateMonth();
        List<EventEnvelope> events = new ArrayList<>();
        // 展会: 50 leads; won after 15, 25, 35 days (5 each: average and median 25); 20 lost, 12 for budget.
        for (int i = 0; i < 50; i++) {
            Story s = new Story("TRADE_SHOW", month.plusDays(i % 28)).captured("SOFTWARE", "上海").graded("HIGH")
                    .assigned("rep-li").firstResponseAfterMinutes(240);
            if (i < 15) {
                s.wonAfterDays(15 + 10 * (i % 3), 120_000, i < 12 ? "现场互动强" : "预算充足", "需求明确");
            } else if (i < 35) {
                s.lostAfterDays(20, i < 27 ? "BUDGET_INSUFFICIENT" : i < 32 ? "NO_NEED" : "COMPETITOR");
            }
            events.addAll(s.events());
        }
        // 官网表单: 100 leads answered after 30 hours; won after 40 or 50 days (4 each: 45); lost mostly to slow response.
        for (int i = 0; i < 100; i++) {
            Story s = new Story("WEBSITE_FORM", month.plusDays(i % 28)).captured("RETAIL", "北京").graded("MEDIUM")
                    .assigned("rep-zhao").firstResponseAfterMinutes(30 * 60);
            if (i < 8) {
                s.wonAfterDays(i % 2 == 0 ? 40 : 50, 80_000, "客户自主需求明确");
            } else if (i < 38) {
                s.lostAfterDays(30, i < 26 ? "SLOW_RESPONSE" : i < 32 ? "BUDGET_INSUFFICIENT" : "NO_NEED");
            }
            events.addAll(s.events());
        }
        feed.sendShuffled(events);

        String from = month.toString();
        String to = month.plusMonths(1).minusDays(1).toString();
        EventFeed.eventually(Duration.ofSeconds(90), () -> {
            JsonPath body = given().queryParam("from", from).queryParam("to", to)
                    .when().get("/api/v1/analytics/sources").then().statusCode(200).extract().jsonPath();
            assertThat(body.getList("rows.source")).containsExactly("WEBSITE_FORM", "TRADE_SHOW");
            Map<String, Object> show = body.getMap("rows[1]");
            assertThat(show).containsEntry("sourceLabel", "展会").containsEntry("leads", 50).containsEntry("won", 15)
                    .containsEntry("lost", 20).containsEntry("averageCycleDays", 25.0f)
                    .containsEntry("medianCycleDays", 25.0f);
            assertThat(body.getString("rows[1].conversionRate.percent")).isEqualTo("30%");
            assertThat(body.getFloat("rows[1].conversionRate.value")).isEqualTo(0.3f);
            assertThat(body.getList("rows[1].winFactors.code")).containsExactly("需求明确", "现场互动强", "预算充足");
            assertThat(body.getList("rows[1].winFactors.count")).containsExactly(15, 12, 3);
            assertThat(body.getList("rows[1].lossReasons.label")).containsExactly("预算不足", "暂无需求", "选择竞品");
            assertThat(body.getList("rows[1].lossReasons.count")).containsExactly(12, 5, 3);
            assertThat(body.getList("rows[1].suggestions.text")).contains("增加展会前客户筛选,提前沟通预算");

            assertThat(body.getInt("rows[0].leads")).isEqualTo(100);
            assertThat(body.getInt("rows[0].won")).isEqualTo(8);
            assertThat(body.getString("rows[0].conversionRate.percent")).isEqualTo("8%");
            assertThat(body.getFloat("rows[0].averageCycleDays")).isEqualTo(45.0f);
            assertThat(body.getFloat("rows[0].firstResponseMedianHours")).isEqualTo(30.0f);
            assertThat(body.getString("rows[0].lossReasons[0].label")).isEqualTo("跟进响应慢");
            assertThat(body.getList("rows[0].suggestions.text")).contains("缩短官网表单线索响应时间至24小时内");
        });

        byte[] csv = given().queryParam("from", from).queryParam("to", to).accept("text/csv")
                .when().get("/api/v1/analytics/sources").then().statusCode(200)
                .contentType("text/csv; charset=UTF-8").extract().asByteArray();
        assertThat(csv).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
        String[] lines = new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8).split("\r\n");
        assertThat(lines[0]).startsWith("source,source_label,leads,won,conversion_rate,conversion_rate_percent,"
                + "average_cycle_days,median_cycle_days,main_win_factors,main_loss_reasons,suggestions");
        assertThat(lines[2]).startsWith("TRADE_SHOW,展会,50,15,0.3000,30%,25.0,25.0,需求明确 (15); 现场互动强 (12); "
                + "预算充足 (3),预算不足 (12); 暂无需求 (5); 选择竞品 (3),");
        assertThat(lines).hasSize(3);

        // Step 4.2 on the same numbers: the overall cycle (15 x 25 + 8 x 45) / 23 = 32.0 days is long; each source
        // loses 60 % of its lost leads to one cause (budget 12/20, slow response 18/30). Last month had nothing.
        // Grades arrive on their own topic; wait until every lead has one before judging high-intent conversion.
        EventFeed.eventually(Duration.ofSeconds(60), () -> {
            given().queryParam("from", from).queryParam("to", to).queryParam("grade", "HIGH")
                    .when().get("/api/v1/analytics/conversion").then().statusCode(200)
                    .body("total.leads", org.hamcrest.Matchers.equalTo(50));
            JsonPath insights = given().queryParam("from", from).queryParam("to", to)
                    .when().get("/api/v1/analytics/insights").then().statusCode(200).extract().jsonPath();
            assertThat(insights.getList("findings.rule")).containsExactlyInAnyOrder("LONG_CYCLE", "LOSS_REASON_DOMINANT",
                    "LOSS_REASON_DOMINANT");
            assertThat(insights.getFloat("findings.find { it.rule == 'LONG_CYCLE' }.numbers.averageCycleDays"))
                    .isEqualTo(32.0f);
            assertThat(insights.getString("findings.find { it.rule == 'LONG_CYCLE' }.action"))
                    .isEqualTo("缩短跟进间隔或简化决策流程");
            assertThat(insights.getString("findings.find { it.subject == 'WEBSITE_FORM:SLOW_RESPONSE' }.action"))
                    .isEqualTo("缩短官网表单线索响应时间至24小时内");
            assertThat(insights.getList("findings.trend")).containsOnly("NEW");
        });

        // The monthly review of that month carries the same table and findings, as JSON, CSV and a printable page.
        String ym = month.toString().substring(0, 7);
        given().when().get("/api/v1/analytics/reviews/" + ym).then().statusCode(200)
                .body("month", org.hamcrest.Matchers.equalTo(ym))
                .body("total.leads", org.hamcrest.Matchers.equalTo(150))
                .body("total.won", org.hamcrest.Matchers.equalTo(23))
                .body("totalBefore.leads", org.hamcrest.Matchers.equalTo(0))
                .body("sources.rows[1].conversionRate.percent", org.hamcrest.Matchers.equalTo("30%"))
                .body("findings.size()", org.hamcrest.Matchers.equalTo(3));
        given().queryParam("format", "csv").when().get("/api/v1/analytics/reviews/" + ym).then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("source,TRADE_SHOW,conversion_rate,0.3000,,"));
        given().queryParam("format", "html").queryParam("lang", "zh-CN").when()
                .get("/api/v1/analytics/reviews/" + ym).then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("text/html"))
                .body(org.hamcrest.Matchers.containsString("<svg"))
                .body(org.hamcrest.Matchers.containsString("增加展会前客户筛选,提前沟通预算"));

        given().queryParam("from", from).queryParam("to", to).queryParam("lang", "en")
                .when().get("/api/v1/analytics/sources").then().statusCode(200)
                .body("rows[1].sourceLabel", org.hamcrest.Matchers.equalTo("Trade show"))
                .body("rows[1].lossReasons[0].label", org.hamcrest.Matchers.equalTo("Budget insufficient"));
    }
}
