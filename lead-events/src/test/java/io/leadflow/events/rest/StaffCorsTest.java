package io.leadflow.events.rest;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.leadflow.events.security.Roles;
import io.leadflow.events.testing.Tokens;
import io.leadflow.events.vocabulary.Language;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * A staff single-page app on another origin calls the staff APIs: its preflight is answered without a token, its
 * answers (errors included) carry the CORS headers, and an origin not in the suite's list gets none of them. The
 * test profile keeps the shared default origins (the dev servers on this machine).
 */
@QuarkusTest
class StaffCorsTest {

    static final String APP = "http://127.0.0.1:5173";
    static final String OTHER = "https://evil.example";

    @AfterEach
    void noDefaultToken() {
        Tokens.clearDefault();
    }

    private static RequestSpecification preflight(String origin, String method) {
        return Tokens.anonymous().header("Origin", origin).header("Access-Control-Request-Method", method)
                .header("Access-Control-Request-Headers", "authorization,content-type");
    }

    /** What a browser needs to hand an answer to the app. */
    private static ValidatableResponse readableBy(ValidatableResponse response, String origin) {
        return response.header("Access-Control-Allow-Origin", equalTo(origin))
                .header("Access-Control-Expose-Headers", allOf(containsString("Location"), containsString("ETag"),
                        containsString("X-Total-Count"), containsString("Retry-After"),
                        containsString("Content-Disposition"), containsString("WWW-Authenticate")))
                .header("Access-Control-Allow-Credentials", nullValue())
                .header("Vary", containsString("Origin"));
    }

    private static ValidatableResponse unreadable(ValidatableResponse response) {
        return response.header("Access-Control-Allow-Origin", nullValue())
                .header("Access-Control-Expose-Headers", nullValue());
    }

    @Test
    void aPreflightFromAStaffAppIsAnsweredWithoutAToken() {
        for (String method : List.of("GET", "POST", "PUT", "PATCH", "DELETE")) {
            preflight(APP, method).when().options("/secured/admin").then().statusCode(204)
                    .header("Access-Control-Allow-Origin", equalTo(APP))
                    .header("Access-Control-Allow-Methods", containsString(method))
                    .header("Access-Control-Allow-Headers", allOf(containsString("Authorization"),
                            containsString("Content-Type"), containsString("If-Match"),
                            containsString("If-None-Match"), containsString("Idempotency-Key"),
                            containsString("Accept-Language")))
                    .header("Access-Control-Max-Age", equalTo("3600"))
                    .header("Access-Control-Allow-Credentials", nullValue())
                    .header("WWW-Authenticate", nullValue());
        }
        // Every default dev-server origin, as the browser writes it.
        for (String origin : List.of("http://localhost:5173", "http://localhost:3000", "http://127.0.0.1:3000",
                "http://localhost:4200", "http://localhost:8080")) {
            preflight(origin, "POST").when().options("/probe").then().statusCode(204)
                    .header("Access-Control-Allow-Origin", equalTo(origin));
        }
    }

    @Test
    void aPreflightFromAnotherOriginIsRefusedWithoutCorsHeaders() {
        for (String origin : List.of(OTHER, "http://localhost:5174", "https://127.0.0.1:5173", "null",
                "http://localhost:5173/app", "not an origin", "http://[::1")) {
            unreadable(preflight(origin, "POST").when().options("/secured/admin").then().statusCode(403)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://leadflow.io/problems/origin-not-allowed"))
                    .body("detail", containsString("LEADFLOW_CORS_ORIGINS")));
        }
    }

    @Test
    void aStaffAppReadsWhatItCreatedWithItsHeaders() {
        readableBy(Tokens.as("alice", Roles.ADMIN).header("Origin", APP).contentType(ContentType.JSON)
                .body(Map.of("text", "回访客户")).when().post("/secured/notes").then().statusCode(201)
                .header("Location", containsString("/secured/notes/1"))
                .header("ETag", equalTo("\"v1\""))
                .header("X-Total-Count", equalTo("1"))
                .body("by", equalTo("alice")), APP);
        readableBy(Tokens.anonymous().header("Origin", APP).when().get("/probe?size=2").then().statusCode(200), APP);
    }

    @Test
    void anotherOriginIsServedButTheBrowserIsNotToldItMayRead() {
        unreadable(Tokens.as("alice", Roles.ADMIN).header("Origin", OTHER).when().get("/secured/admin").then()
                .statusCode(200).header("Vary", containsString("Origin")));
        unreadable(Tokens.anonymous().header("Origin", "null").when().get("/probe?size=2").then().statusCode(200));
        unreadable(Tokens.anonymous().when().get("/probe?size=2").then().statusCode(200)
                .header("Vary", containsString("Origin")));
    }

    /** Without the CORS headers on an error the browser hands the app a network error instead of the problem. */
    @Test
    void problemsCarryTheCorsHeadersSoTheAppCanReadThem() {
        readableBy(Tokens.anonymous().header("Origin", APP).when().get("/secured/admin").then().statusCode(401)
                .contentType("application/problem+json").header("WWW-Authenticate", equalTo("Bearer realm=\"leadflow\"")),
                APP);
        readableBy(RestAssured.given().header("Authorization", "Bearer " + Tokens.expired("a", Roles.ADMIN))
                .header("Origin", APP).when().get("/secured/admin").then().statusCode(401)
                .header("WWW-Authenticate", containsString("invalid_token")), APP);
        readableBy(Tokens.as("bob", Roles.ANALYST).header("Origin", APP).when().get("/secured/admin").then()
                .statusCode(403).contentType("application/problem+json"), APP);
        readableBy(Tokens.as("rep-zhao", Roles.SALES).header("Origin", APP).when().get("/secured/leads/LX1").then()
                .statusCode(404).contentType("application/problem+json"), APP);
        readableBy(RestAssured.given().header("Origin", APP).when().get("/no/such/route").then().statusCode(404)
                .contentType("application/problem+json"), APP);
        readableBy(RestAssured.given().header("Origin", APP).contentType(ContentType.JSON)
                .body("{\"name\":\"\",\"size\":0}").when().post("/probe").then().statusCode(400)
                .contentType("application/problem+json"), APP);
        readableBy(RestAssured.given().header("Origin", APP).contentType(ContentType.JSON)
                .body("{\"name\":\"" + "x".repeat(70 * 1024) + "\"}").when().post("/probe").then().statusCode(413)
                .contentType("application/problem+json"), APP);
        readableBy(RestAssured.given().header("Origin", APP).contentType("application/json; charset=klingon")
                .body("{}".getBytes()).when().post("/probe").then().statusCode(415)
                .contentType("application/problem+json"), APP);
        readableBy(RestAssured.given().header("Origin", APP).when().get("/probe/boom").then().statusCode(500)
                .contentType("application/problem+json"), APP);
        unreadable(Tokens.anonymous().header("Origin", OTHER).when().get("/secured/admin").then().statusCode(401)
                .contentType("application/problem+json"));
    }

    /** A path that answers CORS with rules of its own (intake's public form) keeps them, whoever asks. */
    @Test
    void aPathThatAnswersCorsItselfIsLeftAlone() {
        String path = "/own-cors/k1/answers";
        preflight(APP, "POST").when().options(path).then().statusCode(403)
                .header("Access-Control-Allow-Origin", nullValue())
                .header("Access-Control-Max-Age", nullValue());
        preflight(OwnCorsProbeResource.OWN_SITE, "POST").when().options(path).then().statusCode(204)
                .header("Access-Control-Allow-Origin", equalTo(OwnCorsProbeResource.OWN_SITE))
                .header("Access-Control-Allow-Methods", equalTo("POST, OPTIONS"));
        unreadable(Tokens.anonymous().header("Origin", APP).when().get(path).then().statusCode(200));
    }
}
