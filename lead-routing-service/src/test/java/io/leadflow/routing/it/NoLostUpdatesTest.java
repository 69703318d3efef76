package io.leadflow.routing.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.leadflow.events.security.Roles;
import io.leadflow.events.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Two managers editing one rep or one policy from the same read: the second is told, never silently overwritten. */
@QuarkusTest
class NoLostUpdatesTest {

    @Inject
    RoutingTestSupport support;

    @BeforeEach
    void authenticateAsAdmin() {
        Tokens.useByDefault("test-admin", Roles.ADMIN);
    }

    @Test
    void aRepChangedOnAStaleCopyIsRefusedButAnAssignmentDoesNotMakeTheCopyStale() {
        String industry = "IND-ETAG-" + RoutingTestSupport.unique();
        String id = RoutingTestSupport.createRep("rep-etag-" + RoutingTestSupport.unique(),
                "标签销售-" + RoutingTestSupport.unique(), "SENIOR", 20, List.of(industry));
        String read = given().when().get("/api/v1/reps/" + id).then().statusCode(200).extract().header("ETag");
        assertThat(read).startsWith("\"").endsWith("\"");

        // a lead assigned to the rep moves their open-lead count, not what a manager edits
        RoutingTestSupport.routeIndustry(industry, "ROUND_ROBIN", List.of(id));
        String leadId = RoutingTestSupport.leadId();
        support.qualified(leadId, RoutingTestSupport.websiteErp(industry));
        await().atMost(Duration.ofSeconds(30)).until(() -> given().when().get("/api/v1/reps/" + id).then().extract()
                .<Integer>path("openLeads") == 1);
        given().when().get("/api/v1/reps/" + id).then().header("ETag", read);

        String afterFirst = given().contentType(ContentType.JSON).header("If-Match", read)
                .body(Map.of("capacity", 25)).when().patch("/api/v1/reps/" + id).then().statusCode(200)
                .body("capacity", equalTo(25)).extract().header("ETag");
        assertThat(afterFirst).isNotEqualTo(read);
        given().contentType(ContentType.JSON).header("If-Match", read).body(Map.of("capacity", 5)).when()
                .patch("/api/v1/reps/" + id).then().statusCode(412).header("ETag", afterFirst)
                .contentType(containsString("application/problem+json"))
                .body("detail", containsString("Rep " + id + " changed"));
        given().contentType(ContentType.JSON).header("If-Match", "\"garbage\"")
                .body(Map.of("name", "x", "seniority", "JUNIOR", "capacity", 5)).when().put("/api/v1/reps/" + id)
                .then().statusCode(412);
        given().when().get("/api/v1/reps/" + id).then().body("capacity", equalTo(25)).body("seniority",
                equalTo("SENIOR"));
    }

    @Test
    void aPolicySavedOnAStaleVersionIsRefusedAndNothingIsSaved() {
        var read = given().when().get("/api/v1/grading-policy").then().statusCode(200).extract();
        int version = read.path("version");
        assertThat(read.header("ETag")).isEqualTo("\"" + version + "\"");
        Map<String, Object> same = Map.of("levels", read.<Object>path("levels"), "rules", read.<Object>path("rules"),
                "reason", "stale copy");
        given().contentType(ContentType.JSON).header("If-Match", "\"" + (version - 1) + "\"").body(same).when()
                .put("/api/v1/grading-policy").then().statusCode(412).header("ETag", "\"" + version + "\"");
        assertThat(given().when().get("/api/v1/grading-policy").then().extract().<Integer>path("version"))
                .isEqualTo(version);

        var rules = given().when().get("/api/v1/assignment-policy").then().statusCode(200).extract();
        int rulesVersion = rules.path("version");
        given().contentType(ContentType.JSON).header("If-Match", "W/\"" + rulesVersion + "\"")
                .body(Map.of("rules", rules.<Object>path("rules"), "reason", "a weak tag never matches")).when()
                .put("/api/v1/assignment-policy").then().statusCode(412);
    }
}
