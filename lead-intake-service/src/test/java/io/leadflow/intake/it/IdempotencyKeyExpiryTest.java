package io.leadflow.intake.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.leadflow.events.housekeeping.ExpiringRows;
import io.leadflow.events.housekeeping.Housekeeping;
import io.leadflow.events.security.Roles;
import io.leadflow.events.testing.Tokens;
import io.leadflow.intake.config.IntakeConfig;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Idempotency-Keys are remembered for the configured time and purged after it by the shared housekeeping. */
@QuarkusTest
class IdempotencyKeyExpiryTest {

    private static final String SITE = "https://www.xingchen-soft.cn";

    @Inject
    Housekeeping housekeeping;
    @Inject
    IntakeConfig config;
    @Inject
    DataSource dataSource;

    private final String address = Leads.address();

    @BeforeEach
    void signIn() {
        Tokens.useByDefault("test-admin", Roles.ADMIN);
    }

    @AfterEach
    void signOut() {
        Tokens.clearDefault();
    }

    @Test
    void aKeyIsForgottenAfterItsTimeToLiveAndAnsweredAgainWithinIt() throws Exception {
        Duration ttl = config.forms().idempotencyTtl();
        assertThat(housekeeping.tables()).contains(new ExpiringRows("form_submission", "created_at", ttl));
        String form = "contact-" + Leads.token();
        given().contentType(ContentType.JSON).body(Map.of("key", form, "name", "官网首页表单",
                "sourceDetail", "官网首页表单", "allowedOrigins", List.of(SITE))).when().post("/api/v1/forms").then().statusCode(201);
        String expired = "click-" + Leads.token();
        String kept = "click-" + Leads.token();
        Map<String, Object> body = Map.of("customerName", "云帆商贸" + Leads.token(), "phone", Leads.phone(),
                "needDescription", "知晓一下ERP模块");
        submit(form, expired, body).then().statusCode(202).header("Idempotent-Replayed", nullValue());
        submit(form, kept, body).then().statusCode(202).header("Idempotent-Replayed", nullValue());
        age(form, expired, ttl.plusMinutes(5));
        age(form, kept, ttl.minusMinutes(5));

        assertThat(housekeeping.run()).isPresent();

        assertThat(keys(form)).containsExactly(kept);
        submit(form, kept, body).then().statusCode(202).header("Idempotent-Replayed", equalTo("true"));
        // Forgotten: the same person again is another touch of their lead, not a replay of the first answer.
        submit(form, expired, body).then().statusCode(202).header("Idempotent-Replayed", nullValue());
    }

    private io.restassured.response.Response submit(String form, String key, Map<String, Object> body) {
        return Tokens.anonymous().header("Origin", SITE).header("X-Forwarded-For", address)
                .header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/forms/" + form + "/submissions");
    }

    private void age(String form, String key, Duration age) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "update form_submission set created_at = ? where form_key = ? and idempotency_key = ?")) {
            s.setTimestamp(1, Timestamp.from(Instant.now().minus(age)));
            s.setString(2, form);
            s.setString(3, key);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
    }

    private List<String> keys(String form) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select idempotency_key from form_submission where form_key = ?")) {
            s.setString(1, form);
            List<String> keys = new java.util.ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    keys.add(rs.getString(1));
                }
            }
            return keys;
        }
    }
}
