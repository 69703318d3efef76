package io.leadflow.analytics.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.leadflow.analytics.it.EventFeed.Story;
import io.leadflow.events.contract.EventEnvelope;
import io.leadflow.events.security.Roles;
import io.leadflow.events.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** A rebuild replays the topics into a new generation and switches to it with the same numbers. */
@QuarkusTest
class RebuildTest {

    @BeforeEach
    void signedInAsAnAdmin() {
        Tokens.useByDefault("test-admin", Roles.ADMIN);
    }

    @Inject
    EventFeed feed;

    @Test
    void aRebuildReplaysTheTopicsAndSwitchesToTheNewModelWithTheSameNumbers() {
        LocalDate month = EventFeed.privateMonth();
        List<EventEnvelope> events = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Story s = new Story("SOCIAL_MEDIA", month.plusDays(i)).captured("SOFTWARE", "成都").graded("MEDIUM")
                    .assigned("rep-wang").firstResponseAfterMinutes(90);
            if (i < 2) {
                s.wonAfterDays(7 + i, 20_000, "案例打动");
            }
            events.addAll(s.events());
        }
        feed.sendShuffled(events);
        String from = month.toString();
        String to = month.plusMonths(1).minusDays(1).toString();
        EventFeed.eventually(Duration.ofSeconds(30), () -> given().queryParam("from", from).queryParam("to", to)
                .when().get("/api/v1/analytics/conversion").then().statusCode(200)
                .body("total.leads", equalTo(6)).body("total.won", equalTo(2)));

        JsonPath started = given().when().post("/api/v1/analytics/rebuild").then().statusCode(202).extract().jsonPath();
        int generation = started.getInt("started.generation");
        assertThat(started.getString("started.status")).isIn("BUILDING", "ACTIVE");

        // Events arriving during the rebuild reach the new model too. Cycles 7, 8 and 3 days: average 6.0.
        Story late = new Story("SOCIAL_MEDIA", month.plusDays(10)).captured("SOFTWARE", "成都").graded("MEDIUM")
                .assigned("rep-wang").wonAfterDays(3, 9_000, "案例打动");
        feed.send(late.events());

        EventFeed.eventually(Duration.ofSeconds(60), () -> given().when().get("/api/v1/analytics/rebuild").then()
                .statusCode(200)
                .body("recent.find { it.generation == " + generation + " }.status", equalTo("ACTIVE")));
        EventFeed.eventually(Duration.ofSeconds(30), () -> given().queryParam("from", from).queryParam("to", to)
                .queryParam("groupBy", "source").when().get("/api/v1/analytics/conversion").then().statusCode(200)
                .body("total.leads", equalTo(7)).body("total.won", equalTo(3))
                .body("total.averageCycleDays", equalTo(6.0f))
                .body("rows[0].group.source", equalTo("SOCIAL_MEDIA")));
        given().when().get("/api/v1/analytics/rebuild").then().statusCode(200)
                .body("recent.findAll { it.status == 'ACTIVE' }.size()", equalTo(1));
    }
}
