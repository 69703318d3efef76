package io.leadflow.intake.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.leadflow.events.contract.EventEnvelope;
import io.leadflow.events.contract.LeadEvent;
import io.leadflow.events.security.Roles;
import io.leadflow.events.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Staff confirm a possible duplicate: a public post that named a known company became a lead of its own, linked for
 * staff to judge; merging it moves its touches to the lead it duplicates, closes it, points its keys there and tells
 * every service; keeping it apart clears the flag. Each person stays erasable apart.
 */
@QuarkusTest
class LeadMergeTest {

    private static final String SITE = "https://www.xingchen-soft.cn";

    private final String address = Leads.address();

    @Inject
    DataSource dataSource;

    @BeforeEach
    void signIn() {
        Tokens.useByDefault("test-manager", Roles.SALES_MANAGER);
    }

    /** A lead, and a public post naming its company (another person, another phone): the possible duplicate. */
    private record Pair(String original, String duplicate, String duplicatePhone, String token) {
    }

    private Pair possibleDuplicate() {
        String token = Leads.token();
        String company = "星辰科技" + token + "有限公司";
        String original = Leads.create(Map.of("customerName", company, "contactName", "张经理", "phone", Leads.phone(),
                "source", "展会", "needDescription", "需要CRM系统"));
        String key = form();
        String phone = Leads.phone();
        given().header("Origin", SITE).header("X-Forwarded-For", address).contentType(ContentType.JSON)
                .body(Map.of("company", company, "name", "王采购", "tel", phone, "msg", "想了解报价 " + token))
                .when().post("/api/v1/forms/" + key + "/submissions").then().statusCode(202);
        String duplicate = given().queryParam("possibleDuplicates", true).queryParam("q", token)
                .when().get("/api/v1/leads").then().statusCode(200).body("items", hasSize(1))
                .body("items[0].possibleDuplicateOf", equalTo(original)).extract().path("items[0].id");
        return new Pair(original, duplicate, phone, token);
    }

    /** Forms are marketing's: made under an admin's token, the test goes on as the sales manager. */
    private static String form() {
        Tokens.useByDefault("test-admin", Roles.ADMIN);
        String key = Leads.createForm(SITE, null);
        Tokens.useByDefault("test-manager", Roles.SALES_MANAGER);
        return key;
    }

    private static io.restassured.response.ValidatableResponse merge(String id, Object body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/api/v1/leads/" + id + "/merge").then();
    }

    @Test
    void mergingMovesTheTouchesClosesTheLeadAndTellsEveryService() {
        Pair p = possibleDuplicate();

        merge(p.duplicate(), Map.of("into", p.original(), "reason", "同一家公司的采购，已电话确认")).statusCode(200)
                .body("touchesMoved", equalTo(1))
                .body("merged.id", equalTo(p.duplicate()))
                .body("merged.status", equalTo("MERGED"))
                .body("merged.mergedInto", equalTo(p.original()))
                .body("merged.mergedBy", equalTo("test-manager"))
                .body("merged.possibleDuplicateOf", nullValue())
                .body("into.id", equalTo(p.original()))
                .body("into.status", equalTo("QUALIFIED"));

        // The owner of the original reads the post, marked with where it came in; the merged lead has none left.
        given().when().get("/api/v1/leads/" + p.original() + "/touches").then().statusCode(200)
                .body("items", hasSize(2))
                .body("items[0].mergedFrom", nullValue())
                .body("items[1].mergedFrom", equalTo(p.duplicate()))
                .body("items[1].submitted.contactName", equalTo("王采购"));
        given().when().get("/api/v1/leads/" + p.duplicate() + "/touches").then().body("items", empty());
        given().queryParam("possibleDuplicates", true).queryParam("q", p.token()).when().get("/api/v1/leads").then()
                .body("items", empty());
        given().queryParam("status", "MERGED").queryParam("q", p.token()).when().get("/api/v1/leads").then()
                .body("items.id", contains(p.duplicate()));
        given().when().get("/api/v1/leads/" + p.duplicate() + "/changes").then()
                .body("items.field", hasItem("mergedInto"))
                .body("items.find { it.field == 'mergedInto' }.newValue", equalTo(p.original()))
                .body("items.find { it.field == 'mergedInto' }.reason", equalTo("同一家公司的采购，已电话确认"));
        given().when().get("/api/v1/leads/" + p.original() + "/changes").then()
                .body("items.find { it.field == 'mergedFrom' }.newValue", equalTo(p.duplicate()));

        List<EventEnvelope> merged = Leads.events(p.duplicate(),
                seen -> seen.stream().anyMatch(e -> e.payload() instanceof LeadEvent.LeadMerged));
        LeadEvent.LeadMerged event = (LeadEvent.LeadMerged) merged.get(merged.size() - 1).payload();
        assertThat(event.intoLeadId()).isEqualTo(p.original());
        assertThat(event.mergedBy()).isEqualTo("test-manager");
        List<EventEnvelope> into = Leads.events(p.original(),
                seen -> seen.stream().anyMatch(e -> e.payload() instanceof LeadEvent.DuplicateLeadMerged));
        LeadEvent.DuplicateLeadMerged touch = (LeadEvent.DuplicateLeadMerged) into.get(into.size() - 1).payload();
        assertThat(touch.matchedOn()).isEqualTo("STAFF");
        assertThat(touch.source()).isEqualTo("WEBSITE_FORM");

        // The person comes back with the same phone: the post joins the lead the staff merged theirs into.
        given().header("Origin", SITE).header("X-Forwarded-For", address).contentType(ContentType.JSON)
                .body(Map.of("company", "别的公司" + p.token(), "name", "王采购", "tel", p.duplicatePhone(), "msg", "再问"))
                .when().post("/api/v1/forms/" + form() + "/submissions").then().statusCode(202);
        given().when().get("/api/v1/leads/" + p.original() + "/touches").then()
                .body("items", hasSize(3)).body("items[2].matchedOn", equalTo("PHONE"));
        given().when().get("/api/v1/leads/" + p.duplicate() + "/touches").then().body("items", empty());

        // Merging it there again changes nothing; a merged lead is not corrected, rescreened or merged elsewhere.
        merge(p.duplicate(), Map.of("into", p.original())).statusCode(200).body("touchesMoved", equalTo(0));
        String other = Leads.create(Leads.tradeShowLead());
        merge(p.duplicate(), Map.of("into", other)).statusCode(409)
                .body("detail", containsString("already merged into " + p.original()));
        given().contentType(ContentType.JSON).body(Map.of("region", "北京"))
                .when().patch("/api/v1/leads/" + p.duplicate()).then().statusCode(409)
                .body("detail", containsString("merged into " + p.original()));
        given().when().post("/api/v1/leads/" + p.duplicate() + "/rescreen").then().statusCode(409);
        // ... nor merged into: a lead merged away sends staff on to where it went.
        merge(other, Map.of("into", p.duplicate())).statusCode(409)
                .body("detail", containsString("merge into " + p.original() + " instead"));
    }

    @Test
    void theSurvivorCanTakeTheMergedLeadsNumberAndEachPersonStaysErasableApart() {
        Pair p = possibleDuplicate();
        merge(p.duplicate(), Map.of("into", p.original())).statusCode(200);

        // A correction giving the survivor the merged person's number: the number comes over, no conflict.
        given().contentType(ContentType.JSON).body(Map.of("phone", p.duplicatePhone()))
                .when().patch("/api/v1/leads/" + p.original()).then().statusCode(200);

        // The merged lead's person asks to be erased: their words go from the survivor too, its own stay.
        Tokens.useByDefault("test-admin", Roles.ADMIN);
        given().when().delete("/api/v1/leads/" + p.duplicate()).then().statusCode(204);
        given().when().get("/api/v1/leads/" + p.original() + "/touches").then()
                .body("items", hasSize(2))
                .body("items[0].submitted", not(nullValue()))
                .body("items[1].mergedFrom", equalTo(p.duplicate()))
                .body("items[1].submitted", nullValue());
        given().when().get("/api/v1/leads/" + p.duplicate()).then().body("status", equalTo("ERASED"))
                .body("contactName", nullValue()).body("mergedInto", equalTo(p.original()));
        given().when().get("/api/v1/leads/" + p.original()).then().body("status", equalTo("QUALIFIED"))
                .body("contactName", equalTo("张经理"));
    }

    @Test
    void nothingIsMergedIntoAnErasedLeadAndTheSurvivorsErasureReleasesTheMergedKeys() {
        Pair p = possibleDuplicate();
        String third = Leads.create(Leads.tradeShowLead());
        Tokens.useByDefault("test-admin", Roles.ADMIN);
        given().when().delete("/api/v1/leads/" + third).then().statusCode(204);
        merge(p.duplicate(), Map.of("into", third)).statusCode(409)
                .body("detail", containsString("nothing is merged into an erased lead"));

        merge(p.duplicate(), Map.of("into", p.original())).statusCode(200);
        given().when().delete("/api/v1/leads/" + p.original()).then().statusCode(204);
        // The merged person's number no longer leads to the erased lead: back again, they are a lead of their own.
        Leads.post(Map.of("customerName", "重新联系" + p.token(), "phone", p.duplicatePhone(), "source", "展会",
                "needDescription", "需要CRM系统")).then().statusCode(201).body("outcome", equalTo("CREATED"));
    }

    @Test
    void badMergeRequestsAreRefusedWithAProblemAPersonCanActOn() {
        Pair p = possibleDuplicate();
        merge(p.duplicate(), Map.of("into", p.duplicate())).statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("into"))
                .body("detail", containsString("into itself"));
        merge(p.duplicate(), Map.of("reason", "x")).statusCode(400).body("errors[0].field", equalTo("into"));
        merge(p.duplicate(), Map.of("into", "LX20990101000001")).statusCode(400)
                .body("errors[0].message", equalTo("names no lead"));
        merge(p.duplicate(), Map.of("into", p.original(), "reason", "x".repeat(501))).statusCode(400)
                .body("errors[0].field", equalTo("reason"));
        merge("LX20990101000002", Map.of("into", p.original())).statusCode(404);
        given().contentType(ContentType.JSON).header("If-Match", "\"999\"").body(Map.of("into", p.original()))
                .when().post("/api/v1/leads/" + p.duplicate() + "/merge").then().statusCode(412);
        Tokens.useByDefault("rep-li", Roles.SALES);
        merge(p.duplicate(), Map.of("into", p.original())).statusCode(403);
        Tokens.useByDefault("test-manager", Roles.SALES_MANAGER);
        given().when().get("/api/v1/leads/" + p.duplicate()).then().body("status", not(equalTo("MERGED")));
    }

    @Test
    void keepingAPossibleDuplicateApartClearsTheFlagWithItsReason() {
        Pair p = possibleDuplicate();
        given().queryParam("reason", "同公司不同部门，各自跟进").when()
                .delete("/api/v1/leads/" + p.duplicate() + "/possible-duplicate").then().statusCode(200)
                .body("possibleDuplicateOf", nullValue()).body("status", equalTo("QUALIFIED"));
        given().queryParam("possibleDuplicates", true).queryParam("q", p.token()).when().get("/api/v1/leads").then()
                .body("items", empty());
        given().when().get("/api/v1/leads/" + p.duplicate() + "/changes").then()
                .body("items.find { it.field == 'possibleDuplicateOf' }.oldValue", equalTo(p.original()))
                .body("items.find { it.field == 'possibleDuplicateOf' }.reason", equalTo("同公司不同部门，各自跟进"));
    }
    /**
     * An erasure of the lead to merge into holds its row: the merge waits, then finds it erased and refuses. Nothing
     * is merged into an erased lead.
     */
    @Test
    void aMergeWaitsForAnErasureOfItsTargetAndRefuses() throws Exception {
        Pair p = possibleDuplicate();
        java.util.concurrent.CompletableFuture<Integer> merged;
        try (Connection erasure = dataSource.getConnection()) {
            erasure.setAutoCommit(false);
            lockRow(erasure, p.original());
            merged = java.util.concurrent.CompletableFuture.supplyAsync(() -> Tokens.as("test-manager",
                    Roles.SALES_MANAGER).contentType(ContentType.JSON).body(Map.of("into", p.original()))
                    .when().post("/api/v1/leads/" + p.duplicate() + "/merge").statusCode());
            Leads.awaitSomeoneWaitingForALock(dataSource);
            update(erasure, "update lead set status = 'ERASED', phone_key = null, email_key = null, company_key = null "
                    + "where id = ?", p.original());
            erasure.commit();
        }
        assertThat(merged.get(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(409);
        given().when().get("/api/v1/leads/" + p.duplicate()).then().body("status", equalTo("QUALIFIED"))
                .body("mergedInto", nullValue());
    }

    /**
     * A submission matching the duplicate's phone while staff merge it waits for the merge and joins the lead the
     * duplicate went into, never the merged lead.
     */
    @Test
    void aSubmissionThatMatchedADuplicateBeingMergedJoinsTheLeadItWentInto() throws Exception {
        Pair p = possibleDuplicate();
        java.util.concurrent.CompletableFuture<io.restassured.response.Response> captured;
        try (Connection merge = dataSource.getConnection()) {
            merge.setAutoCommit(false);
            lockRow(merge, p.duplicate());
            captured = java.util.concurrent.CompletableFuture.supplyAsync(() -> Tokens.as("test-manager",
                    Roles.SALES_MANAGER).contentType(ContentType.JSON).body(Map.of("customerName", "另一家" + p.token(),
                    "phone", p.duplicatePhone(), "source", "展会", "needDescription", "需要CRM系统"))
                    .when().post("/api/v1/leads"));
            Leads.awaitSomeoneWaitingForALock(dataSource);
            // What the merge does to the duplicate's row before it commits.
            update(merge, "update lead set status = 'MERGED', merged_into = '" + p.original() + "' where id = ?",
                    p.duplicate());
            merge.commit();
        }
        io.restassured.response.Response answer = captured.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(200);
        assertThat(answer.jsonPath().getString("leadId")).isEqualTo(p.original());
        assertThat(answer.jsonPath().getString("matchedOn")).isEqualTo("PHONE");
    }

    private static void lockRow(Connection c, String id) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("select 1 from lead where id = ? for update")) {
            lock.setString(1, id);
            lock.executeQuery().close();
        }
    }

    private static void update(Connection c, String sql, String id) throws SQLException {
        try (PreparedStatement u = c.prepareStatement(sql)) {
            u.setString(1, id);
            assertThat(u.executeUpdate()).isEqualTo(1);
        }
    }
}
