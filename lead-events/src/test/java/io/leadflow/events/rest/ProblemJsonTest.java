package io.leadflow.events.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Every way a client can get a request wrong ends in an RFC 9457 body with a 4xx, never a 500 or a trace. */
@QuarkusTest
class ProblemJsonTest {

    static ValidatableResponse post(String body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/probe").then();
    }

    static ValidatableResponse isProblem(ValidatableResponse response, int status) {
        return response.statusCode(status)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(status))
                .body("type", startsWith("https://leadflow.io/problems/"))
                .body("title", not(equalTo(null)))
                .body("detail", not(equalTo(null)));
    }

    @Test
    void aValidBodyPasses() {
        post("{\"name\":\"星辰科技\",\"size\":5,\"channel\":\"FORM\",\"contact\":{\"email\":\"a@b.cn\"}}")
                .statusCode(200).body("name", equalTo("星辰科技"));
    }

    @Test
    void malformedJsonSaysWhereItBroke() {
        isProblem(post("{\"name\": \"x\",, }"), 400)
                .body("type", equalTo("https://leadflow.io/problems/malformed-body"))
                .body("detail", containsString("not valid JSON"))
                .body("detail", containsString("line 1"));
    }

    @Test
    void aWrongTypeNamesTheField() {
        isProblem(post("{\"name\":\"x\",\"size\":\"twelve\"}"), 400)
                .body("errors.field", hasItem("size"))
                .body("detail", containsString("integer"));
    }

    @Test
    void anObjectWhereAStringBelongsNamesTheField() {
        isProblem(post("{\"name\":{\"first\":\"x\"}}"), 400).body("errors.field", hasItem("name"));
    }

    @Test
    void anUnknownEnumValueListsTheAcceptedOnes() {
        isProblem(post("{\"name\":\"x\",\"channel\":\"FAX\"}"), 400)
                .body("errors.field", hasItem("channel"))
                .body("detail", containsString("FAX"))
                .body("detail", containsString("STAFF"));
    }

    @Test
    void aBadDateSaysWhichFormat() {
        isProblem(post("{\"name\":\"x\",\"registeredOn\":\"01/03/2024\"}"), 400)
                .body("errors.field", hasItem("registeredOn"))
                .body("detail", containsString("yyyy-MM-dd"));
    }

    @Test
    void failedBeanValidationListsEveryField() {
        isProblem(post("{\"name\":\" \",\"size\":0,\"contact\":{\"email\":\"not-an-email\"}}"), 400)
                .body("type", equalTo("https://leadflow.io/problems/validation"))
                .body("errors.field", hasItem("name"))
                .body("errors.field", hasItem("size"))
                .body("errors.field", hasItem("contact.email"));
    }

    @Test
    void aMissingBodyIsRefused() {
        isProblem(given().contentType(ContentType.JSON).when().post("/probe").then(), 400);
    }

    @Test
    void anInvalidQueryParameterNamesIt() {
        isProblem(given().queryParam("size", 5000).when().get("/probe").then(), 400)
                .body("errors.field", hasItem("size"));
        isProblem(given().queryParam("size", "many").when().get("/probe").then(), 400)
                .body("detail", containsString("size"))
                .body("errors.field", hasItem("size"));
    }

    @Test
    void anUnknownRouteIsANotFoundProblem() {
        isProblem(given().when().get("/api/v1/nothing-here").then(), 404)
                .body("detail", containsString("/api/v1/nothing-here"));
        isProblem(given().when().get("/probe/leads/LX1/deeper/still").then(), 404);
    }

    @Test
    void aMissingLeadIsANotFoundProblemThatNamesIt() {
        isProblem(given().when().get("/probe/leads/LX20240301000999").then(), 404)
                .body("detail", containsString("LX20240301000999"))
                .body("instance", equalTo("/probe/leads/LX20240301000999"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "version", "stale", "deadlock", "timeout", "sql-deadlock", "serialization", "at-commit" })
    void aChangeThatMetAnotherAtTheSameMomentIsAConflictToRetryNotAServerError(String kind) {
        isProblem(given().when().get("/probe/concurrent/" + kind).then(), 409)
                .header("Retry-After", "1")
                .body("type", endsWith("/concurrent-change"))
                .body("detail", containsString("Reload it and apply your change again"));
    }

    @io.quarkus.test.common.http.TestHTTPResource("/probe")
    java.net.URI probe;

    /** Posts bytes with exactly this Content-Type (a test HTTP client would "fix" a malformed one). */
    private com.fasterxml.jackson.databind.JsonNode post(String contentType, byte[] body, int status) throws Exception {
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1).build().send(java.net.http.HttpRequest.newBuilder(probe)
                        .header("Content-Type", contentType).POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        org.assertj.core.api.Assertions.assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        org.assertj.core.api.Assertions.assertThat(r.headers().firstValue("Content-Type").orElse(""))
                .startsWith("application/problem+json");
        return io.leadflow.events.contract.EventJson.mapper().readTree(r.body());
    }

    /** What a scanner sends in Content-Type never reaches the framework's parser (which answered 500). */
    @ParameterizedTest
    @ValueSource(strings = { "application/json, text/plain", "/", ";;;", "application/", "text/plain; a=b c" })
    void aContentTypeThatIsNotOneMediaTypeIsA400(String contentType) throws Exception {
        org.assertj.core.api.Assertions.assertThat(post(contentType, "{\"name\":\"x\"}".getBytes(), 400).path("type").asText())
                .endsWith("/malformed-content-type");
    }

    /**
     * A refusal sent before the body was read closes the connection and says so: a keep-alive client's next request
     * then opens a new one instead of meeting a closed socket (which answered nothing at all).
     */
    @Test
    void aRefusalBeforeTheBodyWasReadTellsTheClientTheConnectionCloses() throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        byte[] body = ("{\"name\":\"" + "x".repeat(200_000) + "\"}").getBytes();
        for (int i = 0; i < 5; i++) {
            java.net.http.HttpResponse<String> r = client.send(java.net.http.HttpRequest.newBuilder(probe)
                    .header("Content-Type", ";;;").POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body))
                    .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            org.assertj.core.api.Assertions.assertThat(r.statusCode()).isEqualTo(400);
            java.net.http.HttpResponse<String> ok = client.send(java.net.http.HttpRequest.newBuilder(probe)
                    .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers
                            .ofString("{\"name\":\"x\",\"size\":1}")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            org.assertj.core.api.Assertions.assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        }
    }

    @Test
    void jsonInAnUnknownCharsetOrNotUtf8IsA415() throws Exception {
        org.assertj.core.api.Assertions.assertThat(post("application/json; charset=klingon", "{}".getBytes(), 415)
                .path("type").asText()).endsWith("/unsupported-charset");
        org.assertj.core.api.Assertions.assertThat(post("application/json; charset=UTF-16", "{}".getBytes(), 415)
                .path("detail").asText()).contains("UTF-8");
    }

    @Test
    void aKeyGivenTwiceOrBytesThatAreNotUtf8AreMalformedBodies() throws Exception {
        org.assertj.core.api.Assertions.assertThat(post("application/json",
                "{\"name\":\"a\",\"name\":\"b\"}".getBytes(), 400).path("detail").asText()).contains("name");
        org.assertj.core.api.Assertions.assertThat(post("application/json", new byte[]{0, 0, 0, '{', 0, '}'}, 400)
                .path("type").asText()).endsWith("/malformed-body");
    }

    @Test
    void aPageBeyondAnyListIsA400NotAnOverflow() {
        given().queryParam("page", 3).queryParam("size", 10).when().get("/probe/paged").then().statusCode(200)
                .body("items[0]", equalTo("offset 30"));
        isProblem(given().queryParam("page", Integer.MAX_VALUE).queryParam("size", 50).when().get("/probe/paged")
                .then(), 400).body("errors[0].field", equalTo("page"));
    }

    @Test
    void aWrongMethodListsTheAllowedOnes() {
        isProblem(given().when().delete("/probe").then(), 405).body("detail", containsString("DELETE"));
    }

    @Test
    void anUnsupportedContentTypeSaysWhatToSend() {
        isProblem(given().contentType("text/plain").body("name=x").when().post("/probe").then(), 415)
                .body("detail", containsString("application/json"));
    }

    @Test
    void aBodyOverTheLimitIsRefusedWithAProblem() {
        String huge = "{\"name\":\"" + "x".repeat(70 * 1024) + "\"}";
        isProblem(post(huge), 413).body("detail", containsString("65536"));
    }

    @Test
    void textTheDatabaseCannotStoreIsABadRequestNotA500() {
        isProblem(given().contentType(ContentType.JSON).body("{\"name\":\"星辰\\u0000科技\"}")
                .when().post("/probe/store").then(), 400)
                .body("type", equalTo("https://leadflow.io/problems/unstorable-value"));
        given().contentType(ContentType.JSON).body("{\"name\":\"星辰科技 <script>'; drop table x;--\"}")
                .when().post("/probe/store").then().statusCode(200)
                .body("name", equalTo("星辰科技 <script>'; drop table x;--"));
    }

    @Test
    void anUnexpectedErrorIsA500WithoutInternals() {
        isProblem(given().when().get("/probe/boom").then(), 500)
                .body("detail", containsString("reference"))
                .body(not(containsString("hunter2")))
                .body(not(containsString("secret-host")));
    }

    @Test
    void anUnreachableDatabaseIsA503WithRetryAfterNotA500() {
        isProblem(given().when().get("/probe/unreachable").then(), 503)
                .header("Retry-After", "5")
                .body("type", equalTo("https://leadflow.io/problems/unavailable"))
                .body("detail", containsString("nothing was changed"));
    }

    @Test
    void aPoolWithoutAFreeConnectionCountsAsUnavailable() {
        org.assertj.core.api.Assertions.assertThat(io.leadflow.events.tx.DatabaseFailures.unavailable(
                new java.sql.SQLException("Acquisition timeout while waiting for new connection"))).isTrue();
        org.assertj.core.api.Assertions.assertThat(io.leadflow.events.tx.DatabaseFailures.unavailable(
                new java.sql.SQLException("the database system is shutting down", "57P03"))).isTrue();
        org.assertj.core.api.Assertions.assertThat(io.leadflow.events.tx.DatabaseFailures.unavailable(
                new java.sql.SQLException("value too long", "22001"))).isFalse();
        org.assertj.core.api.Assertions.assertThat(io.leadflow.events.tx.DatabaseFailures.unavailable(
                new IllegalStateException("flush failed", new java.sql.SQLException("I/O error", "08006")))).isTrue();
    }
}
