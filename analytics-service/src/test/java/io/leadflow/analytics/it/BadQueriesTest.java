package io.leadflow.analytics.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.leadflow.events.security.Roles;
import io.leadflow.events.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/** Every query a person can get wrong answers a 400 problem naming the parameter and what would be accepted. */
@QuarkusTest
class BadQueriesTest {

    @BeforeEach
    void signedInAsAnAdmin() {
        Tokens.useByDefault("test-admin", Roles.ADMIN);
    }

    private static void refused(RequestSpecification request, String path, String field, String detail) {
        request.when().get(path).then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(400))
                .body("errors[0].field", equalTo(field))
                .body("detail", containsString(detail));
    }

    @Test
    void anUnknownGroupByNamesTheDimensionsThereAre() {
        refused(given().queryParam("groupBy", "colour"), "/api/v1/analytics/conversion", "groupBy",
                "source, grade, owner, region, industry, month");
        refused(given().queryParam("groupBy", "source,grade,owner"), "/api/v1/analytics/conversion", "groupBy",
                "at most 2");
        refused(given().queryParam("groupBy", "region"), "/api/v1/analytics/response-times", "groupBy",
                "grade, source or owner");
    }

    @Test
    void fromAfterToIsRefused() {
        refused(given().queryParam("from", "2024-04-01").queryParam("to", "2024-03-01"),
                "/api/v1/analytics/conversion", "from", "after");
        refused(given().queryParam("from", "last week"), "/api/v1/analytics/sources", "from", "yyyy-MM-dd");
    }

    @Test
    void aMalformedMonthIsRefused() {
        refused(given(), "/api/v1/analytics/reviews/2024-13", "month", "yyyy-MM");
        refused(given(), "/api/v1/analytics/reviews/March", "month", "yyyy-MM");
        refused(given(), "/api/v1/analytics/reviews/0000-01", "from", "years 1 to 9999");
        refused(given().queryParam("to", "2024-02-30"), "/api/v1/analytics/funnel", "to", "yyyy-MM-dd");
    }

    @Test
    void aPageOfAMillionIsRefused() {
        refused(given().queryParam("size", 1_000_000), "/api/v1/analytics/leads", "size", "between 1 and 200");
        refused(given().queryParam("size", 1_000_000).queryParam("format", "csv"), "/api/v1/analytics/leads", "size",
                "10000");
        refused(given().queryParam("page", -1), "/api/v1/analytics/leads", "page", "0 or more");
        given().queryParam("size", "many").when().get("/api/v1/analytics/leads").then().statusCode(400);
    }

    @Test
    void unknownFilterValuesAreRefused() {
        refused(given().queryParam("source", "电视广告"), "/api/v1/analytics/conversion", "source", "展会");
        refused(given().queryParam("grade", "very high!"), "/api/v1/analytics/funnel", "grade", "HIGH");
        refused(given().queryParam("format", "xml"), "/api/v1/analytics/insights", "format", "json or csv");
        refused(given().queryParam("lang", "fr"), "/api/v1/analytics/sources", "lang", "zh-CN or en");
        refused(given().queryParam("lang", "fr"), "/api/v1/analytics/leads/LX-ANY", "lang", "zh-CN or en");
        refused(given().queryParam("lang", "fr").queryParam("format", "html"), "/api/v1/analytics/reviews/2024-03",
                "lang", "zh-CN or en");
        refused(given().queryParam("outcome", "maybe"), "/api/v1/analytics/leads", "outcome", "WON, LOST or OPEN");
        refused(given().queryParam("months", 99), "/api/v1/analytics/cohorts", "months", "0 to 36");
    }

    @Test
    void anEmptyModelAnswersEmptyTablesNotErrors() {
        given().queryParam("from", "1000-01-01").queryParam("to", "1000-01-31").queryParam("groupBy", "source")
                .when().get("/api/v1/analytics/conversion").then().statusCode(200)
                .body("rows.size()", equalTo(0)).body("total.leads", equalTo(0))
                .body("total.conversionRate.value", equalTo(null));
        given().when().get("/api/v1/analytics/reviews/1000-01").then().statusCode(200)
                .body("total.leads", equalTo(0)).body("findings.size()", equalTo(0));
        given().accept("text/html").when().get("/api/v1/analytics/reviews/1000-01").then().statusCode(200)
                .contentType(startsWith("text/html")).body(containsString("本月无成交"));
        given().queryParam("from", "1000-01-01").queryParam("to", "1000-01-31").when()
                .get("/api/v1/analytics/funnel").then().statusCode(200).body("steps[0].reached", equalTo(0));
    }
}
