package io.leadflow.routing.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.leadflow.events.contract.Budget;
import io.leadflow.events.contract.EventEnvelope;
import io.leadflow.events.contract.EventJson;
import io.leadflow.events.contract.LeadEvent;
import io.leadflow.events.contract.LeadProfile;
import io.leadflow.events.security.Roles;
import io.leadflow.events.testing.Outbox;
import io.leadflow.events.testing.Seeds;
import io.leadflow.events.testing.Tokens;
import io.leadflow.routing.domain.GradeLevel;
import io.leadflow.routing.domain.GradingPolicy;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The policy lab over HTTP: a backtest and a dry run over a day of this test's own leads (registered on a day of
 * the past no other test uses), their figures, CSV, validation, roles, that nothing is stored or published, and
 * activating a tried version with its reason.
 */
@QuarkusTest
class PolicyLabResourceTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Inject
    RoutingTestSupport support;
    @Inject
    DataSource dataSource;

    /**
     * Each test's leads are registered on a day of their own, long past, that no other test registers leads on (nor
     * an earlier run against the same database: the run's seed picks the first day).
     */
    private static final LocalDate FIRST_DAY = LocalDate.of(1900, 1, 1)
            .plusDays(new Random(Seeds.seed()).nextInt(40_000));
    private static final AtomicInteger DAYS = new AtomicInteger();

    private LocalDate day;
    private List<String> leads;

    @BeforeEach
    void fourLeadsOnADayOfTheirOwn() {
        Tokens.useByDefault("test-admin", Roles.ADMIN);
        day = FIRST_DAY.plusDays(DAYS.getAndIncrement());
        LocalDate first = day;
        Instant at = day.atTime(10, 0).atZone(SHANGHAI).toInstant();
        String industry = "IND-LAB-" + RoutingTestSupport.unique();
        Budget fits = new Budget(new BigDecimal("100000"), new BigDecimal("150000"), "CNY", "10-15万");
        leads = List.of(RoutingTestSupport.leadId(), RoutingTestSupport.leadId(), RoutingTestSupport.leadId(),
                RoutingTestSupport.leadId());
        // 80 points: HIGH under both; 60 points in two months: MEDIUM now, HIGH under the draft; 30: MEDIUM; 0: LOW
        support.qualified(leads.get(0), profile("需要CRM系统", industry, fits, 30, at));
        support.qualified(leads.get(1), profile("需要ERP系统", industry, fits, 60, at.plusSeconds(3600)));
        support.qualified(leads.get(2), profile("知晓一下ERP模块", industry, null, 90, at.plusSeconds(7200)));
        support.qualified(leads.get(3), profile("暂无", industry, null, null, at.plusSeconds(10800)));
        await().atMost(Duration.ofSeconds(30)).until(() -> leads.stream().allMatch(this::graded));
        support.send(support.from(leads.get(0), new LeadEvent.LeadWon(first.plusDays(20), null, List.of(), null)));
        support.send(support.from(leads.get(1), new LeadEvent.LeadWon(first.plusDays(25), null, List.of(), null)));
        support.send(support.from(leads.get(2), new LeadEvent.LeadLost(first.plusDays(25), "BUDGET_INSUFFICIENT", null,
                null)));
        await().atMost(Duration.ofSeconds(30)).until(() -> "WON".equals(status(leads.get(1)))
                && "LOST".equals(status(leads.get(2))) && "WON".equals(status(leads.get(0))));
    }

    @AfterEach
    void noDefaultToken() {
        Tokens.clearDefault();
    }

    private static LeadProfile profile(String need, String industry, Budget budget, Integer days, Instant registeredAt) {
        return new LeadProfile("实验公司", null, null, null, null, "TRADE_SHOW", null, null, need, industry, "上海", null,
                null, budget, days, null, null, null, null, registeredAt);
    }

    private boolean graded(String leadId) {
        return given().get("/api/v1/grades/" + leadId).statusCode() == 200;
    }

    private String status(String leadId) {
        return given().get("/api/v1/grades/" + leadId).jsonPath().getString("status");
    }

    private static String json(Object o) {
        try {
            return EventJson.mapper().writeValueAsString(o);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** HIGH from 60 points with a decision within 60 days. */
    private Map<String, Object> draft() {
        Map<String, Object> body = new HashMap<>();
        body.put("levels", List.of(new GradeLevel("HIGH", "高意向", "High intent", 60, 60),
                new GradeLevel("MEDIUM", "中意向", "Medium intent", 30, 90), new GradeLevel("LOW", "低意向", "Low intent", 0, null)));
        body.put("rules", GradingPolicy.defaults().rules());
        body.put("from", day.toString());
        body.put("to", day.toString());
        return body;
    }

    private static JsonPath grade(JsonPath answer, String side, String grade) {
        return JsonPath.from(json(answer.getList(side + ".grades", Map.class).stream()
                .filter(g -> grade.equals(g.get("grade"))).findFirst().orElseThrow()));
    }

    private String snapshot() throws Exception {
        StringBuilder s = new StringBuilder();
        try (Connection c = dataSource.getConnection()) {
            for (String sql : List.of(
                    "select count(*) || '/' || coalesce(max(seq), 0) from outbox_event where lead_id = any(?)",
                    "select count(*) || '' from grade_history where lead_id = any(?)",
                    // not updated_at: the unassigned queue's retries touch a waiting lead on their own
                    "select string_agg(lead_id || grade || score || grading_policy_version || status, ',' order by lead_id)"
                            + " from lead where lead_id = any(?)",
                    "select count(*) || '' from assignment where lead_id = any(?)",
                    "select (select count(*) from grading_policy) || '/' || (select count(*) from assignment_policy) || '/' || cardinality(?::text[])")) {
                try (PreparedStatement p = c.prepareStatement(sql)) {
                    p.setArray(1, c.createArrayOf("text", leads.toArray()));
                    try (ResultSet r = p.executeQuery()) {
                        r.next();
                        s.append(r.getString(1)).append('|');
                    }
                }
            }
        }
        return s.toString();
    }

    @Test
    void aBacktestGradesTheMonthsLeadsUnderTheDraftAndSaysHowEachGradeConverted() throws Exception {
        String before = snapshot();
        JsonPath answer = given().contentType(ContentType.JSON).body(json(draft()))
                .when().post("/api/v1/grading-policy/backtests").then().statusCode(200)
                .contentType(containsString("application/json"))
                .body("period.from", equalTo(day.toString())).body("period.days", equalTo(1))
                .body("baseline", equalTo("CURRENT_POLICY"))
                .body("leads.total", equalTo(4)).body("leads.won", equalTo(2)).body("leads.lost", equalTo(1))
                .body("leads.open", equalTo(1))
                .body("moves.up.leads", equalTo(1)).body("moves.up.won", equalTo(1))
                .body("moves.down.leads", equalTo(0))
                .body("activate.path", equalTo("/api/v1/grading-policy"))
                .body("activate.body.backtest.to", equalTo(day.toString()))
                .extract().jsonPath();
        assertThat(grade(answer, "before", "HIGH").getInt("leads")).isEqualTo(1);
        assertThat(grade(answer, "before", "MEDIUM").getInt("leads")).isEqualTo(2);
        assertThat(grade(answer, "before", "MEDIUM").getString("winRate.percent")).isEqualTo("50.0%");
        assertThat(grade(answer, "before", "HIGH").getString("label")).isEqualTo("高意向");
        assertThat(grade(answer, "after", "HIGH").getInt("won")).isEqualTo(2);
        assertThat(answer.getFloat("before.separation.auc")).isEqualTo(0.875f);
        assertThat(answer.getFloat("after.separation.auc")).isEqualTo(1.0f);
        assertThat(answer.getString("meaning.lift")).contains("提升度");
        assertThat(snapshot()).as("a backtest stores and publishes nothing").isEqualTo(before);

        given().queryParam("lang", "en").contentType(ContentType.JSON).body(json(draft()))
                .when().post("/api/v1/grading-policy/backtests").then().statusCode(200)
                .body("before.separation.topLabel", equalTo("High intent"))
                .body("meaning.lift", containsString("twice as often"));
    }

    @Test
    void aBacktestAnswersCsvForBiToolsWhenAskedFor() {
        byte[] csv = given().accept("text/csv").contentType(ContentType.JSON).body(json(draft()))
                .when().post("/api/v1/grading-policy/backtests").then().statusCode(200)
                .contentType(containsString("text/csv")).extract().asByteArray();
        String text = new String(csv, StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFFpolicy,policy_version,grade,grade_label,leads,won,lost,open,win_rate");
        assertThat(text).contains("\r\nafter,,HIGH,高意向,2,2,0,0,1.0000,100.0%,,\r\n");
        assertThat(text).contains("before,").contains(",ALL,,4,2,1,1,0.5000,50.0%,");
    }

    @Test
    void anInvalidDraftOrPeriodIsA400NamingTheFieldAndRunsNothing() {
        Map<String, Object> outOfOrder = draft();
        outOfOrder.put("levels", List.of(new GradeLevel("HIGH", "高意向", "High", 30, null),
                new GradeLevel("MEDIUM", "中意向", "Medium", 70, null), new GradeLevel("LOW", "低意向", "Low", 0, null)));
        given().contentType(ContentType.JSON).body(json(outOfOrder)).when().post("/api/v1/grading-policy/backtests")
                .then().statusCode(400).contentType(containsString("application/problem+json"))
                .body("errors.field", hasItem("levels[1].minScore"));
        Map<String, Object> noPeriod = draft();
        noPeriod.remove("from");
        given().contentType(ContentType.JSON).body(json(noPeriod)).when().post("/api/v1/grading-policy/backtests")
                .then().statusCode(400).body("errors.field", hasItem("from"));
        Map<String, Object> badQuarter = draft();
        badQuarter.remove("from");
        badQuarter.remove("to");
        badQuarter.put("period", "2026-Q5");
        badQuarter.put("givenGrades", "MAYBE");
        given().contentType(ContentType.JSON).body(json(badQuarter)).when().post("/api/v1/grading-policy/backtests")
                .then().statusCode(400).body("errors.field", hasItem("period")).body("errors.field", hasItem("givenGrades"));
        given().contentType(ContentType.JSON).body("{\"period\":\"2026-Q3\"}").when()
                .post("/api/v1/grading-policy/backtests").then().statusCode(400)
                .contentType(containsString("application/problem+json"));
    }

    @Test
    void managersAdminsAndAnalystsMayTryAPolicyOthersMayNot() {
        String body = json(draft());
        Tokens.anonymous().contentType(ContentType.JSON).body(body).post("/api/v1/grading-policy/backtests").then()
                .statusCode(401);
        for (String role : List.of(Roles.SALES, Roles.MARKETING)) {
            Tokens.as("someone-" + role, role).contentType(ContentType.JSON).body(body)
                    .post("/api/v1/grading-policy/backtests").then().statusCode(403)
                    .contentType(containsString("application/problem+json"));
        }
        for (String role : List.of(Roles.SALES_MANAGER, Roles.ADMIN, Roles.ANALYST)) {
            Tokens.as("someone-" + role, role).contentType(ContentType.JSON).body(body)
                    .post("/api/v1/grading-policy/backtests").then().statusCode(200);
        }
        Map<String, Object> activate = draft();
        activate.remove("from");
        activate.remove("to");
        activate.put("backtest", Map.of("from", day.toString(), "to", day.toString()));
        activate.put("reason", "analysts try, managers decide");
        Tokens.as("analyst-x", Roles.ANALYST).contentType(ContentType.JSON).body(json(activate))
                .put("/api/v1/grading-policy").then().statusCode(403);
    }

    @Test
    void aTriedDraftIsActivatedWithItsReasonAndTheVersionsListShowsTheFiguresItWasDecidedOn() {
        JsonPath tried = given().contentType(ContentType.JSON).body(json(draft()))
                .post("/api/v1/grading-policy/backtests").then().statusCode(200).extract().jsonPath();
        Map<String, Object> put = new HashMap<>(tried.getMap("activate.body"));
        put.remove("reason");
        given().contentType(ContentType.JSON).body(json(put)).put("/api/v1/grading-policy").then().statusCode(400)
                .body("errors.field", hasItem("reason"));
        put.put("reason", "回测:高意向门槛降到60分,成交率不降");
        // Figures a client sends are not taken: refused, and the service backtests the saved version again.
        Map<String, Object> backtest = new HashMap<>(tried.getMap("activate.body.backtest"));
        backtest.put("leads", 999);
        put.put("backtest", backtest);
        given().contentType(ContentType.JSON).body(json(put)).put("/api/v1/grading-policy").then().statusCode(400)
                .body("errors.field", hasItem("backtest.leads"));
        backtest.remove("leads");
        try {
            int version = Tokens.as("mgr-lab", Roles.SALES_MANAGER).contentType(ContentType.JSON).body(json(put))
                    .put("/api/v1/grading-policy").then().statusCode(200)
                    .body("backtest.kind", equalTo("GRADING_BACKTEST"))
                    .body("backtest.leads", equalTo(4))
                    .extract().jsonPath().getInt("version");
            given().get("/api/v1/grading-policy/versions").then().statusCode(200)
                    .body("items[0].version", equalTo(version))
                    .body("items[0].changedBy", equalTo("mgr-lab"))
                    .body("items[0].reason", equalTo("回测:高意向门槛降到60分,成交率不降"))
                    .body("items[0].backtest.from", equalTo(day.toString()))
                    .body("items[0].backtest.ranBy", equalTo("mgr-lab"))
                    .body("items[0].backtest.movedUp", equalTo(1))
                    .body("items[0].backtest.after.auc", equalTo(1.0f))
                    .body("items[1].backtest", nullValue());
            // announced with its figures, so analytics' monthly review can say what was tried
            LeadEvent.PolicyVersionPublished published = (LeadEvent.PolicyVersionPublished)
                    Outbox.latest(dataSource, "POLICY-GRADING").payload();
            assertThat(published.version()).isEqualTo(version);
            assertThat(published.publishedBy()).isEqualTo("mgr-lab");
            assertThat(published.reason()).isEqualTo("回测:高意向门槛降到60分,成交率不降");
            assertThat(published.trial().kind()).isEqualTo("GRADING_BACKTEST");
            assertThat(published.trial().measure()).isEqualTo("TOP_GRADE_LIFT");
            assertThat(published.trial().leads()).isEqualTo(4);
            assertThat(published.trial().from()).isEqualTo(day);
            assertThat(published.trial().after().floatValue()).isEqualTo(tried.getFloat("after.separation.lift"));
            assertThat(published.trial().before().floatValue()).isEqualTo(tried.getFloat("before.separation.lift"));
        } finally {
            Map<String, Object> defaults = new HashMap<>();
            defaults.put("levels", GradingPolicy.defaults().levels());
            defaults.put("rules", GradingPolicy.defaults().rules());
            defaults.put("reason", "back to the template's defaults after the lab test");
            given().contentType(ContentType.JSON).body(json(defaults)).put("/api/v1/grading-policy").then().statusCode(200);
        }
    }

    // ---- assignment dry run --------------------------------------------------------------------------------

    private Map<String, Object> dryRun() {
        Map<String, Object> body = new HashMap<>();
        body.put("rules", List.of(
                Map.of("id", "high", "grades", List.of("高意向"), "seniorities", List.of("SENIOR"), "strategy", "LEAST_LOADED"),
                Map.of("id", "medium", "grades", List.of("MEDIUM"), "seniorities", List.of("JUNIOR"), "strategy",
                        "ROUND_ROBIN")));
        body.put("roster", List.of(
                Map.of("id", "lab-senior", "name", "实验资深", "seniority", "资深销售", "capacity", 5),
                Map.of("id", "lab-junior", "name", "实验销售", "seniority", "JUNIOR", "capacity", 5)));
        body.put("from", day.toString());
        body.put("to", day.toString());
        return body;
    }

    @Test
    void aDryRunReplaysTheMonthThroughDraftRulesAndRosterBesideWhatHappenedAndStoresNothing() throws Exception {
        String before = snapshot();
        JsonPath answer = given().contentType(ContentType.JSON).body(json(dryRun()))
                .when().post("/api/v1/assignment-policy/dry-runs").then().statusCode(200)
                .body("roster", equalTo("DRAFT")).body("leads", equalTo(4))
                .body("replay.topGradeToSenior.leads", equalTo(1)).body("replay.topGradeToSenior.toSenior", equalTo(1))
                .body("replay.topGradeToSenior.label", equalTo("高意向"))
                .body("replay.overflow.leads", equalTo(1)).body("replay.overflow.byGrade.LOW", equalTo(1))
                .body("activate.path", equalTo("/api/v1/assignment-policy"))
                .extract().jsonPath();
        assertThat(answer.getList("replay.reps.repId")).containsExactly("lab-senior", "lab-junior");
        assertThat(answer.getInt("replay.reps[1].assigned")).isEqualTo(2);
        assertThat(answer.getString("replay.fairness.find { it.pool == 'JUNIOR' }.poolLabel")).isEqualTo("销售");
        assertThat(answer.getList("replay.reps[0].weeks")).isNotEmpty();
        assertThat(answer.getList("assumptions")).hasSize(4);
        assertThat(snapshot()).as("a dry run stores and publishes nothing").isEqualTo(before);

        String csv = new String(given().accept("text/csv").contentType(ContentType.JSON).body(json(dryRun()))
                .post("/api/v1/assignment-policy/dry-runs").then().statusCode(200)
                .contentType(containsString("text/csv")).extract().asByteArray(), StandardCharsets.UTF_8);
        assertThat(csv).startsWith("\uFEFFscenario,rep_id,rep_name,seniority,week_start,peak_open,end_open");
        assertThat(csv).contains("\r\nreplay,lab-senior,实验资深,SENIOR,");
    }

    @Test
    void aDryRunRefusesRulesNamingRepsOffTheDraftRosterAndABadRosterNamingTheField() {
        Map<String, Object> body = dryRun();
        body.put("rules", List.of(Map.of("id", "named", "repIds", List.of("rep-not-in-draft"), "strategy", "ROUND_ROBIN")));
        body.put("roster", List.of(Map.of("id", "lab-x", "seniority", "CEO", "capacity", -1)));
        given().contentType(ContentType.JSON).body(json(body)).post("/api/v1/assignment-policy/dry-runs").then()
                .statusCode(400).contentType(containsString("application/problem+json"))
                .body("errors.field", hasItem("rules[0].repIds[0]"))
                .body("errors.field", hasItem("roster[0].seniority"))
                .body("errors.field", hasItem("roster[0].capacity"));
        Tokens.as("rep-x", Roles.SALES).contentType(ContentType.JSON).body(json(dryRun()))
                .post("/api/v1/assignment-policy/dry-runs").then().statusCode(403);
        Tokens.as("analyst-x", Roles.ANALYST).contentType(ContentType.JSON).body(json(dryRun()))
                .post("/api/v1/assignment-policy/dry-runs").then().statusCode(200);
    }

    @Test
    void triedRulesAreActivatedWithAReasonAndTheirDryRunIsKeptWithTheVersion() {
        String industry = "IND-LAB-RULES-" + RoutingTestSupport.unique();
        String rep = RoutingTestSupport.createRep("rep-lab-" + RoutingTestSupport.unique(), "实验规则-"
                + RoutingTestSupport.unique(), "SENIOR", 10, List.of(industry));
        Map<String, Object> put = new HashMap<>();
        put.put("rules", List.of(Map.of("id", "only-" + industry, "industries", List.of(industry), "repIds", List.of(rep),
                "strategy", "ROUND_ROBIN")));
        put.put("backtest", Map.of("from", day.toString(), "to", day.toString()));
        given().contentType(ContentType.JSON).body(json(put)).put("/api/v1/assignment-policy").then().statusCode(400)
                .body("errors.field", hasItem("reason"));
        put.put("reason", "试运行:溢出更少");
        int version = Tokens.as("mgr-lab", Roles.SALES_MANAGER).contentType(ContentType.JSON).body(json(put))
                .put("/api/v1/assignment-policy").then().statusCode(200)
                .body("backtest.kind", equalTo("ASSIGNMENT_DRY_RUN")).body("backtest.roster", equalTo("CURRENT"))
                .extract().jsonPath().getInt("version");
        given().get("/api/v1/assignment-policy/versions").then().statusCode(200)
                .body("items[0].version", equalTo(version))
                .body("items[0].backtest.leads", equalTo(4))
                .body("items[0].backtest.ranBy", equalTo("mgr-lab"))
                .body("items[0].reason", equalTo("试运行:溢出更少"));
        LeadEvent.PolicyVersionPublished published = (LeadEvent.PolicyVersionPublished)
                Outbox.latest(dataSource, "POLICY-ASSIGNMENT").payload();
        assertThat(published.version()).isEqualTo(version);
        assertThat(published.trial().kind()).isEqualTo("ASSIGNMENT_DRY_RUN");
        assertThat(published.trial().measure()).isEqualTo("TOP_GRADE_TO_SENIOR_PERCENT");
        assertThat(published.trial().leads()).isEqualTo(4);
    }

    @Test
    void aVersionSavedWithoutATrialIsAnnouncedAsNotTriedFirst() {
        Map<String, Object> put = new HashMap<>();
        put.put("levels", GradingPolicy.defaults().levels());
        put.put("rules", GradingPolicy.defaults().rules());
        put.put("reason", "模板默认规则");
        int version = Tokens.as("mgr-untried", Roles.SALES_MANAGER).contentType(ContentType.JSON).body(json(put))
                .put("/api/v1/grading-policy").then().statusCode(200).extract().jsonPath().getInt("version");
        EventEnvelope event = Outbox.latest(dataSource, "POLICY-GRADING");
        assertThat(event.topic()).isEqualTo("leadflow.policies.v1");
        LeadEvent.PolicyVersionPublished published = (LeadEvent.PolicyVersionPublished) event.payload();
        assertThat(published.policy()).isEqualTo("GRADING");
        assertThat(published.version()).isEqualTo(version);
        assertThat(published.publishedBy()).isEqualTo("mgr-untried");
        assertThat(published.reason()).isEqualTo("模板默认规则");
        assertThat(published.trial()).isNull();
    }
}
