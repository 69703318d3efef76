package io.leadflow.routing.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.leadflow.events.contract.EventJson;
import io.leadflow.events.security.Roles;
import io.leadflow.events.testing.Tokens;
import io.leadflow.routing.domain.AssignmentPolicy;
import io.leadflow.routing.domain.GradingPolicy;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The permission matrix of lead-routing-service, cell by cell: for every endpoint, an anonymous call is 401, every
 * role the matrix does not allow is 403 (a sales rep asking for someone else's lead or rep: 404, as if it did not
 * exist), and every role it allows is served. Denied writes change nothing.
 */
@QuarkusTest
class RoutingPermissionTest {

    /** Who calls: each role alone, and a sales rep both as the owner of the data and as anyone else. */
    enum Who {
        ANONYMOUS, MARKETING, SALES_OTHER, SALES_OWNER, SALES_MANAGER, ANALYST, ADMIN
    }

    private static final Set<Who> MANAGERS = EnumSet.of(Who.SALES_MANAGER, Who.ADMIN);
    private static final Set<Who> OWNER_AND_MANAGERS = EnumSet.of(Who.SALES_OWNER, Who.SALES_MANAGER, Who.ADMIN);
    /** The policy lab stores nothing, so analysts may try policies too; only managers and admins activate them. */
    private static final Set<Who> MANAGERS_AND_ANALYSTS = EnumSet.of(Who.SALES_MANAGER, Who.ANALYST, Who.ADMIN);

    /**
     * One row of the matrix.
     *
     * @param allowed  who is served (2xx)
     * @param salesOwn a sales rep who does not own the data gets 404 instead of 403
     * @param path     made fresh for each call (a rep to deactivate must exist every time)
     * @param body     made fresh for each call, null for none
     */
    record Endpoint(String method, String name, Set<Who> allowed, boolean salesOwn, Supplier<String> path,
                    Supplier<Object> body) {
    }

    @Inject
    RoutingTestSupport support;

    private String u;
    private String owner;
    private String leadId;
    private String movingLead;
    private List<String> movers;
    private String industry;

    @BeforeEach
    void data() {
        Tokens.useByDefault("test-admin", Roles.ADMIN);
        u = RoutingTestSupport.unique();
        industry = "IND-PERM-" + u;
        owner = RoutingTestSupport.createRep("rep-perm-" + u, "权限销售-" + u, "SENIOR", 50, List.of(industry));
        String moverA = RoutingTestSupport.createRep("rep-perm-a-" + u, "权限甲-" + u, "SENIOR", 50, List.of());
        String moverB = RoutingTestSupport.createRep("rep-perm-b-" + u, "权限乙-" + u, "SENIOR", 50, List.of());
        movers = List.of(moverA, moverB);
        RoutingTestSupport.routeIndustry(industry, "ROUND_ROBIN", List.of(owner));
        leadId = RoutingTestSupport.leadId();
        movingLead = RoutingTestSupport.leadId();
        support.qualified(leadId, RoutingTestSupport.tradeShowCrm(industry, null, null));
        support.qualified(movingLead, RoutingTestSupport.tradeShowCrm(industry, null, null));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                owner.equals(ownerOf(leadId)) && owner.equals(ownerOf(movingLead)));
    }

    @AfterEach
    void noDefaultToken() {
        Tokens.clearDefault();
    }

    private static String ownerOf(String lead) {
        return Tokens.as("test-admin", Roles.ADMIN).get("/api/v1/assignments/" + lead).jsonPath()
                .getString("owner.ownerId");
    }

    private RequestSpecification as(Who who) {
        return switch (who) {
            case ANONYMOUS -> Tokens.anonymous();
            case MARKETING -> Tokens.as("mkt-" + u, Roles.MARKETING);
            case SALES_OTHER -> Tokens.as("rep-someone-else-" + u, Roles.SALES);
            case SALES_OWNER -> Tokens.as(owner, Roles.SALES);
            case SALES_MANAGER -> Tokens.as("mgr-" + u, Roles.SALES_MANAGER);
            case ANALYST -> Tokens.as("analyst-" + u, Roles.ANALYST);
            case ADMIN -> Tokens.as("admin-" + u, Roles.ADMIN);
        };
    }

    private static String json(Object value) {
        try {
            return EventJson.mapper().writeValueAsString(value);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private String freshRep() {
        String u2 = RoutingTestSupport.unique();
        return RoutingTestSupport.createRep("rep-perm-x-" + u2, "权限丙-" + u2, "JUNIOR", 5, List.of());
    }

    /** The reassignment that is always a real change: to whichever mover does not own the lead now. */
    private Object reassignBody() {
        String current = ownerOf(movingLead);
        String to = movers.get(0).equals(current) ? movers.get(1) : movers.get(0);
        return Map.of("toRepId", to, "reason", "权限测试 " + u);
    }

    private List<Endpoint> matrix() {
        Map<String, Object> grading = Map.of("levels", GradingPolicy.defaults().levels(), "rules",
                GradingPolicy.defaults().rules(), "reason", "permission test");
        Map<String, Object> assignment = Map.of("rules", List.of(Map.of("id", "only-" + industry, "industries",
                List.of(industry), "repIds", List.of(owner), "strategy", "ROUND_ROBIN")), "reason", "permission test");
        Map<String, Object> backtest = Map.of("levels", GradingPolicy.defaults().levels(), "rules",
                GradingPolicy.defaults().rules(), "period", "2026-Q3");
        Map<String, Object> dryRun = Map.of("rules", AssignmentPolicy.defaults().rules(), "period", "2026-Q3");
        String rep = "/api/v1/reps/" + owner;
        return List.of(
                new Endpoint("POST", "grading backtest", MANAGERS_AND_ANALYSTS, false,
                        () -> "/api/v1/grading-policy/backtests", () -> backtest),
                new Endpoint("POST", "assignment dry run", MANAGERS_AND_ANALYSTS, false,
                        () -> "/api/v1/assignment-policy/dry-runs", () -> dryRun),
                new Endpoint("GET", "grading policy", MANAGERS, false, () -> "/api/v1/grading-policy", null),
                new Endpoint("GET", "grading policy versions", MANAGERS, false, () -> "/api/v1/grading-policy/versions", null),
                new Endpoint("GET", "grading policy version", MANAGERS, false, () -> "/api/v1/grading-policy/versions/1", null),
                new Endpoint("PUT", "grading policy", MANAGERS, false, () -> "/api/v1/grading-policy", () -> grading),
                new Endpoint("POST", "regrade open leads", MANAGERS, false, () -> "/api/v1/grading-policy/regrade", null),
                new Endpoint("GET", "assignment policy", MANAGERS, false, () -> "/api/v1/assignment-policy", null),
                new Endpoint("GET", "assignment policy versions", MANAGERS, false,
                        () -> "/api/v1/assignment-policy/versions", null),
                new Endpoint("GET", "assignment policy version", MANAGERS, false,
                        () -> "/api/v1/assignment-policy/versions/1", null),
                new Endpoint("PUT", "assignment policy", MANAGERS, false, () -> "/api/v1/assignment-policy",
                        () -> assignment),
                new Endpoint("GET", "assignments", MANAGERS, false, () -> "/api/v1/assignments", null),
                new Endpoint("GET", "unassigned", MANAGERS, false, () -> "/api/v1/assignments/unassigned", null),
                new Endpoint("GET", "lead grade", OWNER_AND_MANAGERS, true, () -> "/api/v1/grades/" + leadId, null),
                new Endpoint("GET", "lead assignment", OWNER_AND_MANAGERS, true, () -> "/api/v1/assignments/" + leadId, null),
                new Endpoint("PUT", "lead grade", MANAGERS, false, () -> "/api/v1/grades/" + leadId,
                        () -> Map.of("grade", "HIGH", "reason", "权限测试")),
                new Endpoint("POST", "reassign", MANAGERS, false, () -> "/api/v1/assignments/" + movingLead + "/reassign",
                        this::reassignBody),
                new Endpoint("POST", "create rep", MANAGERS, false, () -> "/api/v1/reps", () -> {
                    String u2 = RoutingTestSupport.unique();
                    return Map.of("id", "rep-perm-new-" + u2, "name", "权限新-" + u2, "seniority", "JUNIOR",
                            "capacity", 5);
                }),
                new Endpoint("GET", "reps", MANAGERS, false, () -> "/api/v1/reps", null),
                new Endpoint("GET", "rep", OWNER_AND_MANAGERS, true, () -> rep, null),
                new Endpoint("GET", "rep load", OWNER_AND_MANAGERS, true, () -> rep + "/load", null),
                new Endpoint("PUT", "replace rep", MANAGERS, false, () -> rep, () -> Map.of("name", "权限销售-" + u,
                        "seniority", "SENIOR", "capacity", 50, "industries", List.of(industry))),
                new Endpoint("PATCH", "change rep", MANAGERS, false, () -> rep, () -> Map.of("capacity", 50)),
                new Endpoint("DELETE", "deactivate rep", MANAGERS, false, () -> "/api/v1/reps/" + freshRep(), null));
    }

    private Response call(Who who, Endpoint e) {
        RequestSpecification request = as(who);
        Object body = e.body() == null ? null : e.body().get();
        if (body != null) {
            request = request.contentType(ContentType.JSON).body(json(body));
        }
        return request.request(e.method(), e.path().get());
    }

    private static int expected(Endpoint e, Who who) {
        if (who == Who.ANONYMOUS) {
            return 401;
        }
        if (e.allowed().contains(who)) {
            return 200;
        }
        if (e.salesOwn() && who == Who.SALES_OTHER) {
            return 404;
        }
        return 403;
    }

    @Test
    void everyCellOfTheMatrixAnswersAsDecided() {
        List<String> wrong = new ArrayList<>();
        int cells = 0;
        for (Endpoint e : matrix()) {
            for (Who who : Who.values()) {
                int want = expected(e, who);
                Response r = call(who, e);
                cells++;
                int got = r.statusCode();
                boolean ok = want == 200 ? got >= 200 && got < 300 : got == want;
                if (ok && want != 200) {
                    ok = r.contentType().startsWith("application/problem+json")
                            && r.jsonPath().getInt("status") == want;
                }
                if (ok && want == 401) {
                    ok = r.header("WWW-Authenticate") != null && r.header("WWW-Authenticate").contains("Bearer");
                }
                if (ok && want == 403) {
                    ok = "https://leadflow.io/problems/forbidden".equals(r.jsonPath().getString("type"));
                }
                if (!ok) {
                    wrong.add(e.method() + " " + e.name() + " as " + who + ": expected " + want + ", got " + got
                            + " " + r.asString());
                }
            }
        }
        assertThat(wrong).as("cells answering against the matrix").isEmpty();
        assertThat(cells).isEqualTo(24 * Who.values().length);
    }

    @Test
    void deniedWritesChangeNothing() {
        JsonPath policy = given().get("/api/v1/grading-policy").jsonPath();
        int grading = policy.getInt("version");
        int runs = policy.getList("regrades").size();
        int assignment = given().get("/api/v1/assignment-policy").jsonPath().getInt("version");
        String newRep = "rep-perm-denied-" + u;
        for (Who who : List.of(Who.ANONYMOUS, Who.MARKETING, Who.SALES_OWNER, Who.ANALYST)) {
            as(who).contentType(ContentType.JSON).body(json(Map.of("levels", GradingPolicy.defaults().levels(),
                    "rules", GradingPolicy.defaults().rules()))).put("/api/v1/grading-policy");
            as(who).contentType(ContentType.JSON).body(json(Map.of("rules", AssignmentPolicy.defaults().rules())))
                    .put("/api/v1/assignment-policy");
            as(who).contentType(ContentType.JSON).body(json(Map.of("grade", "LOW", "reason", "越权")))
                    .put("/api/v1/grades/" + leadId);
            as(who).contentType(ContentType.JSON).body(json(Map.of("toRepId", movers.get(0), "reason", "越权")))
                    .post("/api/v1/assignments/" + leadId + "/reassign");
            as(who).contentType(ContentType.JSON).body(json(Map.of("id", newRep, "name", "越权-" + u,
                    "seniority", "JUNIOR", "capacity", 5))).post("/api/v1/reps");
            as(who).contentType(ContentType.JSON).body(json(Map.of("capacity", 0))).patch("/api/v1/reps/" + owner);
            as(who).delete("/api/v1/reps/" + owner);
            as(who).post("/api/v1/grading-policy/regrade");
        }
        given().get("/api/v1/grading-policy").then().body("version", equalTo(grading))
                .body("regrades.size()", equalTo(runs));
        given().get("/api/v1/assignment-policy").then().body("version", equalTo(assignment));
        given().get("/api/v1/grades/" + leadId).then().body("grade", equalTo("HIGH"))
                .body("history.size()", equalTo(1));
        given().get("/api/v1/assignments/" + leadId).then().body("owner.ownerId", equalTo(owner))
                .body("history.size()", equalTo(1));
        given().get("/api/v1/reps/" + newRep).then().statusCode(404);
        given().get("/api/v1/reps/" + owner).then().body("active", equalTo(true)).body("capacity", equalTo(50));
    }

    @Test
    void aSalesRepCannotTellAnotherRepsLeadFromOneThatDoesNotExist() {
        String missing = "LX19990101" + u;
        for (String path : List.of("/api/v1/grades/", "/api/v1/assignments/")) {
            JsonPath hidden = as(Who.SALES_OTHER).get(path + leadId).then().statusCode(404)
                    .extract().jsonPath();
            JsonPath absent = as(Who.SALES_OTHER).get(path + missing).then().statusCode(404)
                    .extract().jsonPath();
            assertThat(hidden.getString("detail").replace(leadId, "ID"))
                    .isEqualTo(absent.getString("detail").replace(missing, "ID"));
            assertThat(hidden.getString("detail")).doesNotContain(owner);
        }
        as(Who.SALES_OTHER).get("/api/v1/reps/" + owner).then().statusCode(404)
                .body("detail", equalTo("Rep " + owner + " does not exist"));
        as(Who.SALES_OTHER).get("/api/v1/reps/" + owner + "/load").then().statusCode(404)
                .body(org.hamcrest.Matchers.not(containsString("权限销售")));
    }

    @Test
    void aSalesRepSeesTheirOwnLeadUntilItIsHandedOnAndKeepsSeeingItOnceClosed() {
        as(Who.SALES_OWNER).get("/api/v1/assignments/" + movingLead).then().statusCode(200)
                .body("owner.ownerId", equalTo(owner));
        given().contentType(ContentType.JSON).body(Map.of("toRepId", movers.get(0), "reason", "调岗"))
                .post("/api/v1/assignments/" + movingLead + "/reassign").then().statusCode(200);
        as(Who.SALES_OWNER).get("/api/v1/assignments/" + movingLead).then().statusCode(404);
        as(Who.SALES_OWNER).get("/api/v1/grades/" + movingLead).then().statusCode(404);
        Tokens.as(movers.get(0), Roles.SALES).get("/api/v1/grades/" + movingLead).then().statusCode(200);

        support.send(support.from(leadId, new io.leadflow.events.contract.LeadEvent.LeadWon(
                java.time.LocalDate.of(2024, 3, 26), null, List.of(), owner)));
        await().atMost(Duration.ofSeconds(30)).until(() -> "WON".equals(
                given().get("/api/v1/assignments/" + leadId).jsonPath().getString("status")));
        as(Who.SALES_OWNER).get("/api/v1/assignments/" + leadId).then().statusCode(200)
                .body("status", equalTo("WON"));
        as(Who.SALES_OTHER).get("/api/v1/assignments/" + leadId).then().statusCode(404);
    }

    @Test
    void rolesAddUp() {
        // Sales with marketing still sees only their own; sales with sales-manager sees every lead.
        Tokens.as("rep-someone-else-" + u, Roles.SALES, Roles.MARKETING).get("/api/v1/grades/" + leadId)
                .then().statusCode(404);
        Tokens.as("rep-someone-else-" + u, Roles.SALES, Roles.SALES_MANAGER).get("/api/v1/grades/" + leadId)
                .then().statusCode(200);
        Tokens.as("rep-someone-else-" + u, Roles.SALES, Roles.SALES_MANAGER).get("/api/v1/reps/" + owner)
                .then().statusCode(200);
        Tokens.as(owner, Roles.SALES, Roles.ANALYST).get("/api/v1/assignments").then().statusCode(403);
    }

    @Test
    void badTokensAre401WithoutEchoingThem() {
        for (String token : List.of(Tokens.expired("mgr", Roles.SALES_MANAGER), Tokens.wrongKey("mgr", Roles.ADMIN),
                Tokens.wrongIssuer("mgr", Roles.ADMIN), Tokens.forgedGroups(owner, Roles.SALES), "not.a.jwt")) {
            Tokens.anonymous().header("Authorization", "Bearer " + token).get("/api/v1/assignments").then()
                    .statusCode(401).contentType(containsString("application/problem+json"))
                    .body(org.hamcrest.Matchers.not(containsString(token)));
        }
    }

    @Test
    void everyApiPathInTheOpenApiDocumentNeedsAToken() {
        JsonPath document = Tokens.anonymous().accept("application/json").get("/q/openapi")
                .then().statusCode(200).extract().jsonPath();
        assertThat(document.getString("components.securitySchemes.bearer.scheme")).isEqualToIgnoringCase("bearer");
        Map<String, Map<String, Object>> paths = document.getMap("paths");
        List<String> open = new ArrayList<>();
        int checked = 0;
        for (var path : paths.entrySet()) {
            if (!path.getKey().startsWith("/api/v1")) {
                continue;
            }
            String concrete = path.getKey().replaceAll("\\{[^}]+}", "X1");
            for (String method : path.getValue().keySet()) {
                if (!Set.of("get", "put", "post", "patch", "delete").contains(method)) {
                    continue;
                }
                checked++;
                Object security = ((Map<?, ?>) path.getValue().get(method)).get("security");
                if (security == null || !security.toString().contains("bearer")) {
                    open.add(method.toUpperCase() + " " + path.getKey() + " is not documented as needing a token");
                }
                int status = Tokens.anonymous().contentType(ContentType.JSON).body("{}")
                        .request(method.toUpperCase(), concrete).statusCode();
                if (status != 401) {
                    open.add(method.toUpperCase() + " " + path.getKey() + " -> " + status);
                }
            }
        }
        assertThat(checked).as("operations in /q/openapi").isGreaterThanOrEqualTo(22);
        assertThat(open).as("operations served without a token").isEmpty();
    }
}
