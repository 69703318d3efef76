package io.leadflow.followup.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.leadflow.events.security.Roles;
import io.leadflow.events.testing.Tokens;
import io.leadflow.followup.service.SlaService;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The permission matrix of follow-up (README, "Permissions"), cell by cell: every endpoint refuses a caller without a
 * token (401) and every role the matrix does not name (403); a sales rep asking for a lead or a task that is not
 * theirs is told it does not exist (404); the lists a rep may read are their own; the roles it names are served.
 */
@QuarkusTest
class FollowupPermissionTest extends FollowupTestSupport {

    private static final String M = Roles.MARKETING;
    private static final String S = Roles.SALES;
    private static final String SM = Roles.SALES_MANAGER;
    private static final String A = Roles.ANALYST;
    private static final String AD = Roles.ADMIN;
    private static final List<String> ROLES = List.of(M, S, SM, A, AD);

    /** How a sales rep's access is limited beyond the role. */
    enum Own {
        /** The role decides alone. */
        NONE,
        /** Only a lead they own; anyone else's is a 404. */
        LEAD,
        /** Only a task they own; anyone else's is a 404. */
        TASK,
        /** A list, filtered to their own. */
        LIST
    }

    /**
     * A follow-up of the lead the matrix is checked on, once a test logged one; before that an id that exists
     * nowhere (the refusals a row is checked for come before the follow-up is looked up).
     */
    private static final java.util.concurrent.atomic.AtomicReference<String> FOLLOW_UP =
            new java.util.concurrent.atomic.AtomicReference<>("F-unknown");

    /** One row of the matrix: {lead}, {task} and {followup} are replaced by a lead, task and follow-up of a rep. */
    record Endpoint(String method, String path, String contentType, String body, Set<String> allowed, Own own) {

        String url(String leadId, String taskId) {
            return path.replace("{lead}", leadId).replace("{task}", taskId).replace("{followup}", FOLLOW_UP.get());
        }

        Response call(RequestSpecification spec, String leadId, String taskId) {
            RequestSpecification request = spec.contentType(contentType);
            if (body != null) {
                request = request.body(body);
            }
            return request.when().request(method, url(leadId, taskId));
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private static Endpoint row(String method, String path, Own own, String... allowed) {
        String contentType = path.startsWith("/api/v1/imports") ? "text/csv" : "application/json";
        String body = method.equals("GET") ? null : path.startsWith("/api/v1/imports") ? "线索编号,跟进日期\n" : "{}";
        return new Endpoint(method, path, contentType, body, Set.of(allowed), own);
    }

    /** A dead letter's id that exists nowhere: a refused request must be refused before it is looked up. */
    private static final String DEAD_LETTER = "leadflow.intake.v1.dlq:0:999999999";

    /** The matrix's follow-up rows, exactly as the README states them. */
    static final List<Endpoint> MATRIX = List.of(
            row("GET", "/api/v1/cadence-policy", Own.NONE, S, SM, AD),
            row("PUT", "/api/v1/cadence-policy", Own.NONE, SM, AD),
            row("GET", "/api/v1/cadence-policy/versions", Own.NONE, S, SM, AD),
            row("GET", "/api/v1/cadence-policy/versions/1", Own.NONE, S, SM, AD),
            row("POST", "/api/v1/cadence-policy/what-ifs", Own.NONE, SM, A, AD),
            row("POST", "/api/v1/imports/followups", Own.NONE, SM, AD),
            row("GET", "/api/v1/pipeline/{lead}", Own.LEAD, S, SM, AD),
            row("GET", "/api/v1/pipeline/{lead}/followups", Own.LEAD, S, SM, AD),
            row("GET", "/api/v1/pipeline/{lead}/followups/{followup}", Own.LEAD, S, SM, AD),
            row("POST", "/api/v1/pipeline/{lead}/followups", Own.LEAD, S, SM, AD),
            row("GET", "/api/v1/pipeline/{lead}/sla", Own.LEAD, S, SM, AD),
            row("GET", "/api/v1/pipeline/{lead}/history", Own.LEAD, S, SM, AD),
            row("POST", "/api/v1/pipeline/{lead}/stage", Own.LEAD, S, SM, AD),
            row("POST", "/api/v1/pipeline/{lead}/outcome", Own.LEAD, S, SM, AD),
            row("POST", "/api/v1/pipeline/{lead}/regrade-requests", Own.LEAD, S, SM, AD),
            row("GET", "/api/v1/sla/breaches", Own.LIST, S, SM, AD),
            row("GET", "/api/v1/sla/overdue-touches", Own.LIST, S, SM, AD),
            row("GET", "/api/v1/lost-reasons", Own.NONE, M, S, SM, A, AD),
            row("GET", "/api/v1/tasks", Own.LIST, S, SM, AD),
            row("GET", "/api/v1/tasks/{task}", Own.TASK, S, SM, AD),
            row("POST", "/api/v1/tasks/{task}/complete", Own.TASK, S, SM, AD),
            row("POST", "/api/v1/tasks/{task}/snooze", Own.TASK, S, SM, AD),
            // lead-events' dead-letter endpoints, the same in every service
            row("GET", "/api/v1/admin/followup/dead-letters", Own.NONE, AD),
            row("POST", "/api/v1/admin/followup/dead-letters/redrive", Own.NONE, AD),
            row("POST", "/api/v1/admin/followup/dead-letters/" + DEAD_LETTER + "/redrive", Own.NONE, AD));

    @Inject
    SlaService sla;

    /** A HIGH lead of {@code owner}, assigned an hour ago: a first-response task and a weekly sync. */
    private String leadOf(String owner) {
        String leadId = newLeadId();
        assign(leadId, owner, "李销售", "HIGH", "TRADE_SHOW", Instant.now().minus(Duration.ofHours(1)));
        awaitOpenTasks(leadId, 2);
        return leadId;
    }

    private static String taskOf(String leadId, String kind) {
        return given().queryParam("leadId", leadId).when().get("/api/v1/tasks").then().statusCode(200).extract()
                .jsonPath().getString("items.find { it.kind == '" + kind + "' }.id");
    }

    private static String describe(Endpoint e, String who, int expected, Response response) {
        return e + " as " + who + ": expected " + expected + ", got " + response.statusCode() + " "
                + response.asString();
    }

    @Test
    void everyEndpointWantsAValidToken() {
        String leadId = leadOf(newRep("li"));
        String taskId = taskOf(leadId, "WEEKLY_SYNC");
        List<String> wrong = new ArrayList<>();
        for (Endpoint e : MATRIX) {
            for (String token : new String[] {null, Tokens.expired("test-admin", AD), Tokens.wrongKey("test-admin", AD),
                    Tokens.wrongIssuer("test-admin", AD), Tokens.forgedGroups("rep", S)}) {
                RequestSpecification spec = token == null ? Tokens.anonymous()
                        : RestAssured.given().header("Authorization", "Bearer " + token);
                Response response = e.call(spec, leadId, taskId);
                if (response.statusCode() != 401 || !response.contentType().startsWith("application/problem+json")
                        || !"https://leadflow.io/problems/unauthorized".equals(response.path("type"))) {
                    wrong.add(describe(e, token == null ? "anonymous" : "a bad token", 401, response));
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void everyRoleTheMatrixDoesNotNameIsForbidden() {
        String owner = newRep("li");
        String leadId = leadOf(owner);
        String taskId = taskOf(leadId, "WEEKLY_SYNC");
        List<String> wrong = new ArrayList<>();
        int cells = 0;
        for (Endpoint e : MATRIX) {
            List<String[]> denied = new ArrayList<>();
            ROLES.stream().filter(r -> !e.allowed().contains(r)).forEach(r -> denied.add(new String[] {r}));
            denied.add(new String[] {});                               // a token without any role
            denied.add(new String[] {"Sales-Manager", "ADMIN", "root"}); // look-alikes are not roles
            for (String[] roles : denied) {
                // The owner themself: a role the matrix does not name is refused even on one's own lead.
                Response response = e.call(Tokens.as(owner, roles), leadId, taskId);
                cells++;
                if (response.statusCode() != 403
                        || !"https://leadflow.io/problems/forbidden".equals(response.path("type"))) {
                    wrong.add(describe(e, String.join(",", roles), 403, response));
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(cells).as("denied cells tested").isGreaterThanOrEqualTo(MATRIX.size() * 2);
        // Nothing was changed by a refused request.
        given().when().get("/api/v1/pipeline/" + leadId).then().body("stage", equalTo("NEW")).body("openTasks", equalTo(2));
        given().when().get("/api/v1/pipeline/" + leadId + "/followups").then().body("total", equalTo(0));
    }

    @Test
    void aSalesRepIsToldSomeoneElsesLeadOrTaskDoesNotExist() {
        String owner = newRep("li");
        String leadId = leadOf(owner);
        String taskId = taskOf(leadId, "WEEKLY_SYNC");
        String stranger = newRep("zhao");
        String unknownLead = newLeadId();
        List<String> wrong = new ArrayList<>();
        for (Endpoint e : MATRIX) {
            if (e.own() != Own.LEAD && e.own() != Own.TASK) {
                continue;
            }
            Response theirs = e.call(Tokens.as(stranger, S), leadId, taskId);
            Response none = e.call(Tokens.as(stranger, S), unknownLead, "T-unknown");
            if (theirs.statusCode() != 404 || theirs.asString().contains(owner)) {
                wrong.add(describe(e, "another rep", 404, theirs));
            }
            // The same answer as for a lead or task that does not exist: nothing to tell them apart.
            String expected = none.<String>path("detail").replace(unknownLead, leadId).replace("T-unknown", taskId);
            if (!expected.equals(theirs.path("detail"))) {
                wrong.add(e + ": '" + theirs.path("detail") + "' differs from the unknown one's '" + expected + "'");
            }
            // A rep who also has a role without oversight (marketing, analyst) is still only a rep here.
            Response mixed = e.call(Tokens.as(stranger, S, M, A), leadId, taskId);
            if (mixed.statusCode() != 404) {
                wrong.add(describe(e, "another rep with marketing and analyst", 404, mixed));
            }
        }
        assertThat(wrong).isEmpty();
        given().when().get("/api/v1/pipeline/" + leadId + "/followups").then().body("total", equalTo(0));
        given().when().get("/api/v1/pipeline/" + leadId).then().body("stage", equalTo("NEW"));
    }

    @Test
    void theRolesTheMatrixNamesAreServed() {
        String owner = newRep("li");
        String leadId = leadOf(owner);
        String taskId = taskOf(leadId, "WEEKLY_SYNC");
        // the follow-up a GET of one names: its Location, as logging it answered
        String location = as(owner, S).body("{\"method\":\"电话\",\"content\":\"首次电话\"}").when()
                .post("/api/v1/pipeline/" + leadId + "/followups").then().statusCode(201).extract().header("Location");
        FOLLOW_UP.set(location.substring(location.lastIndexOf('/') + 1));
        given().when().get(location).then().statusCode(200).body("id", equalTo(FOLLOW_UP.get()))
                .body("leadId", equalTo(leadId));
        given().when().get("/api/v1/pipeline/" + leadId + "/followups/F-unknown").then().statusCode(404);
        taskId = taskOf(leadId, "WEEKLY_SYNC");
        List<String> wrong = new ArrayList<>();
        for (Endpoint e : MATRIX) {
            if (!e.method().equals("GET")) {
                continue;
            }
            for (String role : e.allowed()) {
                // A sales rep asks about their own lead and their own list.
                Response response = e.call(Tokens.as(role.equals(S) ? owner : "user-" + role, role), leadId, taskId);
                if (response.statusCode() != 200) {
                    wrong.add(describe(e, role, 200, response));
                }
            }
        }
        assertThat(wrong).isEmpty();

        // Every write, by the owner where a rep may, and by each overseeing role somewhere.
        String base = "/api/v1/pipeline/" + leadId;
        as(owner, S).body("{\"method\":\"电话\",\"content\":\"首次电话,介绍产品\"}").when().post(base + "/followups")
                .then().statusCode(201).body("loggedBy", equalTo(owner));
        as("manager-chen", SM).body("{\"method\":\"邮件\",\"content\":\"补充方案\"}").when().post(base + "/followups")
                .then().statusCode(201).body("loggedBy", equalTo("manager-chen"));
        as(owner, S).body("{\"stage\":\"需求确认\",\"reason\":\"客户确认预算\"}").when().post(base + "/stage")
                .then().statusCode(200).body("stage", equalTo("NEEDS_CONFIRMED"));
        as("root", AD).body("{\"stage\":\"方案\"}").when().post(base + "/stage").then().statusCode(200);
        as(owner, S).body("{\"suggestedGrade\":\"中意向\",\"reason\":\"预算推迟\"}").when().post(base + "/regrade-requests")
                .then().statusCode(202);
        as(owner, S).body("{\"note\":\"已同步进展\"}").when().post("/api/v1/tasks/" + taskId + "/complete")
                .then().statusCode(200).body("closedBy", equalTo(owner));
        String next = taskOf(leadId, "WEEKLY_SYNC");
        String until = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(10).toString();
        as(owner, S).body("{\"until\":\"" + until + "\",\"reason\":\"客户出差\"}").when()
                .post("/api/v1/tasks/" + next + "/snooze").then().statusCode(200).body("snoozedBy", equalTo(owner));
        as("manager-chen", SM).body("{\"until\":\"" + until + "\",\"reason\":\"客户仍在出差\"}").when()
                .post("/api/v1/tasks/" + next + "/snooze").then().statusCode(200).body("snoozedBy", equalTo("manager-chen"));
        as("manager-chen", SM).body("{\"outcome\":\"LOST\",\"reason\":\"BUDGET\"}").when().post(base + "/outcome")
                .then().statusCode(200).body("outcome.recordedBy", equalTo("manager-chen"));
        as("root", AD).contentType("text/csv").body(("线索编号,跟进日期,跟进方式,沟通内容\n" + leadId + ",2024-03-02,电话,问候\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).when().post("/api/v1/imports/followups")
                .then().statusCode(200).body("rows", equalTo(1));
        Map<String, Object> policy = given().when().get("/api/v1/cadence-policy").then().extract().jsonPath().getMap("$");
        for (String role : List.of(SM, AD)) {
            policy.put("version", given().when().get("/api/v1/cadence-policy").then().extract().path("version"));
            policy.put("changeReason", "权限测试: 原样重新发布");
            as("boss-" + role, role).body(policy).when().put("/api/v1/cadence-policy").then().statusCode(200)
                    .body("changedBy", equalTo("boss-" + role));
        }
    }

    @Test
    void aSalesRepsListsAreTheirOwn() {
        String li = newRep("li");
        String zhao = newRep("zhao");
        Instant longAgo = Instant.now().minus(Duration.ofHours(60));
        String mine = newLeadId();
        String theirs = newLeadId();
        assign(mine, li, "李销售", "HIGH", "TRADE_SHOW", longAgo);
        assign(theirs, zhao, "赵销售", "HIGH", "TRADE_SHOW", longAgo);
        awaitOpenTasks(mine, 2);
        awaitOpenTasks(theirs, 2);
        sla.detectBreaches(500);

        // Tasks: their own list by default; asking for another owner's is refused, not silently emptied.
        Tokens.as(li, S).when().get("/api/v1/tasks").then().statusCode(200)
                .body("items.ownerId", everyItem(equalTo(li))).body("items.leadId", hasItem(mine));
        Tokens.as(li, S).queryParam("ownerId", li).when().get("/api/v1/tasks").then().statusCode(200)
                .body("total", equalTo(2));
        Tokens.as(li, S).queryParam("ownerId", zhao).when().get("/api/v1/tasks").then().statusCode(403)
                .body("type", equalTo("https://leadflow.io/problems/forbidden"));
        Tokens.as(li, S).queryParam("leadId", theirs).when().get("/api/v1/tasks").then().statusCode(200)
                .body("total", equalTo(0));
        Tokens.as("manager-chen", SM).queryParam("ownerId", zhao).when().get("/api/v1/tasks").then().statusCode(200)
                .body("total", equalTo(2));

        // Breaches and overdue touches: filtered to their own leads.
        Tokens.as(li, S).queryParam("size", 200).when().get("/api/v1/sla/breaches").then().statusCode(200)
                .body("items.leadId", hasItem(mine)).body("items.leadId", not(hasItem(theirs)))
                .body("items.ownerId", everyItem(equalTo(li)));
        Tokens.as(li, S).queryParam("ownerId", zhao).when().get("/api/v1/sla/breaches").then().statusCode(200)
                .body("total", equalTo(0));
        Tokens.as("manager-chen", SM).queryParam("ownerId", zhao).when().get("/api/v1/sla/breaches").then()
                .statusCode(200).body("items.leadId", hasItem(theirs));
        Tokens.as(li, S).queryParam("size", 200).when().get("/api/v1/sla/overdue-touches").then().statusCode(200)
                .body("items.leadId", hasItem(mine)).body("items.ownerId", everyItem(equalTo(li)));
        Tokens.as(li, S).queryParam("ownerId", zhao).when().get("/api/v1/sla/overdue-touches").then().statusCode(200)
                .body("total", equalTo(0));
        Tokens.as("root", AD).queryParam("ownerId", zhao).when().get("/api/v1/sla/overdue-touches").then()
                .statusCode(200).body("items.leadId", hasItem(theirs));
    }

    /** Every /api/v1 operation the service documents is in the matrix above, and none answers without a token. */
    @Test
    void everyDocumentedOperationIsInTheMatrixAndWantsAToken() {
        Map<String, Map<String, Object>> paths = given().accept("application/json").when().get("/q/openapi").then()
                .statusCode(200).extract().jsonPath().getMap("paths");
        Set<String> documented = new LinkedHashSet<>();
        List<String> open = new ArrayList<>();
        paths.forEach((path, operations) -> {
            if (!path.startsWith("/api/v1")) {
                return;
            }
            for (String method : operations.keySet()) {
                if (!Set.of("get", "put", "post", "patch", "delete").contains(method)) {
                    continue;
                }
                String generic = path.replaceAll("\\{[^}]+}", "{}");
                documented.add(method.toUpperCase() + " " + generic);
                String url = path.replaceAll("\\{[^}]+}", "1");
                // The body in a type the operation takes, so that only the missing token can be what is refused.
                Object operation = operations.get(method);
                String type = "application/json";
                if (operation instanceof Map<?, ?> op && op.get("requestBody") instanceof Map<?, ?> body
                        && body.get("content") instanceof Map<?, ?> content && !content.isEmpty()) {
                    type = String.valueOf(content.keySet().iterator().next());
                }
                Response response = Tokens.anonymous().contentType(type).body("{}")
                        .when().request(method.toUpperCase(), url);
                if (response.statusCode() != 401) {
                    open.add(method.toUpperCase() + " " + path + " answered " + response.statusCode() + " without a token");
                }
            }
        });
        assertThat(open).isEmpty();
        Set<String> inMatrix = new LinkedHashSet<>();
        for (Endpoint e : MATRIX) {
            inMatrix.add(e.method() + " " + e.path().replaceAll("\\{[^}]+}", "{}").replace("/versions/1", "/versions/{}")
                    .replace("/dead-letters/" + DEAD_LETTER + "/", "/dead-letters/{}/"));
        }
        assertThat(documented).containsExactlyInAnyOrderElementsOf(inMatrix);
        // Clients reading the OpenAPI document learn that it takes a bearer JWT (and no identity headers).
        given().accept("application/json").when().get("/q/openapi").then()
                .body("components.securitySchemes.collect { it.value.scheme?.toLowerCase() }", hasItem("bearer"))
                .body(not(org.hamcrest.Matchers.containsString("X-Leadflow")));
    }
}
