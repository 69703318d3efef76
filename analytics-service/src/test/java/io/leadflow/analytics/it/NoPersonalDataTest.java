package io.leadflow.analytics.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.leadflow.events.contract.Budget;
import io.leadflow.events.contract.Consent;
import io.leadflow.events.contract.EventEnvelope;
import io.leadflow.events.contract.GradeReason;
import io.leadflow.events.contract.LeadEvent;
import io.leadflow.events.contract.LeadProfile;
import io.leadflow.events.contract.Money;
import io.leadflow.events.contract.Reason;
import io.leadflow.events.contract.Utm;
import io.leadflow.events.security.Roles;
import io.leadflow.events.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Issue #7 §4, "the export endpoints for analysts carry no personal data", shown the hard way: leads whose profiles
 * carry a known customer name, contact name, phone, email and WeChat id, and whose every other event carries them in
 * its free text too (notes, reasons, next actions), go through the real topics; then every analytics endpoint, in
 * JSON and CSV, is read as an analyst and searched for them, and so is every text column of every table.
 */
@QuarkusTest
class NoPersonalDataTest {

    @Inject
    EventFeed feed;

    @Inject
    DatabaseSearch database;

    @BeforeEach
    void signedInAsAnAdmin() {
        Tokens.useByDefault("test-admin", Roles.ADMIN);
    }

    /** One customer's personal data, unique to this run so a hit can only come from this test's events. */
    record Person(String customerName, String contactName, String nationalPhone, String email, String wechat) {
        static Person random() {
            String tag = UUID.randomUUID().toString().substring(0, 8);
            return new Person("隐私测试" + tag + "科技有限公司", "联系人" + tag,
                    "139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000)),
                    "pii." + tag + "@example.cn", "wx_pii_" + tag);
        }

        String phone() {
            return "+86" + nationalPhone;
        }

        /** What must appear nowhere: the phone is searched without its country code, so any form of it is caught. */
        List<String> values() {
            return List.of(customerName, contactName, nationalPhone, email, wechat);
        }

        /** A sentence a person would type, naming and reaching this customer. */
        String sentence() {
            return "联系" + contactName + "(" + customerName + ") 电话 " + phone() + " 邮箱 " + email + " 微信 " + wechat;
        }

        LeadProfile profile(String source, Instant registeredAt) {
            // Phones and emails typed into the texts analytics keeps as dimensions (source detail, UTM) too.
            return new LeadProfile(customerName, contactName, phone(), email, wechat, source,
                    "官网表单 回拨 " + phone() + " " + email, new Utm("baidu", "cpc", "crm-spring", email, phone()),
                    sentence(), "SOFTWARE", "上海", 80, "ENTERPRISE",
                    new Budget(new BigDecimal("50000"), new BigDecimal("80000"), "CNY", sentence()), 30, "HIGH", null,
                    null, new Consent(true, registeredAt, "同意 " + sentence()), registeredAt);
        }
    }

    @Test
    void noEndpointAndNoTableHoldsACustomersNamePhoneEmailOrWechat() {
        Person person = Person.random();
        LocalDate month = EventFeed.privateMonth();
        Instant t0 = month.plusDays(2).atTime(10, 0).atZone(EventFeed.ZONE).toInstant();
        String owner = "rep-pii-" + UUID.randomUUID().toString().substring(0, 8);
        String won = EventFeed.leadId();
        String lost = EventFeed.leadId();
        String rejected = EventFeed.leadId();
        List<EventEnvelope> events = new ArrayList<>();
        events.addAll(wonLead(won, person, owner, t0));
        events.addAll(lostLead(lost, person, owner, t0.plusSeconds(3600)));
        LeadProfile profile = person.profile("WEBSITE_FORM", t0.plusSeconds(7200));
        events.add(EventEnvelope.of(rejected, t0.plusSeconds(7200), "lead-intake-service",
                new LeadEvent.LeadCaptured(profile, "FORM")));
        events.add(EventEnvelope.of(rejected, t0.plusSeconds(7201), "lead-intake-service",
                new LeadEvent.LeadRejected(List.of(new Reason("CONTACT_INCOMPLETE", "号码 " + person.phone()
                        + " 无效; " + person.sentence())), 1, "WEBSITE_FORM")));
        feed.sendShuffled(events);
        List<UUID> ids = events.stream().map(EventEnvelope::eventId).distinct().toList();
        EventFeed.eventually(Duration.ofSeconds(45), () -> assertThat(database.processed(ids))
                .as("events applied by the read model").isEqualTo(ids.size()));

        String from = month.toString();
        String to = month.plusMonths(1).minusDays(1).toString();
        Map<String, String> bodies = readEverythingAsAnAnalyst(from, to, month.toString().substring(0, 7),
                List.of(won, lost, rejected));

        // The reads are about these leads (so a clean body means something): the export lists all three.
        assertThat(bodies.get("leads json")).contains(won, lost, rejected);
        assertThat(bodies.get("leads csv")).contains(won, lost, rejected);
        assertThat(bodies.get("leads/" + won)).contains("\"outcome\":\"WON\"").contains("\"reassignments\":1");
        for (Map.Entry<String, String> body : bodies.entrySet()) {
            for (String value : person.values()) {
                assertThat(body.getValue()).as("%s must not carry '%s'", body.getKey(), value).doesNotContain(value);
            }
        }

        // The read model does not store them at all, in any table (the search itself does find what is kept).
        assertThat(database.textColumns()).contains(new DatabaseSearch.Column("lead_fact", "source_detail"));
        assertThat(database.find(won)).isNotEmpty();
        assertThat(database.find(person.nationalPhone().substring(7))).as("the masked phone's last four digits")
                .isNotEmpty();
        for (String value : person.values()) {
            assertThat(database.find(value)).as("columns holding '%s'", value).isEmpty();
        }
    }

    private List<EventEnvelope> wonLead(String leadId, Person p, String owner, Instant t0) {
        LeadProfile profile = p.profile("WEBSITE_FORM", t0);
        String intake = "lead-intake-service";
        String routing = "lead-routing-service";
        String followup = "followup-service";
        return List.of(
                EventEnvelope.of(leadId, t0, intake, new LeadEvent.LeadCaptured(profile, "FORM")),
                EventEnvelope.of(leadId, t0.plusSeconds(1), intake, new LeadEvent.LeadQualified(profile, 1)),
                EventEnvelope.of(leadId, t0.plusSeconds(2), intake,
                        new LeadEvent.LeadUpdated(profile, List.of("contactName", "phone"))),
                EventEnvelope.of(leadId, t0.plusSeconds(3), intake, new LeadEvent.DuplicateLeadMerged("T-" + leadId,
                        "PHONE", "WEBSITE_FORM", p.sentence(), new Utm("baidu", "cpc", "x", p.email(), p.phone()),
                        t0.plusSeconds(3))),
                EventEnvelope.of(leadId, t0.plusSeconds(60), routing, new LeadEvent.LeadGraded("MEDIUM", 60,
                        List.of(new GradeReason("DECLARED_INTENT", p.sentence(), 30)), 1, false, null, null)),
                EventEnvelope.of(leadId, t0.plusSeconds(61), routing, new LeadEvent.LeadAssigned(owner, "李销售",
                        "SENIOR", "MEDIUM", "WEBSITE_FORM", "rule-1", "ROUND_ROBIN", p.sentence())),
                EventEnvelope.of(leadId, t0.plusSeconds(900), followup, new LeadEvent.FollowUpLogged("F-" + leadId,
                        owner, t0.plusSeconds(900), "PHONE", "DONE", true, p.sentence(), null)),
                EventEnvelope.of(leadId, t0.plusSeconds(901), followup, new LeadEvent.FollowUpScheduled("K-" + leadId,
                        owner, "MEDIUM", "FOLLOW_UP", "WECHAT", t0.plusSeconds(86_400))),
                EventEnvelope.of(leadId, t0.plusSeconds(902), followup,
                        new LeadEvent.LeadStageChanged("NEW", "CONTACTED", owner, p.sentence())),
                EventEnvelope.of(leadId, t0.plusSeconds(3600), followup,
                        new LeadEvent.RegradeRequested("HIGH", p.sentence(), owner)),
                EventEnvelope.of(leadId, t0.plusSeconds(3700), routing, new LeadEvent.LeadGraded("HIGH", 85,
                        List.of(new GradeReason("BUDGET_FIT", p.sentence(), 15)), 1, false, "MEDIUM", p.sentence())),
                EventEnvelope.of(leadId, t0.plusSeconds(3800), routing,
                        new LeadEvent.LeadReassigned(owner, owner + "-b", "赵销售", "HIGH", p.sentence())),
                EventEnvelope.of(leadId, t0.plusSeconds(172_800), followup, new LeadEvent.FirstResponseSlaBreached(
                        "HIGH", "WEBSITE_FORM", owner, t0.plusSeconds(61), t0.plusSeconds(7200))),
                EventEnvelope.of(leadId, t0.plusSeconds(864_000), followup, new LeadEvent.LeadWon(
                        LocalDate.ofInstant(t0.plusSeconds(864_000), EventFeed.ZONE),
                        new Money(new BigDecimal("66000"), "CNY"), List.of("需求明确", "对接人邮箱 " + p.email()
                                + " 电话 " + p.phone()), owner + "-b")));
    }

    private List<EventEnvelope> lostLead(String leadId, Person p, String owner, Instant t0) {
        LeadProfile profile = p.profile("TRADE_SHOW", t0);
        return List.of(
                EventEnvelope.of(leadId, t0, "lead-intake-service", new LeadEvent.LeadCaptured(profile, "STAFF")),
                EventEnvelope.of(leadId, t0.plusSeconds(1), "lead-intake-service",
                        new LeadEvent.LeadQualified(profile, 1)),
                EventEnvelope.of(leadId, t0.plusSeconds(60), "lead-routing-service", new LeadEvent.LeadGraded("LOW",
                        20, List.of(), 1, false, null, null)),
                EventEnvelope.of(leadId, t0.plusSeconds(61), "lead-routing-service", new LeadEvent.LeadAssigned(owner,
                        "李销售", "JUNIOR", "LOW", "TRADE_SHOW", "rule-2", "ROUND_ROBIN", p.sentence())),
                EventEnvelope.of(leadId, t0.plusSeconds(432_000), "followup-service", new LeadEvent.LeadLost(
                        LocalDate.ofInstant(t0.plusSeconds(432_000), EventFeed.ZONE), "BUDGET", p.sentence(), owner)));
    }

    /** Every analytics read, JSON and CSV, as an analyst; the bodies by a name for the failure message. */
    private static Map<String, String> readEverythingAsAnAnalyst(String from, String to, String month,
                                                                 List<String> leadIds) {
        Map<String, String> bodies = new LinkedHashMap<>();
        List<String> groupings = new ArrayList<>(List.of("", "source", "grade", "owner", "region", "industry",
                "month", "source,grade", "owner,month"));
        for (String groupBy : groupings) {
            bodies.put("conversion " + groupBy + " json", read("conversion", from, to, "groupBy", groupBy, "json"));
            bodies.put("conversion " + groupBy + " csv", read("conversion", from, to, "groupBy", groupBy, "csv"));
        }
        for (String groupBy : List.of("grade", "source", "owner")) {
            bodies.put("response-times " + groupBy + " json", read("response-times", from, to, "groupBy", groupBy,
                    "json"));
            bodies.put("response-times " + groupBy + " csv", read("response-times", from, to, "groupBy", groupBy,
                    "csv"));
        }
        for (String path : List.of("sources", "funnel", "cohorts", "insights", "leads")) {
            for (String format : List.of("json", "csv")) {
                for (String lang : List.of("zh-CN", "en")) {
                    bodies.put(path + " " + format + " " + lang, read(path, from, to, "lang", lang, format));
                }
            }
        }
        bodies.put("leads json", read("leads", from, to, "size", "200", "json"));
        bodies.put("leads csv", read("leads", from, to, "size", "10000", "csv"));
        bodies.put("leads csv by Accept", body(Tokens.as("test-analyst", Roles.ANALYST).accept("text/csv")
                .queryParam("from", from).queryParam("to", to).get("/api/v1/analytics/leads")));
        for (String format : List.of("json", "csv", "html")) {
            bodies.put("reviews/" + month + " " + format, body(Tokens.as("test-analyst", Roles.ANALYST)
                    .queryParam("format", format).get("/api/v1/analytics/reviews/" + month)));
        }
        for (String leadId : leadIds) {
            bodies.put("leads/" + leadId, body(Tokens.as("test-analyst", Roles.ANALYST)
                    .get("/api/v1/analytics/leads/" + leadId)));
        }
        bodies.put("rebuild", body(Tokens.as("test-analyst", Roles.ANALYST).get("/api/v1/analytics/rebuild")));
        return bodies;
    }

    private static String read(String path, String from, String to, String param, String value, String format) {
        var request = Tokens.as("test-analyst", Roles.ANALYST).queryParam("from", from).queryParam("to", to)
                .queryParam("format", format);
        if (!value.isEmpty()) {
            request.queryParam(param, value);
        }
        return body(request.get("/api/v1/analytics/" + path));
    }

    private static String body(Response response) {
        assertThat(response.statusCode()).as("status of a read").isEqualTo(200);
        return new String(response.asByteArray(), StandardCharsets.UTF_8);
    }
}
