package io.leadflow.analytics.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.leadflow.analytics.it.EventFeed.Story;
import io.leadflow.events.contract.EventEnvelope;
import io.leadflow.events.security.Roles;
import io.leadflow.events.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * The analytics rows of the permission matrix (README "Permissions"), cell by cell: every endpoint for anonymous
 * callers (401) and for each of the five roles, allowed (2xx) or denied (403 problem).
 */
@QuarkusTest
class AnalyticsPermissionTest {

    private static final String M = Roles.MARKETING;
    private static final String S = Roles.SALES;
    private static final String SM = Roles.SALES_MANAGER;
    private static final String A = Roles.ANALYST;
    private static final String AD = Roles.ADMIN;
    private static final List<String> ALL_ROLES = List.of(M, S, SM, A, AD);
    private static final Set<String> READERS = Set.of(A, SM, M, AD);

    /** The lead every "GET leads/{id}" cell reads; fed once, before the first cell that needs it. */
    private static final String LEAD = EventFeed.leadId();
    private static volatile boolean leadFed;

    @Inject
    EventFeed feed;

    record Endpoint(String method, String path, Set<String> allowed, int allowedStatus) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** The matrix: every endpoint, in JSON and CSV where it has both, with the roles that may call it. */
    static List<Endpoint> endpoints() {
        List<Endpoint> e = new ArrayList<>();
        for (String read : List.of("conversion", "conversion?groupBy=owner", "sources", "funnel",
                "response-times?groupBy=owner", "cohorts", "insights", "reviews/2024-03", "leads")) {
            String sep = read.contains("?") ? "&" : "?";
            e.add(new Endpoint("GET", "/api/v1/analytics/" + read, READERS, 200));
            e.add(new Endpoint("GET", "/api/v1/analytics/" + read + sep + "format=csv", READERS, 200));
        }
        e.add(new Endpoint("GET", "/api/v1/analytics/reviews/2024-03?format=html", READERS, 200));
        e.add(new Endpoint("GET", "/api/v1/analytics/leads/" + LEAD, READERS, 200));
        e.add(new Endpoint("GET", "/api/v1/analytics/rebuild", Set.of(A, AD), 200));
        e.add(new Endpoint("POST", "/api/v1/analytics/rebuild", Set.of(AD), 202));
        return e;
    }

    static Stream<Arguments> cells() {
        List<Arguments> cells = new ArrayList<>();
        for (Endpoint endpoint : endpoints()) {
            for (String role : ALL_ROLES) {
                cells.add(Arguments.of(endpoint, role, endpoint.allowed().contains(role) ? endpoint.allowedStatus()
                        : 403));
            }
        }
        return cells.stream();
    }

    static Stream<Endpoint> everyEndpoint() {
        return endpoints().stream();
    }

    @BeforeEach
    void noDefaultToken() {
        Tokens.clearDefault();
    }

    @ParameterizedTest(name = "{0} as {1} -> {2}")
    @MethodSource("cells")
    void eachRoleGetsWhatTheMatrixSays(Endpoint endpoint, String role, int expected) {
        String user = "perm-" + role;
        if (expected == 403) {
            forbidden(call(Tokens.as(user, role), endpoint), role);
            return;
        }
        if (endpoint.method().equals("POST")) {
            startRebuildAs(user, role);
            return;
        }
        if (endpoint.path().contains(LEAD)) {
            ensureLeadFed();
        }
        call(Tokens.as(user, role), endpoint).statusCode(expected);
    }

    @ParameterizedTest(name = "{0} anonymous -> 401")
    @MethodSource("everyEndpoint")
    void noTokenIs401ForEveryEndpoint(Endpoint endpoint) {
        unauthorized(call(Tokens.anonymous(), endpoint));
    }

    @Test
    void refusedTokensAre401AndForgedGroupsPromoteNobody() {
        for (String token : List.of(Tokens.expired("eve", AD), Tokens.wrongKey("eve", AD),
                Tokens.wrongIssuer("eve", AD), Tokens.forgedGroups("eve", S), "not.a.jwt")) {
            unauthorized(RestAssured.given().header("Authorization", "Bearer " + token)
                    .get("/api/v1/analytics/leads").then())
                    .body(org.hamcrest.Matchers.not(containsString(token)));
            unauthorized(RestAssured.given().header("Authorization", "Bearer " + token)
                    .post("/api/v1/analytics/rebuild").then());
        }
    }

    @Test
    void rolesAddUpAndNoRoleIsNoAccess() {
        Tokens.as("rep-also-analyst", S, A).get("/api/v1/analytics/conversion").then().statusCode(200);
        Tokens.as("manager-and-analyst", SM, A).get("/api/v1/analytics/rebuild").then().statusCode(200);
        forbidden(Tokens.as("nobody").get("/api/v1/analytics/conversion").then(), "none");
        forbidden(Tokens.as("auditor", "auditor").get("/api/v1/analytics/leads").then(), "auditor");
    }

    @Test
    void authorisationIsDecidedBeforeTheQueryIsRead() {
        forbidden(Tokens.as("rep", S).queryParam("groupBy", "colour").get("/api/v1/analytics/conversion").then(), S);
        forbidden(Tokens.as("rep", S).get("/api/v1/analytics/reviews/2024-13").then(), S);
        unauthorized(Tokens.anonymous().queryParam("from", "last week").get("/api/v1/analytics/sources").then());
        Tokens.as("analyst", A).queryParam("groupBy", "colour").get("/api/v1/analytics/conversion").then()
                .statusCode(400);
    }

    @Test
    void aDeniedRebuildStartsNothing() {
        awaitNoRebuild();
        List<Object> before = Tokens.as("admin", AD).get("/api/v1/analytics/rebuild").then().statusCode(200)
                .extract().jsonPath().getList("recent.generation");
        for (String role : List.of(M, S, SM, A)) {
            forbidden(Tokens.as("perm-" + role, role).post("/api/v1/analytics/rebuild").then(), role);
        }
        Tokens.as("admin", AD).get("/api/v1/analytics/rebuild").then().statusCode(200)
                .body("recent.generation", equalTo(before));
    }

    /** Every /api/v1 operation the service documents needs a token: none is left open by a missing annotation. */
    @Test
    void everyDocumentedApiOperationNeedsAToken() {
        Map<String, Map<String, Object>> paths = Tokens.anonymous().accept("application/json").get("/q/openapi")
                .then().statusCode(200).extract().jsonPath().getMap("paths");
        int operations = 0;
        for (Map.Entry<String, Map<String, Object>> path : paths.entrySet()) {
            if (!path.getKey().startsWith("/api/v1")) {
                continue;
            }
            String concrete = path.getKey().replace("{month}", "2024-03").replaceAll("\\{[^}]+}", "LX1");
            for (String method : path.getValue().keySet()) {
                if (!List.of("get", "post", "put", "patch", "delete").contains(method)) {
                    continue;
                }
                operations++;
                unauthorized(Tokens.anonymous().request(method.toUpperCase(), concrete).then());
            }
        }
        assertThat(operations).as("documented /api/v1 operations").isGreaterThanOrEqualTo(11);
    }

    private static ValidatableResponse call(RequestSpecification request, Endpoint endpoint) {
        return request.request(endpoint.method(), endpoint.path()).then();
    }

    private static ValidatableResponse unauthorized(ValidatableResponse response) {
        return response.statusCode(401)
                .contentType(startsWith("application/problem+json"))
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("status", equalTo(401))
                .body("type", equalTo("https://leadflow.io/problems/unauthorized"));
    }

    private static ValidatableResponse forbidden(ValidatableResponse response, String role) {
        return response.statusCode(403)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(403))
                .body("type", equalTo("https://leadflow.io/problems/forbidden"))
                .body("detail", containsString(role));
    }

    /** The admin cell of POST rebuild: started, named after its starter, and left finished for the next test. */
    private static void startRebuildAs(String user, String role) {
        awaitNoRebuild();
        int generation = Tokens.as(user, role).post("/api/v1/analytics/rebuild").then().statusCode(202)
                .body("started.startedBy", equalTo(user))
                .extract().jsonPath().getInt("started.generation");
        awaitNoRebuild();
        Tokens.as(user, role).get("/api/v1/analytics/rebuild").then().statusCode(200)
                .body("recent.find { it.generation == " + generation + " }.status", equalTo("ACTIVE"))
                .body("recent.find { it.generation == " + generation + " }.startedBy", equalTo(user));
    }

    private static void awaitNoRebuild() {
        EventFeed.eventually(Duration.ofSeconds(90), () -> Tokens.as("admin", AD).get("/api/v1/analytics/rebuild")
                .then().statusCode(200).body("recent.findAll { it.status == 'BUILDING' }.size()", equalTo(0)));
    }

    private void ensureLeadFed() {
        synchronized (AnalyticsPermissionTest.class) {
            if (!leadFed) {
                // A story's events under this class's fixed lead id, which the matrix names before any test runs.
                feed.send(new Story("WEBSITE_FORM", LocalDate.of(2024, 3, 5)).captured("SOFTWARE", "上海")
                        .events().stream().map(e -> EventEnvelope.of(LEAD, e.occurredAt(), e.producer(),
                                e.payload())).toList());
                leadFed = true;
            }
        }
        EventFeed.eventually(Duration.ofSeconds(30), () -> Tokens.as("admin", AD)
                .get("/api/v1/analytics/leads/" + LEAD).then().statusCode(200));
    }
}
