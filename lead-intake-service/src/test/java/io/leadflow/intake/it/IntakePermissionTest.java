package io.leadflow.intake.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.leadflow.events.contract.EventJson;
import io.leadflow.events.security.Roles;
import io.leadflow.events.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The intake rows of the team's permission matrix, cell by cell: for every endpoint, anonymous is a 401 problem, every
 * role the matrix does not allow is a 403 problem (a sales rep asking for a lead they do not own: 404), and every
 * allowed role is served.
 */
@QuarkusTest
class IntakePermissionTest {

    private static final String M = Roles.MARKETING;
    private static final String S = Roles.SALES;
    private static final String SM = Roles.SALES_MANAGER;
    private static final String A = Roles.ANALYST;
    private static final String AD = Roles.ADMIN;
    private static final List<String> ROLES = List.of(M, S, SM, A, AD);
    private static final String SITE = "https://www.xingchen-soft.cn";
    /** The rep the tests' sales token names; routing assigned them the "owned" lead. */
    private static final String REP = "rep-li-" + Leads.token();
    /** The lead the matrix's merge row merges the shared lead into (made by the fixture). */
    private static String mergeTarget;

    @BeforeEach
    void signIn() {
        Tokens.useByDefault("test-admin", AD);
    }

    /**
     * One endpoint of the matrix.
     *
     * @param salesOwn a sales token is served for a lead it owns and gets 404 for any other (path has {lead})
     */
    private record Endpoint(String method, String path, String contentType, Supplier<String> body,
                            Set<String> allowed, boolean salesOwn) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private static Endpoint call(String method, String path, Set<String> allowed) {
        return new Endpoint(method, path, null, null, allowed, false);
    }

    private static Endpoint json(String method, String path, Supplier<Object> body, Set<String> allowed) {
        return new Endpoint(method, path, "application/json", () -> write(body.get()), allowed, false);
    }

    private static String write(Object body) {
        try {
            return EventJson.mapper().writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Endpoint own(String method, String path) {
        return new Endpoint(method, path, null, null, Set.of(M, SM, AD), true);
    }

    /** What the paths' placeholders stand for: data made for this test. */
    private record Fixture(String lead, String ownedLead, String form, String importId, int version) {
        String path(String template) {
            return template.replace("{lead}", lead).replace("{owned}", ownedLead).replace("{form}", form)
                    .replace("{import}", importId).replace("{version}", String.valueOf(version));
        }
    }

    private static Fixture fixture() {
        String lead = Leads.create(Leads.tradeShowLead());
        String owned = Leads.create(Leads.tradeShowLead());
        Leads.assign(owned, REP);
        String form = "perm-" + Leads.token();
        given().contentType(ContentType.JSON).body(Map.of("key", form, "name", "官网首页表单",
                "allowedOrigins", List.of(SITE))).when().post("/api/v1/forms").then().statusCode(201);
        String importId = given().contentType("text/csv; charset=UTF-8").body(csv()).when().post("/api/v1/imports/leads")
                .then().statusCode(202).extract().path("id");
        int version = given().when().get("/api/v1/screening-policy").then().statusCode(200).extract().path("version");
        mergeTarget = Leads.create(Leads.tradeShowLead());
        return new Fixture(lead, owned, form, importId, version);
    }

    private static String csv() {
        return "客户名称,联系人,联系方式,线索来源,需求描述\n云帆商贸" + Leads.token() + ",王总," + Leads.phone()
                + ",官网,知晓一下ERP模块\n";
    }

    private static List<Endpoint> matrix() {
        return List.of(
                json("POST", "/api/v1/leads", Leads::tradeShowLead, Set.of(M, SM, AD)),
                call("GET", "/api/v1/leads", Set.of(M, S, SM, AD)),
                own("GET", "/api/v1/leads/{lead}"),
                own("GET", "/api/v1/leads/{lead}/touches"),
                own("GET", "/api/v1/leads/{lead}/changes"),
                json("PATCH", "/api/v1/leads/{lead}", () -> Map.of("budget", "12万"), Set.of(M, SM, AD)),
                call("POST", "/api/v1/leads/{lead}/rescreen", Set.of(M, SM, AD)),
                // erasure gets a lead of its own below: the shared one must survive the other rows
                json("POST", "/api/v1/forms", () -> Map.of("key", "perm-" + Leads.token(), "name", "活动页表单",
                        "allowedOrigins", List.of(SITE)), Set.of(M, AD)),
                call("GET", "/api/v1/forms", Set.of(M, AD)),
                call("GET", "/api/v1/forms/{form}", Set.of(M, AD)),
                new Endpoint("POST", "/api/v1/imports/leads", "text/csv; charset=UTF-8", IntakePermissionTest::csv,
                        Set.of(M, SM, AD), false),
                call("GET", "/api/v1/imports/{import}", Set.of(M, SM, AD)),
                call("GET", "/api/v1/imports/{import}/rows", Set.of(M, SM, AD)),
                call("GET", "/api/v1/imports/{import}/rows.csv", Set.of(M, SM, AD)),
                call("GET", "/api/v1/screening-policy", Set.of(M, SM, AD)),
                call("GET", "/api/v1/screening-policy/versions", Set.of(M, SM, AD)),
                call("GET", "/api/v1/screening-policy/versions/{version}", Set.of(M, SM, AD)),
                json("PUT", "/api/v1/screening-policy", Map::of, Set.of(M, AD)),
                call("DELETE", "/api/v1/leads/{lead}/possible-duplicate", Set.of(M, SM, AD)),
                // last: the shared lead is merged away by the first role allowed (then merged there again, a no-op)
                json("POST", "/api/v1/leads/{lead}/merge", () -> Map.of("into", mergeTarget), Set.of(M, SM, AD)));
    }

    private static Response send(RequestSpecification request, Endpoint e, Fixture f) {
        if (e.contentType() != null) {
            request = request.contentType(e.contentType()).body(e.body().get());
        }
        return request.request(e.method(), f.path(e.path()));
    }

    @Test
    void everyCellOfTheMatrix() {
        Fixture f = fixture();
        List<String> wrong = new ArrayList<>();
        for (Endpoint e : matrix()) {
            expect(wrong, e, "anonymous", send(Tokens.anonymous(), e, f), 401, "unauthorized");
            for (String role : ROLES) {
                Response response = send(Tokens.as("user-" + role, role), e, f);
                if (e.allowed().contains(role)) {
                    expect(wrong, e, role, response, 200, null);
                } else if (e.salesOwn() && role.equals(S)) {
                    expect(wrong, e, role + " (not the owner)", response, 404, "not-found");
                    expect(wrong, e, role + " (the owner)", send(Tokens.as(REP, S), e,
                            new Fixture(f.ownedLead(), f.ownedLead(), f.form(), f.importId(), f.version())), 200, null);
                } else {
                    expect(wrong, e, role, response, 403, "forbidden");
                }
            }
        }
        // DELETE (erasure): admin only; each refused role leaves the lead as it was
        String erasable = Leads.create(Leads.tradeShowLead());
        Endpoint erase = call("DELETE", "/api/v1/leads/{lead}", Set.of(AD));
        Fixture target = new Fixture(erasable, f.ownedLead(), f.form(), f.importId(), f.version());
        expect(wrong, erase, "anonymous", send(Tokens.anonymous(), erase, target), 401, "unauthorized");
        for (String role : List.of(M, S, SM, A)) {
            expect(wrong, erase, role, send(Tokens.as("user-" + role, role), erase, target), 403, "forbidden");
        }
        given().when().get("/api/v1/leads/" + erasable).then().body("status", equalTo("QUALIFIED"));
        expect(wrong, erase, AD, send(Tokens.as("user-admin", AD), erase, target), 200, null);
        given().when().get("/api/v1/leads/" + erasable).then().body("status", equalTo("ERASED"));
        // the one public endpoint: a website posts without any token
        Tokens.anonymous().header("Origin", SITE).header("X-Forwarded-For", Leads.address()).contentType(ContentType.JSON)
                .body(Map.of("company", "云帆商贸" + Leads.token(), "tel", Leads.phone(), "message", "知晓一下ERP模块"))
                .when().post("/api/v1/forms/" + f.form() + "/submissions").then().statusCode(202);
        assertThat(wrong).as("cells of the matrix answered otherwise").isEmpty();
    }

    /** {@code status} 200 means any 2xx; a refusal must be a problem of the named type. */
    private static void expect(List<String> wrong, Endpoint e, String who, Response response, int status,
                               String problemType) {
        int actual = response.statusCode();
        boolean ok = status == 200 ? actual >= 200 && actual < 300 : actual == status;
        if (ok && problemType != null) {
            ok = response.contentType().startsWith("application/problem+json")
                    && ("https://leadflow.io/problems/" + problemType).equals(response.jsonPath().getString("type"));
        }
        if (!ok) {
            wrong.add(e + " as " + who + ": expected " + status + " " + (problemType == null ? "" : problemType)
                    + ", got " + actual + " " + response.asString());
        }
    }

    @Test
    void aRoleIsAlsoRefusedTheEndpointWithATokenThatIsExpiredForgedOrFromAnotherIssuer() {
        for (String token : List.of(Tokens.expired("user-admin", AD), Tokens.wrongKey("user-admin", AD),
                Tokens.wrongIssuer("user-admin", AD), Tokens.forgedGroups("mallory", S))) {
            given().header("Authorization", "Bearer " + token).when().get("/api/v1/leads").then().statusCode(401)
                    .contentType(containsString("problem+json"))
                    .body(not(containsString(token)));
        }
    }

    @Test
    void theAnalystHasNothingHere() {
        Tokens.as("analyst-he", A).get("/api/v1/leads").then().statusCode(403)
                .body("detail", containsString("analyst"));
    }

    @Test
    void everyApiPathInTheOpenApiDocumentNeedsATokenExceptTheFormSubmission() {
        JsonNode paths = EventJson.mapper().valueToTree(Tokens.anonymous().accept("application/json")
                .get("/q/openapi").then().statusCode(200).extract().jsonPath().getMap("paths"));
        Map<String, Integer> answers = new LinkedHashMap<>();
        int checked = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            if (!path.getKey().startsWith("/api/v1")) {
                continue;
            }
            String concrete = path.getKey().replaceAll("\\{[^}]+}", "X1");
            for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext(); ) {
                String method = methods.next().toUpperCase();
                if (!Set.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                    continue;
                }
                checked++;
                JsonNode content = path.getValue().get(method.toLowerCase()).path("requestBody").path("content");
                String type = content.fieldNames().hasNext() ? content.fieldNames().next() : "application/json";
                // JSON is UTF-8; RestAssured would name ISO-8859-1 on a type it does not know (merge-patch+json).
                String contentType = type.endsWith("json") ? type + "; charset=UTF-8" : type;
                int status = Tokens.anonymous().contentType(contentType).body("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .request(method, concrete).statusCode();
                if (path.getKey().endsWith("/submissions")) {
                    assertThat(status).as("the public form submission needs no token").isNotEqualTo(401);
                } else if (status != 401) {
                    answers.put(method + " " + path.getKey(), status);
                }
            }
        }
        assertThat(checked).as("operations found in /q/openapi").isGreaterThanOrEqualTo(19);
        assertThat(answers).as("operations answered without a token").isEmpty();
    }

    @Test
    void theOldIdentityHeaderIsGoneFromTheApiDocument() {
        Tokens.anonymous().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body(not(containsString("X-User")));
    }

    @Test
    void aSalesRepReadsOnlyTheirOwnLeadsAndSeesNoSignOfOthers() {
        String rep = "rep-zhang-" + Leads.token();
        String other = "rep-zhao-" + Leads.token();
        String mine = Leads.create(Leads.tradeShowLead());
        String theirs = Leads.create(Leads.tradeShowLead());
        String unassigned = Leads.create(Leads.tradeShowLead());
        Leads.assign(mine, rep);
        Leads.assign(theirs, other);

        Tokens.as(rep, S).queryParam("size", 200).get("/api/v1/leads").then().statusCode(200)
                .body("total", equalTo(1))
                .body("items.id", hasItem(mine))
                .body("items.ownerId", everyItem(equalTo(rep)));
        // asking for someone else's leads by filter changes nothing: still only their own
        Tokens.as(rep, S).queryParam("ownerId", other).get("/api/v1/leads").then().statusCode(200)
                .body("total", equalTo(0));
        for (String path : List.of("", "/touches", "/changes")) {
            Tokens.as(rep, S).get("/api/v1/leads/" + mine + path).then().statusCode(200);
            for (String notMine : List.of(theirs, unassigned)) {
                Tokens.as(rep, S).get("/api/v1/leads/" + notMine + path).then().statusCode(404)
                        .contentType(containsString("problem+json"))
                        .body(not(containsString(other)));
            }
        }
        // the 404 of a lead that exists reads exactly like one that does not
        String absent = Tokens.as(rep, S).get("/api/v1/leads/LX20000101999997").then().statusCode(404)
                .extract().path("detail");
        String hidden = Tokens.as(rep, S).get("/api/v1/leads/" + theirs).then().statusCode(404)
                .extract().path("detail");
        assertThat(hidden.replace(theirs, "ID")).isEqualTo(absent.replace("LX20000101999997", "ID"));
        // several roles: the union, so a rep who is also a manager sees every lead
        Tokens.as(rep, S, SM).get("/api/v1/leads/" + theirs).then().statusCode(200);
        Tokens.as(rep, S, M).get("/api/v1/leads/" + unassigned).then().statusCode(200);
    }
}
