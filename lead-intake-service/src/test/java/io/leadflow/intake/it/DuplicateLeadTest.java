package io.leadflow.intake.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.leadflow.events.contract.EventEnvelope;
import io.leadflow.events.contract.LeadEvent;
import io.leadflow.events.security.Roles;
import io.leadflow.events.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class DuplicateLeadTest {

    @BeforeEach
    void signIn() {
        Tokens.useByDefault("test-admin", Roles.ADMIN);
    }

    @Test
    void theSamePhoneFromAnotherChannelIsATouchOfTheExistingLead() {
        Map<String, Object> first = Leads.tradeShowLead();
        String id = Leads.create(first);

        Map<String, Object> again = Leads.tradeShowLead();
        again.put("phone", "+86 " + first.get("phone"));
        again.put("source", "官网表单");
        again.put("sourceDetail", "官网首页表单");
        again.put("utm", Map.of("source", "baidu", "medium", "cpc", "campaign", "crm-spring"));
        Leads.post(again).then().statusCode(200)
                .body("outcome", equalTo("DUPLICATE"))
                .body("leadId", equalTo(id))
                .body("matchedOn", equalTo("PHONE"));

        given().when().get("/api/v1/leads/" + id + "/touches").then().statusCode(200)
                .body("items", hasSize(2))
                .body("items.kind", contains("ORIGINAL", "DUPLICATE"))
                .body("items.source", contains("TRADE_SHOW", "WEBSITE_FORM"))
                .body("items[1].matchedOn", equalTo("PHONE"))
                .body("items[1].utm.source", equalTo("baidu"));

        List<EventEnvelope> events = Leads.events(id, 3);
        assertThat(events).extracting(EventEnvelope::eventType)
                .containsExactly("LeadCaptured", "LeadQualified", "DuplicateLeadMerged");
        LeadEvent.DuplicateLeadMerged merged = (LeadEvent.DuplicateLeadMerged) events.get(2).payload();
        assertThat(merged.matchedOn()).isEqualTo("PHONE");
        assertThat(merged.source()).isEqualTo("WEBSITE_FORM");
        assertThat(merged.utm().campaign()).isEqualTo("crm-spring");
    }

    @Test
    void emailAndCompanyNameFindTheLeadToo() {
        Map<String, Object> first = Leads.tradeShowLead();
        String id = Leads.create(first);

        Map<String, Object> byEmail = Leads.tradeShowLead();
        byEmail.put("email", ((String) first.get("email")).toUpperCase());
        Leads.post(byEmail).then().statusCode(200).body("leadId", equalTo(id)).body("matchedOn", equalTo("EMAIL"));

        Map<String, Object> byCompany = Leads.tradeShowLead();
        String company = (String) first.get("customerName");
        byCompany.put("customerName", company.replace("有限公司", "股份有限公司"));
        Leads.post(byCompany).then().statusCode(200).body("leadId", equalTo(id)).body("matchedOn", equalTo("COMPANY"));
    }

    @Test
    void twoConcurrentSubmissionsOfOnePhoneMakeOneLead() throws Exception {
        String phone = Leads.phone();
        int submissions = 6;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(submissions);
        try {
            List<Future<JsonPath>> answers = new ArrayList<>();
            for (int i = 0; i < submissions; i++) {
                Map<String, Object> lead = Leads.tradeShowLead();
                lead.put("phone", phone);
                answers.add(pool.submit((Callable<JsonPath>) () -> {
                    start.await();
                    return Leads.post(lead).then().extract().jsonPath();
                }));
            }
            start.countDown();
            Set<String> ids = new HashSet<>();
            int created = 0;
            for (Future<JsonPath> answer : answers) {
                JsonPath body = answer.get();
                ids.add(body.getString("leadId"));
                if ("CREATED".equals(body.getString("outcome"))) {
                    created++;
                }
            }
            assertThat(ids).hasSize(1);
            assertThat(created).isEqualTo(1);
            given().when().get("/api/v1/leads/" + ids.iterator().next() + "/touches").then()
                    .body("total", equalTo(submissions));
        } finally {
            pool.shutdownNow();
        }
    }

    /** Three times the test pool (8): every main connection busy with a capture must not starve the id counter. */
    @Test
    void concurrentCapturesOfDifferentPeopleGetDistinctIds() throws Exception {
        int submissions = 24;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(submissions);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < submissions; i++) {
                Map<String, Object> lead = Leads.tradeShowLead();
                answers.add(pool.submit(() -> {
                    start.await();
                    return Leads.create(lead);
                }));
            }
            start.countDown();
            Set<String> ids = new HashSet<>();
            for (Future<String> answer : answers) {
                ids.add(answer.get());
            }
            assertThat(ids).hasSize(submissions).allMatch(id -> id.matches("LX\\d{14}"));
        } finally {
            pool.shutdownNow();
        }
    }
}
