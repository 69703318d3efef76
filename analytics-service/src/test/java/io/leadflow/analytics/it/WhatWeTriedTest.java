package io.leadflow.analytics.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.leadflow.events.contract.EventEnvelope;
import io.leadflow.events.contract.LeadEvent;
import io.leadflow.events.contract.PolicyTrial;
import io.leadflow.events.security.Roles;
import io.leadflow.events.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The monthly review's "what we tried": the rule policy versions published in the month, from the services that own
 * them, with the policy lab's figures each went live on, or saying it went live untried.
 */
@QuarkusTest
class WhatWeTriedTest {

    @BeforeEach
    void signedInAsAnAdmin() {
        Tokens.useByDefault("test-admin", Roles.ADMIN);
    }

    @Inject
    EventFeed feed;

    @Test
    void theReviewListsTheMonthsPolicyVersionsWithTheFiguresTheyWentLiveOn() {
        LocalDate month = EventFeed.privateMonth();
        // versions named after the month: a later run in another month never meets these rows
        int version = month.getYear() * 100 + month.getMonthValue();
        Instant cadenceAt = month.plusDays(9).atTime(10, 30).atZone(EventFeed.ZONE).toInstant();
        Instant gradingAt = month.plusDays(20).atTime(16, 5).atZone(EventFeed.ZONE).toInstant();
        EventEnvelope cadence = EventEnvelope.of("POLICY-CADENCE", cadenceAt, "followup-service",
                new LeadEvent.PolicyVersionPublished("CADENCE", version, "manager-wang", "缩短官网表单线索响应时间至24小时内",
                        cadenceAt, new PolicyTrial("CADENCE_WHAT_IF", month.minusMonths(3), month.minusDays(1), 1240,
                        "FIRST_RESPONSE_SLA_PERCENT", new BigDecimal("86.0"), new BigDecimal("72.5"), "manager-wang",
                        cadenceAt.minusSeconds(600))));
        EventEnvelope grading = EventEnvelope.of("POLICY-GRADING", gradingAt, "lead-routing-service",
                new LeadEvent.PolicyVersionPublished("GRADING", version, "admin-zhao", null, gradingAt, null));
        EventEnvelope nextMonth = EventEnvelope.of("POLICY-ASSIGNMENT", month.plusMonths(1).atStartOfDay(EventFeed.ZONE)
                .toInstant(), "lead-routing-service", new LeadEvent.PolicyVersionPublished("ASSIGNMENT", version,
                "manager-wang", "next month's", month.plusMonths(1).atStartOfDay(EventFeed.ZONE).toInstant(), null));
        // delivered twice and out of order, as Kafka may
        feed.send(List.of(grading, cadence, nextMonth, cadence));

        String ym = month.toString().substring(0, 7);
        EventFeed.eventually(Duration.ofSeconds(60), () -> given().when().get("/api/v1/analytics/reviews/" + ym).then()
                .statusCode(200).body("policyChanges.size()", org.hamcrest.Matchers.equalTo(2)));
        JsonPath review = given().when().get("/api/v1/analytics/reviews/" + ym).then().statusCode(200).extract()
                .jsonPath();
        assertThat(review.getList("policyChanges.policy")).containsExactly("CADENCE", "GRADING");
        assertThat(review.getString("policyChanges[0].policyLabel")).isEqualTo("跟进节奏");
        assertThat(review.getInt("policyChanges[0].version")).isEqualTo(version);
        assertThat(review.getString("policyChanges[0].publishedBy")).isEqualTo("manager-wang");
        assertThat(review.getString("policyChanges[0].reason")).isEqualTo("缩短官网表单线索响应时间至24小时内");
        assertThat(Instant.parse(review.getString("policyChanges[0].publishedAt"))).isEqualTo(cadenceAt);
        assertThat(review.getString("policyChanges[0].trial.kindLabel")).isEqualTo("跟进节奏试算");
        assertThat(review.getString("policyChanges[0].trial.from")).isEqualTo(month.minusMonths(3).toString());
        assertThat(review.getInt("policyChanges[0].trial.leads")).isEqualTo(1240);
        assertThat(review.getString("policyChanges[0].trial.measureLabel")).isEqualTo("首次响应按时率(%)");
        assertThat(review.getFloat("policyChanges[0].trial.before")).isEqualTo(86.0f);
        assertThat(review.getFloat("policyChanges[0].trial.after")).isEqualTo(72.5f);
        assertThat(review.getString("policyChanges[1].policyLabel")).isEqualTo("分级规则");
        assertThat(review.getString("policyChanges[1].reason")).isNull();
        assertThat(review.getString("policyChanges[1].trial")).isNull();

        // for BI: the lab's measure as value, the policy before it as previous; an untried version says so
        String csv = given().queryParam("format", "csv").queryParam("lang", "en").when()
                .get("/api/v1/analytics/reviews/" + ym).then().statusCode(200).extract().asString();
        assertThat(csv).contains("tried,CADENCE:v" + version + ",first_response_sla_percent,72.5,86.0,-13.5,false,,"
                + "Follow-up cadence v" + version);
        assertThat(csv).contains("tried,GRADING:v" + version + ",not_tried,,,,false,,Grading rules v" + version);
        assertThat(csv).doesNotContain("ASSIGNMENT:v");

        String page = given().queryParam("format", "html").queryParam("lang", "zh-CN").when()
                .get("/api/v1/analytics/reviews/" + ym).then().statusCode(200).extract().asString();
        assertThat(page).contains("本月尝试的规则调整", "跟进节奏", "缩短官网表单线索响应时间至24小时内", "上线前未试算",
                month.plusDays(9) + " 10:30");
        assertThat(given().queryParam("format", "html").queryParam("lang", "en").when()
                .get("/api/v1/analytics/reviews/" + month.plusMonths(2).toString().substring(0, 7)).then()
                .statusCode(200).extract().asString()).contains("What we tried", "No rule changed this month");

        // a policy is not a lead: no lead facts were made of it
        given().when().get("/api/v1/analytics/leads/POLICY-CADENCE").then().statusCode(404);
    }
}
