package io.leadflow.analytics.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.leadflow.analytics.it.EventFeed.Story;
import io.leadflow.events.contract.EventEnvelope;
import io.leadflow.events.contract.LeadEvent;
import io.leadflow.events.contract.LeadProfile;
import io.leadflow.events.contract.Money;
import io.leadflow.events.contract.Utm;
import io.leadflow.events.security.Roles;
import io.leadflow.events.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * LeadErased through the real intake topic: the lead keeps its ids, codes, dates, counts and amounts (every report
 * still counts it) and loses every typed text analytics held for it, for good (a later event or a rebuild does not
 * bring them back); published outbox rows of the lead are deleted. Proven by searching every text column.
 */
@QuarkusTest
class ErasureTest {

    @Inject
    EventFeed feed;

    @Inject
    DatabaseSearch database;

    @BeforeEach
    void signedInAsAnAdmin() {
        Tokens.useByDefault("test-admin", Roles.ADMIN);
    }

    @Test
    void anErasedLeadKeepsItsNumbersLosesItsTextsAndItsPublishedOutboxRows() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String referrer = "推荐人王" + tag;
        String searched = "星辰" + tag + "官网";
        String factor = "王总" + tag + "亲自拍板";
        LocalDate month = EventFeed.privateMonth();
        Instant registeredAt = month.plusDays(4).atTime(9, 0).atZone(EventFeed.ZONE).toInstant();
        String owner = "rep-erase-" + tag;
        Story story = new Story("CUSTOMER_REFERRAL", month.plusDays(4)).graded("HIGH").assigned(owner)
                .firstResponseAfterMinutes(30);
        String leadId = story.leadId;
        LeadProfile profile = new LeadProfile("某客户" + tag, "王总" + tag, "+8613800001111", "wang" + tag + "@corp.cn",
                null, "CUSTOMER_REFERRAL", referrer, new Utm("wechat", "social", "referral-2024", searched, "post-" + tag),
                null, "MANUFACTURING", "苏州", 300, "ENTERPRISE", null, 60, "HIGH", null, null, null, registeredAt);
        List<EventEnvelope> events = new ArrayList<>(story.events());
        events.add(EventEnvelope.of(leadId, registeredAt, "lead-intake-service",
                new LeadEvent.LeadCaptured(profile, "STAFF")));
        events.add(EventEnvelope.of(leadId, registeredAt.plusSeconds(1), "lead-intake-service",
                new LeadEvent.LeadQualified(profile, 1)));
        LocalDate wonOn = month.plusDays(20);
        events.add(EventEnvelope.of(leadId, wonOn.atTime(15, 0).atZone(EventFeed.ZONE).toInstant(),
                "followup-service", new LeadEvent.LeadWon(wonOn, new Money(new BigDecimal("88000"), "CNY"),
                        List.of(factor), owner)));
        feed.sendShuffled(events);
        String from = month.toString();
        String to = month.plusMonths(1).minusDays(1).toString();
        EventFeed.eventually(Duration.ofSeconds(30), () -> RestAssured.given()
                .get("/api/v1/analytics/leads/" + leadId).then().statusCode(200)
                .body("facts.sourceDetail", equalTo(referrer)).body("facts.utmTerm", equalTo(searched))
                .body("facts.winFactors", equalTo(List.of(factor))).body("facts.touches", equalTo(1)));
        assertThat(database.find(referrer)).isNotEmpty();

        // Outbox rows of the lead: analytics publishes nothing today, but were it to, erasure must take them.
        String otherLead = EventFeed.leadId();
        insertPublishedOutboxRow(leadId, "{\"phone\":\"+8613800001111\",\"note\":\"" + referrer + "\"}");
        insertPublishedOutboxRow(leadId, "{\"contactName\":\"王总" + tag + "\"}");
        insertPublishedOutboxRow(otherLead, "{\"note\":\"another lead " + tag + "\"}");
        assertThat(outboxRows(leadId)).isEqualTo(2);

        EventEnvelope erased = EventEnvelope.of(leadId, wonOn.plusDays(30).atStartOfDay(EventFeed.ZONE).toInstant(),
                "lead-intake-service", new LeadEvent.LeadErased("test-admin", "客户要求删除个人信息 " + tag));
        feed.send(List.of(erased));
        EventFeed.eventually(Duration.ofSeconds(30), () -> RestAssured.given()
                .get("/api/v1/analytics/leads/" + leadId).then().statusCode(200)
                .body("facts.erased", equalTo(true)));

        assertErasedButCounted(leadId, owner, from, to);
        assertThat(outboxRows(leadId)).as("published outbox rows of the erased lead").isZero();
        assertThat(outboxRows(otherLead)).as("another lead's outbox row").isEqualTo(1);
        for (String text : List.of(referrer, searched, factor, "post-" + tag, "王总" + tag, "13800001111")) {
            assertThat(database.find(text)).as("columns holding '%s' after erasure", text).isEmpty();
        }

        // A follow-up event read after the erasure (topics are not ordered among each other) brings no text back.
        EventEnvelope late = EventEnvelope.of(leadId, wonOn.plusDays(40).atStartOfDay(EventFeed.ZONE).toInstant(),
                "followup-service", new LeadEvent.LeadWon(wonOn, new Money(new BigDecimal("88000"), "CNY"),
                        List.of(factor + "(补录)"), owner));
        feed.send(List.of(late));
        EventFeed.eventually(Duration.ofSeconds(30), () -> assertThat(database.processed(List.of(late.eventId())))
                .isEqualTo(1));
        assertErasedButCounted(leadId, owner, from, to);
        assertThat(database.find(factor)).isEmpty();

        // A rebuild replays the topics, where the lead's profile still is: the new model erases it again.
        awaitNoRebuild();
        int generation = RestAssured.given().post("/api/v1/analytics/rebuild").then().statusCode(202)
                .extract().jsonPath().getInt("started.generation");
        EventFeed.eventually(Duration.ofSeconds(90), () -> RestAssured.given().get("/api/v1/analytics/rebuild")
                .then().statusCode(200)
                .body("recent.find { it.generation == " + generation + " }.status", equalTo("ACTIVE")));
        assertErasedButCounted(leadId, owner, from, to);
        for (String text : List.of(referrer, searched, factor, "王总" + tag, "13800001111")) {
            assertThat(database.find(text)).as("columns holding '%s' after a rebuild", text).isEmpty();
        }
    }

    private static void assertErasedButCounted(String leadId, String owner, String from, String to) {
        double amount = RestAssured.given().get("/api/v1/analytics/leads/" + leadId).then().statusCode(200)
                .body("facts.erased", equalTo(true))
                .body("facts.sourceDetail", nullValue()).body("facts.utmTerm", nullValue())
                .body("facts.utmContent", nullValue()).body("facts.winFactors", empty())
                .body("facts.source", equalTo("CUSTOMER_REFERRAL")).body("facts.utmCampaign", equalTo("referral-2024"))
                .body("facts.region", equalTo("苏州")).body("facts.outcome", equalTo("WON"))
                .body("facts.amount.currency", equalTo("CNY")).body("facts.cycleDays", equalTo(16))
                .body("facts.ownerId", equalTo(owner)).body("grades[0].grade", equalTo("HIGH"))
                .extract().jsonPath().getDouble("facts.amount.amount");
        assertThat(amount).isEqualTo(88_000.0);
        RestAssured.given().queryParam("from", from).queryParam("to", to).queryParam("owner", owner)
                .get("/api/v1/analytics/conversion").then().statusCode(200)
                .body("total.leads", equalTo(1)).body("total.won", equalTo(1));
    }

    private void insertPublishedOutboxRow(String leadId, String envelope) {
        database.execute("insert into outbox_event (event_id, topic, lead_id, event_type, envelope, published_at) "
                + "values (?, 'leadflow.analytics.test', ?, 'LeadCaptured', ?, now())", UUID.randomUUID(), leadId,
                envelope);
    }

    private long outboxRows(String leadId) {
        return ((Number) database.scalar("select count(*) from outbox_event where lead_id = ?", leadId)).longValue();
    }

    private static void awaitNoRebuild() {
        EventFeed.eventually(Duration.ofSeconds(90), () -> RestAssured.given().get("/api/v1/analytics/rebuild")
                .then().statusCode(200).body("recent.findAll { it.status == 'BUILDING' }.size()", equalTo(0)));
    }
}
