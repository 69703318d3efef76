package io.leadflow.followup.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.leadflow.events.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class CadencePolicyResourceTest extends FollowupTestSupport {

    @Test
    void theDefaultsFollowTheTemplate() {
        given().when().get("/api/v1/cadence-policy").then().statusCode(200)
                .body("grades.grade", hasItems("HIGH", "MEDIUM", "LOW"))
                .body("grades.find { it.grade == 'HIGH' }.firstResponse", equalTo("PT48H"))
                .body("grades.find { it.grade == 'HIGH' }.touches[0].every", equalTo("P7D"))
                .body("grades.find { it.grade == 'MEDIUM' }.touches.method", equalTo(List.of("PHONE", "WEBINAR")))
                .body("grades.find { it.grade == 'MEDIUM' }.touches[1].every", equalTo("P1M"))
                .body("grades.find { it.grade == 'LOW' }.touches[0].method", equalTo("NEWSLETTER"))
                .body("sources.find { it.source == 'WEBSITE_FORM' }.firstResponse", equalTo("PT24H"))
                .body("calendar.workStart", equalTo("09:00"));
    }

    @SuppressWarnings("unchecked")
    @Test
    void aManagerPublishesANewVersionAndBadPoliciesAreRefusedWhole() {
        JsonPath current = given().when().get("/api/v1/cadence-policy").then().extract().jsonPath();
        int version = current.getInt("version");
        Map<String, Object> doc = current.getMap("$");

        Map<String, Object> zeroInterval = copy(doc);
        ((List<Map<String, Object>>) ((List<Map<String, Object>>) zeroInterval.get("grades")).get(0).get("touches"))
                .get(0).put("every", "P0D");
        ((List<Map<String, Object>>) zeroInterval.get("grades")).get(1).put("firstResponse", "-PT5H");
        as("manager-chen", "sales-manager").body(zeroInterval).when().put("/api/v1/cadence-policy").then().statusCode(400)
                .body("errors.field", hasItems("grades[0].touches[0].every", "grades[1].firstResponse"));
        Map<String, Object> badMethod = copy(doc);
        ((List<Map<String, Object>>) ((List<Map<String, Object>>) badMethod.get("grades")).get(0).get("touches"))
                .get(0).put("method", "飞鸽传书");
        as("manager-chen", "sales-manager").body(badMethod).when().put("/api/v1/cadence-policy").then().statusCode(400)
                .body("errors[0].message", containsString("PHONE (电话)"));
        as(newRep("li"), "sales").body(doc).when().put("/api/v1/cadence-policy").then().statusCode(403);
        Tokens.anonymous().contentType("application/json").body(doc).when().put("/api/v1/cadence-policy").then().statusCode(401);
        given().when().get("/api/v1/cadence-policy").then().body("version", equalTo(version));

        // The same cadences with a holiday far in the future: other tests keep their defaults.
        Map<String, Object> withHoliday = copy(doc);
        Map<String, Object> calendar = (Map<String, Object>) withHoliday.get("calendar");
        calendar.put("holidays", List.of("2099-10-01", "2099-10-02"));
        as("manager-chen", "sales-manager").body(withHoliday).when().put("/api/v1/cadence-policy").then().statusCode(200)
                .body("version", equalTo(version + 1)).body("changedBy", equalTo("manager-chen"));
        given().when().get("/api/v1/cadence-policy").then().statusCode(200)
                .body("version", equalTo(version + 1))
                .body("calendar.holidays", hasItem("2099-10-01"));

        as("manager-chen", "admin").body(withHoliday).when().put("/api/v1/cadence-policy").then().statusCode(409)
                .body("detail", containsString("version " + (version + 1)));
        // The history names who published each version, when and why; each version can be read as it was.
        Map<String, Object> again = copy(withHoliday);
        again.put("version", version + 1);
        again.put("changeReason", "国庆节放假,跟进顺延");
        as("root", "admin").body(again).when().put("/api/v1/cadence-policy").then().statusCode(200)
                .body("version", equalTo(version + 2)).body("changedBy", equalTo("root"))
                .body("changeReason", equalTo("国庆节放假,跟进顺延"));
        given().when().get("/api/v1/cadence-policy/versions").then().statusCode(200)
                .body("total", equalTo(version + 2))
                .body("items[0].version", equalTo(version + 2)).body("items[0].changedBy", equalTo("root"))
                .body("items[0].changeReason", equalTo("国庆节放假,跟进顺延")).body("items[0].current", equalTo(true))
                .body("items[0].changedAt", org.hamcrest.Matchers.notNullValue())
                .body("items[1].version", equalTo(version + 1)).body("items[1].changedBy", equalTo("manager-chen"))
                .body("items[1].current", equalTo(false))
                .body("items[-1].version", equalTo(1)).body("items[-1].changedBy", org.hamcrest.Matchers.nullValue());
        given().queryParam("size", 1).queryParam("page", version + 1).when().get("/api/v1/cadence-policy/versions")
                .then().body("items.version", equalTo(List.of(1))).body("total", equalTo(version + 2));
        given().when().get("/api/v1/cadence-policy/versions/" + (version + 1)).then().statusCode(200)
                .body("changedBy", equalTo("manager-chen")).body("calendar.holidays", hasItem("2099-10-01"));
        given().when().get("/api/v1/cadence-policy/versions/1").then().statusCode(200)
                .body("grades.find { it.grade == 'HIGH' }.firstResponse", equalTo("PT48H"));
        given().when().get("/api/v1/cadence-policy/versions/" + (version + 99)).then().statusCode(404);
        as(newRep("li"), "sales").when().get("/api/v1/cadence-policy/versions").then().statusCode(200);
    }

    @Test
    void aPolicyPublishedOnAStaleCopyIsRefusedByItsETag() {
        io.restassured.response.ExtractableResponse<?> read = given().when().get("/api/v1/cadence-policy").then()
                .statusCode(200).extract();
        int version = read.jsonPath().getInt("version");
        assertThat(read.header("ETag")).isEqualTo("\"" + version + "\"");
        Map<String, Object> doc = copy(read.jsonPath().getMap("$"));
        doc.remove("version");
        doc.put("changeReason", "edited from a copy read before someone else's change");
        as("manager-chen", "sales-manager").header("If-Match", "\"" + (version - 1) + "\"").body(doc).when()
                .put("/api/v1/cadence-policy").then().statusCode(412).header("ETag", "\"" + version + "\"")
                .body("detail", containsString("The cadence policy changed"));
        as("manager-chen", "sales-manager").header("If-Match", "W/\"" + version + "\"").body(doc).when()
                .put("/api/v1/cadence-policy").then().statusCode(412);
        given().when().get("/api/v1/cadence-policy").then().body("version", equalTo(version));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> copy(Map<String, Object> doc) {
        try {
            var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
            return mapper.readValue(mapper.writeValueAsString(doc), Map.class);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
