package io.leadflow.analytics.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.leadflow.analytics.domain.Aggregates;
import io.leadflow.analytics.it.EventFeed.Story;
import io.leadflow.analytics.repository.AnalyticsQueries;
import io.leadflow.analytics.service.AggregatesService;
import io.leadflow.events.contract.EventEnvelope;
import io.leadflow.events.contract.LeadEvent;
import io.leadflow.events.security.Roles;
import io.leadflow.events.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The cube kept by the event handler equals the cube recomputed from the facts, after a shuffled stream (with
 * duplicates) of regrades, reassignments, outcomes, SLA breaches and an erasure; and every table read through the
 * cube equals the same table read from the facts alone.
 */
@QuarkusTest
class AggregatesTest {

    @BeforeEach
    void signedInAsAnAdmin() {
        Tokens.useByDefault("test-admin", Roles.ADMIN);
    }

    @Inject
    EventFeed feed;

    @Inject
    AggregatesService aggregates;

    @Inject
    AnalyticsQueries queries;

    @Test
    void theCubeEqualsARecomputationFromTheFactsAfterAShuffledStream() {
        LocalDate month = EventFeed.privateMonth();
        String a = "rep-a-" + UUID.randomUUID();
        String b = "rep-b-" + UUID.randomUUID();
        List<EventEnvelope> events = new ArrayList<>();
        Story regradedWon = new Story("TRADE_SHOW", month).captured("SOFTWARE", "上海").graded("MEDIUM").assigned(a)
                .firstResponseAfterMinutes(90).regraded("HIGH", 30).stage("CONTACTED", "PROPOSAL", 48)
                .wonAfterDays(12, 80_000, "现场互动强");
        events.addAll(regradedWon.events());
        Story reassignedLost = new Story("WEBSITE_FORM", month.plusDays(3)).captured("RETAIL", "北京").graded("LOW")
                .assigned(a).slaBreached().firstResponseAfterMinutes(3000).lostAfterDays(20, "BUDGET");
        events.addAll(reassignedLost.events());
        events.add(EventEnvelope.of(reassignedLost.leadId, reassignedLost.registeredAt().plusSeconds(3600),
                "lead-routing-service", new LeadEvent.LeadReassigned(a, b, "王销售", "LOW", "休假")));
        Story erased = new Story("PARTNER_REFERRAL", month.plusDays(10)).captured("FINANCE", "广东").graded("HIGH")
                .assigned(b).firstResponseAfterMinutes(20).wonAfterDays(40, 120_000, "伙伴背书", "需求明确");
        events.addAll(erased.events());
        events.add(EventEnvelope.of(erased.leadId, erased.registeredAt().plusSeconds(50L * 24 * 3600),
                "lead-intake-service", new LeadEvent.LeadErased("dpo", "客户要求删除")));
        Story rejected = new Story("SOCIAL_MEDIA", month.plusDays(5)).rejected("CONTACT_INVALID");
        events.addAll(rejected.events());
        Story open = new Story("WEBSITE_FORM", month.plusDays(20)).captured("SOFTWARE", "上海").graded("MEDIUM")
                .assigned(b).slaBreached();
        events.addAll(open.events());
        // Staff merged a duplicate into the open lead: it was counted, assigned and breached, and now counts nowhere.
        Story merged = new Story("WEBSITE_FORM", month.plusDays(21)).captured("SOFTWARE", "上海").graded("LOW")
                .assigned(a).slaBreached();
        events.addAll(merged.events());
        events.add(EventEnvelope.of(merged.leadId, merged.registeredAt().plusSeconds(3L * 24 * 3600),
                "lead-intake-service", new LeadEvent.LeadMerged(open.leadId, "manager-wang")));
        feed.sendShuffled(events);

        int generation = queries.activeGeneration();
        EventFeed.eventually(Duration.ofSeconds(60), () -> {
            Map<Aggregates.Cell, Aggregates.Delta> stored = aggregates.stored(generation, month);
            Aggregates.Cell total = stored.keySet().stream().filter(c -> c.slice() == Aggregates.Slice.TOTAL)
                    .findFirst().orElseThrow(() -> new AssertionError("no cube yet"));
            // all five leads in, with the erasure applied (the erased lead's win factors gone) and the merged duplicate
            // left out (its breach with it)
            assertThat(stored.get(total).count(Aggregates.Count.LEADS)).isEqualTo(5);
            assertThat(stored.get(total).count(Aggregates.Count.WON)).isEqualTo(2);
            assertThat(stored.get(total).count(Aggregates.Count.LOST)).isEqualTo(1);
            assertThat(stored.get(total).hist.get("win")).containsOnlyKeys("现场互动强");
            assertThat(stored.get(total).hist.get("bOwner")).containsEntry(a, 1L).containsEntry(b, 1L);
            assertThat(stored).isEqualTo(aggregates.recompute(generation, month));
        });
        Instant settled = Instant.now();
        assertThat(settled).isNotNull();

        // Every table through the cube equals the same table from the facts (whole month, and ragged edges).
        for (String[] period : List.of(new String[] {month.toString(), month.plusMonths(1).minusDays(1).toString()},
                new String[] {month.minusMonths(1).plusDays(9).toString(), month.plusMonths(1).plusDays(12).toString()})) {
            for (String path : List.of("conversion?groupBy=source,grade", "conversion?groupBy=owner",
                    "conversion?groupBy=region", "conversion?groupBy=month", "sources", "funnel", "cohorts",
                    "response-times?groupBy=owner", "response-times?groupBy=source", "insights",
                    "leads?size=5")) {
                String viaCube = table(path, period);
                queries.useCube(false);
                try {
                    assertThat(table(path, period)).as(path).isEqualTo(viaCube);
                } finally {
                    queries.useCube(true);
                }
            }
        }
    }

    private static String table(String path, String[] period) {
        return given().queryParam("from", period[0]).queryParam("to", period[1]).when()
                .get("/api/v1/analytics/" + path).then().statusCode(200).extract().asString();
    }
}
