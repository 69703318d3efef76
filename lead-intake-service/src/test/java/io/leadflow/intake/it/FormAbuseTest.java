package io.leadflow.intake.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.leadflow.events.security.Roles;
import io.leadflow.events.testing.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The public form endpoint under abuse, posting as the internet does (no token): foreign and missing origins, a
 * burst from one address, a flood spread over many addresses, oversized and unsized bodies, a filled honeypot,
 * and probes for echoes. Each refusal is a problem, and none creates more leads than the limits allow.
 */
@QuarkusTest
class FormAbuseTest {

    private static final String SITE = "https://www.xingchen-soft.cn";
    /** application.properties: 10 per address, 30 per form in the test profile, per minute. */
    private static final int PER_ADDRESS = 10;
    private static final int PER_FORM = 30;

    @TestHTTPResource("/")
    URL base;

    @jakarta.inject.Inject
    javax.sql.DataSource dataSource;

    @BeforeEach
    void signIn() {
        Tokens.useByDefault("marketing-chen", Roles.MARKETING);
    }

    private static String form(Map<String, Object> extra) {
        String key = "abuse-" + Leads.token();
        Map<String, Object> form = new HashMap<>(Map.of("key", key, "name", "官网首页表单",
                "allowedOrigins", List.of(SITE, "http://localhost:8080"),
                "fieldMapping", Map.of("tel", "phone", "msg", "needDescription")));
        form.putAll(extra);
        given().contentType(ContentType.JSON).body(form).when().post("/api/v1/forms").then().statusCode(201);
        return key;
    }

    private static RequestSpecification from(String address) {
        return Tokens.anonymous().header("X-Forwarded-For", address).contentType(ContentType.JSON);
    }

    private static Map<String, Object> person(String token) {
        return Map.of("company", "云帆商贸" + Leads.token() + "有限公司", "name", "王总", "tel", Leads.phone(),
                "msg", "知晓一下ERP模块 " + token);
    }

    private static int leadsMentioning(String token) {
        return given().queryParam("q", token).when().get("/api/v1/leads").then().statusCode(200)
                .extract().path("total");
    }

    @Test
    void aForeignOrMissingOriginIsRefusedOnPreflightAndPostAndCreatesNothing() {
        String key = form(Map.of());
        String token = Leads.token();
        String address = Leads.address();
        String path = "/api/v1/forms/" + key + "/submissions";
        Tokens.anonymous().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .when().options(path).then().statusCode(403).contentType(containsString("problem+json"))
                .header("Access-Control-Allow-Origin", nullValue());
        Tokens.anonymous().header("Access-Control-Request-Method", "POST").when().options(path).then().statusCode(403);
        Tokens.anonymous().header("Origin", "https://www.xingchen-soft.cn:443").header("Access-Control-Request-Method",
                "POST").when().options(path).then().statusCode(204)
                .header("Access-Control-Allow-Origin", equalTo(SITE));

        List<RequestSpecification> refused = List.of(
                from(address).header("Origin", "https://evil.example"),
                from(address).header("Origin", "https://www.xingchen-soft.cn.evil.example"),
                from(address).header("Origin", "null"),
                from(address).header("Referer", "https://evil.example/contact.html"),
                from(address)); // neither Origin nor Referer: the form requires one
        for (RequestSpecification request : refused) {
            request.body(person(token)).when().post(path).then().statusCode(403)
                    .contentType(containsString("problem+json"))
                    .body("type", equalTo("https://leadflow.io/problems/origin-not-allowed"))
                    .header("Access-Control-Allow-Origin", nullValue());
        }
        assertThat(leadsMentioning(token)).isZero();
        // the page's address is enough when a browser sends no Origin
        from(address).header("Referer", SITE + "/contact.html?utm_source=baidu").body(person(token))
                .when().post(path).then().statusCode(202);
        assertThat(leadsMentioning(token)).isEqualTo(1);
        // a form posted by a partner's server may be declared to need no origin
        String serverForm = form(Map.of("requireOrigin", false));
        from(Leads.address()).body(person(token)).when().post("/api/v1/forms/" + serverForm + "/submissions")
                .then().statusCode(202);
        from(Leads.address()).header("Origin", "https://evil.example").body(person(token))
                .when().post("/api/v1/forms/" + serverForm + "/submissions").then().statusCode(403);
        assertThat(leadsMentioning(token)).isEqualTo(2);
    }

    @Test
    void aBurstFromOneAddressGetsTheLimitThroughAndEveryOtherPostA429WithRetryAfter() {
        String key = form(Map.of());
        String token = Leads.token();
        String address = Leads.address();
        int accepted = 0;
        List<Integer> others = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < 300; i++) {
            Map<String, Object> body = person(token);
            Response response = from(address).header("Origin", SITE).body(body)
                    .when().post("/api/v1/forms/" + key + "/submissions");
            if (response.statusCode() == 202) { // a public post is answered 202, whatever became of it
                accepted++;
                continue;
            }
            others.add(response.statusCode());
            response.then().statusCode(429).contentType(containsString("problem+json"))
                    .body("type", equalTo("https://leadflow.io/problems/rate-limited"))
                    .header("Access-Control-Allow-Origin", equalTo(SITE))
                    .body(not(containsString((String) body.get("tel"))));
            assertThat(Integer.parseInt(response.header("Retry-After"))).isBetween(1, 60);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        // one window is a minute: a burst that took longer may have met a second window, never a third
        int windows = (int) (took.toSeconds() / 60) + 1;
        assertThat(accepted).isBetween(PER_ADDRESS, PER_ADDRESS * windows);
        assertThat(others).hasSize(300 - accepted).containsOnly(429);
        assertThat(leadsMentioning(token)).isEqualTo(accepted);
        // another address is not held back by this one
        from(Leads.address()).header("Origin", SITE).body(person(token))
                .when().post("/api/v1/forms/" + key + "/submissions").then().statusCode(202);
    }

    /** Changing the last 64 bits of an IPv6 address does not buy a new allowance: the /64 is counted. */
    @Test
    void anIpv6ClientIsCountedByItsSlash64() {
        String key = form(Map.of());
        String token = Leads.token();
        String block = "2001:db8:" + Integer.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextInt(1, 0xffff))
                + ":" + Integer.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextInt(1, 0xffff));
        for (int i = 1; i <= PER_ADDRESS; i++) {
            from(block + "::" + Integer.toHexString(i)).header("Origin", SITE).body(person(token))
                    .when().post("/api/v1/forms/" + key + "/submissions").then().statusCode(202);
        }
        from(block + ":ffff:ffff:ffff:fff0").header("Origin", SITE).body(person(token))
                .when().post("/api/v1/forms/" + key + "/submissions").then().statusCode(429)
                .header("Retry-After", notNullValue());
        assertThat(leadsMentioning(token)).isEqualTo(PER_ADDRESS);
    }

    /** Preflights are limited too: a flood of OPTIONS never reaches the form's settings in the database. */
    @Test
    void aFloodOfPreflightsIsLimited() {
        String key = form(Map.of());
        String address = Leads.address();
        for (int i = 0; i < PER_ADDRESS; i++) {
            from(address).header("Origin", SITE).header("Access-Control-Request-Method", "POST")
                    .when().options("/api/v1/forms/" + key + "/submissions").then().statusCode(204);
        }
        from(address).header("Origin", SITE).header("Access-Control-Request-Method", "POST")
                .when().options("/api/v1/forms/" + key + "/submissions").then().statusCode(429)
                .contentType(containsString("problem+json")).header("Retry-After", notNullValue());
        // the posts of that address have their own allowance
        from(address).header("Origin", SITE).body(person(Leads.token()))
                .when().post("/api/v1/forms/" + key + "/submissions").then().statusCode(202);
    }

    /**
     * The count lives in the database, shared by every instance: what another instance counted for an address in
     * this window (written here as it would write it) counts here too.
     */
    @Test
    void everyInstanceCountsTheSameWindow() throws Exception {
        String key = form(Map.of());
        String address = Leads.address();
        try (java.sql.Connection c = dataSource.getConnection(); java.sql.PreparedStatement other = c.prepareStatement(
                "insert into rate_limit (key, window_start, count) values (?, now(), ?)")) {
            other.setString(1, "address|" + address);
            other.setInt(2, PER_ADDRESS);
            other.executeUpdate();
        }
        from(address).header("Origin", SITE).body(person(Leads.token()))
                .when().post("/api/v1/forms/" + key + "/submissions").then().statusCode(429);
        try (java.sql.Connection c = dataSource.getConnection(); java.sql.PreparedStatement count = c.prepareStatement(
                "select count from rate_limit where key = ?")) {
            count.setString(1, "address|" + address);
            try (java.sql.ResultSet rs = count.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(PER_ADDRESS + 1);
            }
        }
    }

    @Test
    void aFloodSpreadOverManyAddressesMeetsTheFormsOwnLimit() {
        String key = form(Map.of());
        String token = Leads.token();
        int accepted = 0;
        int limited = 0;
        for (int a = 0; a < 8; a++) {
            String address = Leads.address();
            for (int i = 0; i < 6; i++) { // 6 per address: under the address limit, 48 in all
                Response response = from(address).header("Origin", SITE).body(person(token))
                        .when().post("/api/v1/forms/" + key + "/submissions");
                if (response.statusCode() == 202) { // a public post is answered 202, whatever became of it
                    accepted++;
                } else {
                    response.then().statusCode(429).body("detail", containsString("form"))
                            .header("Retry-After", notNullValue());
                    limited++;
                }
            }
        }
        assertThat(accepted).isEqualTo(PER_FORM);
        assertThat(limited).isEqualTo(48 - PER_FORM);
        assertThat(leadsMentioning(token)).isEqualTo(PER_FORM);
        // another form is not held back by this one's flood
        String other = form(Map.of());
        from(Leads.address()).header("Origin", SITE).body(person(token))
                .when().post("/api/v1/forms/" + other + "/submissions").then().statusCode(202);
    }

    @Test
    void anOversizedOrUnsizedBodyIsRefusedBeforeItIsRead() throws Exception {
        String key = form(Map.of());
        String token = Leads.token();
        String path = "/api/v1/forms/" + key + "/submissions";
        Map<String, Object> big = new HashMap<>(person(token));
        big.put("msg", "需要CRM " + token + " " + "很".repeat(20_000)); // 60 KB of UTF-8, over the 16 KB bound
        from(Leads.address()).header("Origin", SITE).body(big).when().post(path).then().statusCode(413)
                .contentType(containsString("problem+json"))
                .body("type", equalTo("https://leadflow.io/problems/body-too-large"));
        String huge = "{\"msg\":\"" + token + "x".repeat(2_000_000) + "\"}"; // past every limit of the service
        from(Leads.address()).header("Origin", SITE).body(huge).when().post(path).then().statusCode(413);

        // a chunked body announces no length: refused, not read to its end
        HttpRequest chunked = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + path))
                .header("Content-Type", "application/json").header("Origin", SITE)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(
                        ("{\"tel\":\"" + Leads.phone() + "\",\"msg\":\"需要CRM " + token + "\"}")
                                .getBytes(StandardCharsets.UTF_8))))
                .build();
        HttpResponse<String> answer = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(chunked, HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(411);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
        assertThat(leadsMentioning(token)).isZero();
    }

    @Test
    void aFilledHoneypotIsRefusedWithoutSayingWhichFieldGaveItAway() {
        String key = form(Map.of("honeypotField", "website"));
        String token = Leads.token();
        Map<String, Object> bot = new HashMap<>(person(token));
        bot.put("website", "http://spam.example");
        from(Leads.address()).header("Origin", SITE).body(bot).when().post("/api/v1/forms/" + key + "/submissions")
                .then().statusCode(400).body("type", equalTo("https://leadflow.io/problems/honeypot"))
                .body(not(containsString("website"))).body(not(containsString("spam.example")));
        assertThat(leadsMentioning(token)).isZero();
    }

    @Test
    void noRefusalQuotesWhatWasPosted() {
        String key = form(Map.of());
        String path = "/api/v1/forms/" + key + "/submissions";
        String phone = Leads.phone();
        String email = "wang." + Leads.token() + "@yunfan-trade.cn";
        String name = "欧阳" + Leads.token();
        List<Response> answers = new ArrayList<>();
        // a phone typed into the size box, an email as the intent, a name as the budget
        answers.add(from(Leads.address()).header("Origin", SITE).body(Map.of("tel", Leads.phone(), "msg", "需要CRM",
                "companySize", phone, "declaredIntent", email, "budget", name)).when().post(path));
        // broken JSON around the same values
        answers.add(from(Leads.address()).header("Origin", SITE)
                .body("{\"tel\": \"" + phone + "\", \"name\": \"" + name + "\", \"email\": " + email + "}")
                .when().post(path));
        answers.add(from(Leads.address()).header("Origin", SITE)
                .body(Map.of("tel", Map.of("value", phone), "email", email)).when().post(path));
        answers.add(from(Leads.address()).header("Origin", SITE).header("Idempotency-Key", "key " + email)
                .body(Map.of("tel", phone, "msg", "需要CRM")).when().post(path));
        answers.add(from(Leads.address()).header("Origin", "https://" + name + ".example")
                .body(Map.of("tel", phone, "email", email)).when().post(path));
        for (Response answer : answers) {
            assertThat(answer.statusCode()).isBetween(400, 499);
            assertThat(answer.contentType()).contains("problem+json");
            assertThat(answer.asString()).doesNotContain(phone).doesNotContain(email).doesNotContain(name);
        }
        given().queryParam("q", name).when().get("/api/v1/leads").then().body("total", equalTo(0));
    }
}
