package io.leadflow.events.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.leadflow.events.security.Roles;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * What every Leadflow service serves from the start, written once: each service's test extends this with
 * {@code @QuarkusTest} and names its OpenAPI title.
 */
public abstract class ServiceFoundationContract {

    /** The OpenAPI info title the service publishes. */
    protected abstract String openApiTitle();

    @Test
    void readinessChecksTheDatabaseAndKafka() {
        given().when().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Database connections health check", "Kafka connection health check"))
                .body("checks.find { it.name == 'Kafka connection health check' }.data.kafka", equalTo("reachable"))
                .body("checks.find { it.name == 'Kafka connection health check' }.data.outboxBacklog",
                        org.hamcrest.Matchers.greaterThanOrEqualTo(0));
    }

    @Test
    void livenessIsUp() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void openApiDescribesTheService() {
        given().accept("application/json").when().get("/q/openapi").then()
                .statusCode(200)
                .body("info.title", equalTo(openApiTitle()))
                .body("info.description", startsWith(""));
        // Swagger UI is off unless LEADFLOW_SWAGGER_UI turns it on (deploy/local/up does, for developers).
        given().when().get("/q/swagger-ui/").then().statusCode(404);
    }

    @Test
    void prometheusMetricsAreServed() {
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("http_server_requests_seconds"));
    }

    @Test
    void anUnknownRouteIsAProblem() {
        given().when().get("/api/v1/no-such-thing").then()
                .statusCode(404)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(404))
                .body("detail", containsString("/api/v1/no-such-thing"));
    }

    @Test
    void malformedJsonToAnUnknownRouteIsStillAProblem() {
        given().contentType(ContentType.JSON).body("{oops").when().post("/api/v1/no-such-thing").then()
                .statusCode(404)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void aBodyOverTheLimitIsAProblem() {
        given().contentType(ContentType.JSON).body("{\"x\":\"" + "y".repeat(1_100_000) + "\"}")
                .when().post("/api/v1/leads").then()
                .statusCode(413)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(413));
    }

    /**
     * Every path the service moved still answers, for one version, exactly as its successor does, and says so: an
     * administrator's GET of the old path gets the new path's status and problem type, plus {@code Deprecation},
     * {@code Sunset} and {@code Link rel="successor-version"} naming the new path.
     */
    @Test
    void movedPathsAnswerAsTheirSuccessorsAndSaySo() {
        List<String> moved = ConfigProvider.getConfig()
                .getOptionalValues("leadflow.http.path-aliases.moved", String.class).orElse(List.of());
        for (String rule : moved) {
            String[] sides = rule.split("->");
            String old = example(sides[0].strip());
            String successor = example(sides[1].strip());
            Response fromOld = Tokens.as("test-admin", Roles.ADMIN).get(old);
            Response fromNew = Tokens.as("test-admin", Roles.ADMIN).get(successor);
            assertThat(fromOld.statusCode()).as(old).isEqualTo(fromNew.statusCode());
            assertThat(fromOld.contentType()).as(old).isEqualTo(fromNew.contentType());
            if (fromNew.contentType().startsWith("application/problem+json")) {
                assertThat(fromOld.jsonPath().getString("type")).as(old)
                        .isEqualTo(fromNew.jsonPath().getString("type"));
            }
            assertThat(fromOld.header("Deprecation")).as(old).matches("@\\d+");
            assertThat(fromOld.header("Sunset")).as(old).endsWith(" GMT");
            assertThat(fromOld.header("Link")).as(old)
                    .isEqualTo("<" + successor + ">; rel=\"successor-version\"");
            assertThat(fromNew.header("Deprecation")).as(successor).isNull();
        }
    }

    /** A concrete path for a rule's side: a lead number for each named segment, nothing for the rest. */
    private static String example(String template) {
        return template.replaceAll("\\{[A-Za-z0-9]+}", "LX20000101000001").replaceAll("/\\*\\*$", "");
    }
}
