package io.leadflow.intake.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.leadflow.events.security.Roles;
import io.leadflow.events.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RedirectConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;

@QuarkusTest
class WebFormTest {

    @BeforeEach
    void signIn() {
        Tokens.useByDefault("test-admin", Roles.ADMIN);
    }

    private static final String SITE = "https://www.xingchen-soft.cn";

    /** Each test posts from its own address (the test profile trusts one proxy hop), so limits never meet. */
    private final String address = Leads.address();

    private static String createForm(String redirect) {
        return Leads.createForm(SITE, redirect);
    }

    private static String encoded(Map<String, String> fields) {
        StringBuilder body = new StringBuilder();
        fields.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&")
                .append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return body.toString();
    }

    private static RestAssuredConfig noRedirects() {
        return RestAssuredConfig.config().redirect(RedirectConfig.redirectConfig().followRedirects(false))
                .encoderConfig(EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false));
    }

    @Test
    void aPlainHtmlFormPostInChineseBecomesAWebsiteLeadAndRedirects() {
        String key = createForm("https://www.xingchen-soft.cn/thanks");
        String token = Leads.token();
        String phone = Leads.phone();
        given().config(noRedirects()).header("Origin", SITE).header("X-Forwarded-For", address)
                .contentType("application/x-www-form-urlencoded")
                .body(encoded(Map.of("company", "星辰科技" + token + "有限公司", "name", "张经理", "tel", phone,
                        "msg", "需要CRM系统, 50人团队", "utm_source", "baidu", "utm_campaign", "crm-spring", "_gotcha", "")))
                .when().post("/api/v1/forms/" + key + "/submissions").then()
                .statusCode(303)
                .header("Location", equalTo("https://www.xingchen-soft.cn/thanks"))
                .header("Access-Control-Allow-Origin", equalTo(SITE));
        given().queryParam("q", token).when().get("/api/v1/leads").then()
                .body("total", equalTo(1))
                .body("items[0].source", equalTo("WEBSITE_FORM"))
                .body("items[0].channel", equalTo("FORM"))
                .body("items[0].sourceDetail", equalTo("官网首页表单"))
                .body("items[0].contactName", equalTo("张经理"))
                .body("items[0].needDescription", equalTo("需要CRM系统, 50人团队"))
                .body("items[0].phone", equalTo("+86" + phone))
                .body("items[0].utm.campaign", equalTo("crm-spring"))
                .body("items[0].namedOwner", nullValue());
    }

    /**
     * A page served as GBK with no accept-charset: the browser encodes the fields in GBK and says nothing about it.
     * The lead keeps its Chinese name and budget; bytes declared as UTF-8 that are not are refused, never stored as �.
     */
    @Test
    void aGbkPageWithoutAcceptCharsetPostsChineseThatIsKept() {
        String key = createForm(null);
        String token = Leads.token();
        java.nio.charset.Charset gbk = java.nio.charset.Charset.forName("GBK");
        String company = "星辰商贸" + token + "有限公司";
        StringBuilder body = new StringBuilder();
        Map.of("company", company, "name", "张经理", "tel", Leads.phone(), "预算范围", "5-8万",
                "msg", "需要进销存系统 😀").forEach((k, v) -> body.append(body.length() == 0 ? "" : "&")
                .append(URLEncoder.encode(k, gbk)).append('=')
                // a GBK page sends what GBK lacks as an HTML reference, as browsers do
                .append(URLEncoder.encode(v.replace("😀", "&#128512;"), gbk)));
        given().config(noRedirects()).header("Origin", SITE).header("X-Forwarded-For", address)
                .contentType("application/x-www-form-urlencoded").body(body.toString()) // percent-encoded GBK bytes
                .when().post("/api/v1/forms/" + key + "/submissions").then().statusCode(202);
        given().queryParam("q", token).when().get("/api/v1/leads").then()
                .body("total", equalTo(1))
                .body("items[0].customerName", equalTo(company))
                .body("items[0].contactName", equalTo("张经理"))
                .body("items[0].needDescription", equalTo("需要进销存系统 😀"))
                .body("items[0].budget.min", equalTo(50000))
                .body("items[0].budget.max", equalTo(80000));

        String other = "云帆" + Leads.token();
        given().config(noRedirects()).header("Origin", SITE).header("X-Forwarded-For", address)
                .contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .body("company=" + URLEncoder.encode(other, gbk) + "&tel=" + Leads.phone())
                .when().post("/api/v1/forms/" + key + "/submissions").then().statusCode(400)
                .contentType(containsString("problem+json"))
                .body("errors[0].field", equalTo("company"));
        given().queryParam("q", other).when().get("/api/v1/leads").then().body("total", equalTo(0));
        given().header("Origin", SITE).header("X-Forwarded-For", address).contentType("application/json")
                .body(("{\"company\":\"" + other + "\"}").getBytes(gbk))
                .when().post("/api/v1/forms/" + key + "/submissions").then().statusCode(400)
                .body("errors[0].field", equalTo("(body)"));
    }

    /** What a visitor's browser shows when a plain form post is refused: a page in their language, not raw JSON. */
    @Test
    void aRefusedBrowserPostShowsAPageInTheVisitorsLanguage() {
        String key = createForm("https://www.xingchen-soft.cn/thanks");
        String browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
        String typed = "很多人" + Leads.token();
        String page = given().config(noRedirects()).header("Origin", "https://evil.example")
                .header("X-Forwarded-For", address).header("Accept", browser).header("Accept-Language", "zh-CN,zh;q=0.9")
                .contentType("application/x-www-form-urlencoded").body(encoded(Map.of("company", "星辰")))
                .when().post("/api/v1/forms/" + key + "/submissions").then().statusCode(403)
                .contentType(startsWith("text/html")).header("Content-Language", "zh-CN")
                .extract().asString();
        assertThat(page).contains("<html lang=\"zh-CN\">", "提交未被接受", "重新提交").doesNotContain("{\"");

        page = given().config(noRedirects()).header("Origin", SITE).header("Referer", SITE + "/contact?from=ad")
                .header("X-Forwarded-For", address).header("Accept", browser).header("Accept-Language", "en-US,en;q=0.9")
                .contentType("application/x-www-form-urlencoded")
                .body(encoded(Map.of("company", "<b>星辰</b>", "tel", Leads.phone(), "companySize", typed)))
                .when().post("/api/v1/forms/" + key + "/submissions").then().statusCode(400)
                .contentType(startsWith("text/html")).extract().asString();
        assertThat(page).contains("Please check your message", "companySize: ", "Back to the form",
                "href=\"" + SITE + "/contact?from=ad\"").doesNotContain(typed).doesNotContain("<b>");

        page = given().config(noRedirects()).header("Origin", SITE).header("X-Forwarded-For", address)
                .header("Accept", browser).contentType("application/x-www-form-urlencoded")
                .body(encoded(Map.of("company", "星辰", "tel", Leads.phone(), "companySize", typed)))
                .when().post("/api/v1/forms/" + key + "/submissions").then().statusCode(400)
                .contentType(startsWith("text/html")).extract().asString();
        assertThat(page).contains("请修改后重新提交", "企业规模：所填内容不是企业规模").doesNotContain(typed)
                .doesNotContain("返回表单"); // no Referer: nowhere known to go back to

        for (int i = 0; i < 7; i++) {
            given().header("Origin", SITE).header("X-Forwarded-For", address).contentType(ContentType.JSON)
                    .body(Map.of("_gotcha", "x")).when().post("/api/v1/forms/" + key + "/submissions").then()
                    .statusCode(400).contentType(containsString("problem+json")); // a script still gets JSON
        }
        String retryAfter = given().config(noRedirects()).header("Origin", SITE).header("X-Forwarded-For", address)
                .header("Accept", browser).header("Accept-Language", "zh-CN")
                .contentType("application/x-www-form-urlencoded").body(encoded(Map.of("company", "星辰")))
                .when().post("/api/v1/forms/" + key + "/submissions").then().statusCode(429)
                .contentType(startsWith("text/html")).header("Access-Control-Allow-Origin", equalTo(SITE))
                .body(containsString("提交过于频繁"))
                .extract().header("Retry-After");
        assertThat(Integer.parseInt(retryAfter)).isBetween(1, 60);
    }

    @Test
    void aScriptPostsJsonAndADoubleClickMakesOneLead() {
        String key = createForm(null);
        String token = Leads.token();
        Map<String, Object> body = Map.of("customerName", "云帆商贸" + token, "phone", Leads.phone(),
                "needDescription", "知晓一下ERP模块");
        String first = given().header("Origin", SITE).header("X-Forwarded-For", address).header("Idempotency-Key", "click-" + token)
                .contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/forms/" + key + "/submissions").then().statusCode(202)
                .body("status", equalTo("RECEIVED")).body("submissionId", notNullValue())
                .extract().path("submissionId");
        given().header("Origin", SITE).header("X-Forwarded-For", address).header("Idempotency-Key", "click-" + token).contentType(ContentType.JSON)
                .body(body).when().post("/api/v1/forms/" + key + "/submissions").then().statusCode(202)
                .header("Idempotent-Replayed", equalTo("true"))
                .body("submissionId", equalTo(first));
        given().queryParam("q", token).when().get("/api/v1/leads").then().body("total", equalTo(1));
        String id = given().queryParam("q", token).when().get("/api/v1/leads").then().extract().path("items[0].id");
        given().when().get("/api/v1/leads/" + id + "/touches").then().body("items", hasSize(1));
        // the same person again without a key is another touch of the same lead, answered 202
        given().header("Origin", SITE).header("X-Forwarded-For", address).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/forms/" + key + "/submissions").then().statusCode(202);
    }

    /**
     * A public form is no oracle: a post that made a lead and one that joined an existing lead get the same status and
     * body. A stranger typing a known company's name makes a lead of their own, linked for staff to judge, never a
     * touch on someone else's lead (whose owner would read their words, and who could not be erased apart).
     */
    @Test
    void aPublicPostRevealsNothingAndIsNeverMergedOnTheCompanyNameAlone() {
        String key = createForm(null);
        String token = Leads.token();
        String company = "星辰科技" + token + "有限公司";
        String original = Leads.create(Map.of("customerName", company, "contactName", "张经理", "phone", Leads.phone(),
                "source", "展会", "needDescription", "需要CRM系统"));
        String phone = Leads.phone();

        var fresh = given().header("Origin", SITE).header("X-Forwarded-For", address).contentType(ContentType.JSON)
                .body(Map.of("company", company, "name", "陌生人", "tel", phone, "msg", "我想了解贵司的报价"))
                .when().post("/api/v1/forms/" + key + "/submissions").then().statusCode(202).extract();
        var again = given().header("Origin", SITE).header("X-Forwarded-For", address).contentType(ContentType.JSON)
                .body(Map.of("company", company, "name", "陌生人", "tel", phone, "msg", "再问一次"))
                .when().post("/api/v1/forms/" + key + "/submissions").then().statusCode(202).extract();
        assertThat(again.jsonPath().getMap("").keySet()).isEqualTo(fresh.jsonPath().getMap("").keySet());
        assertThat(again.jsonPath().getString("status")).isEqualTo(fresh.jsonPath().getString("status"));

        given().when().get("/api/v1/leads/" + original + "/touches").then().body("items", hasSize(1));
        var leads = given().queryParam("q", token).when().get("/api/v1/leads").then().body("total", equalTo(2))
                .extract().jsonPath();
        String stranger = leads.getString("items.find { it.contactName == '陌生人' }.id");
        assertThat(leads.getString("items.find { it.contactName == '陌生人' }.possibleDuplicateOf")).isEqualTo(original);
        given().when().get("/api/v1/leads/" + stranger + "/touches").then().body("items", hasSize(2)); // joined by phone
        given().queryParam("possibleDuplicates", true).queryParam("q", token).when().get("/api/v1/leads").then()
                .body("items.id", org.hamcrest.Matchers.contains(stranger));

        // Staff typing the same company still link to the lead that has it, as before.
        Leads.post(Map.of("customerName", company, "source", "展会", "needDescription", "需要CRM系统", "email",
                "li." + token + "@xingchen.cn")).then().statusCode(200).body("leadId", equalTo(original))
                .body("matchedOn", equalTo("COMPANY"));
    }

    @Test
    void corsIsForTheAllowedOriginsOnly() {
        String key = createForm(null);
        given().header("Origin", SITE).header("X-Forwarded-For", address).header("Access-Control-Request-Method", "POST")
                .when().options("/api/v1/forms/" + key + "/submissions").then().statusCode(204)
                .header("Access-Control-Allow-Origin", equalTo(SITE))
                .header("Access-Control-Allow-Headers", containsString("Idempotency-Key"));
        given().header("Origin", "https://evil.example").header("X-Forwarded-For", address).header("Access-Control-Request-Method", "POST")
                .when().options("/api/v1/forms/" + key + "/submissions").then().statusCode(403)
                .header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", "https://evil.example").header("X-Forwarded-For", address).contentType(ContentType.JSON)
                .body(Map.of("phone", Leads.phone(), "needDescription", "spam"))
                .when().post("/api/v1/forms/" + key + "/submissions").then().statusCode(403)
                .contentType(containsString("problem+json"))
                .body("type", containsString("origin-not-allowed"))
                .body("detail", containsString("allowedOrigins"));
    }

    /**
     * The staff apps' origins (lead-events' StaffCors, here its local default) open the staff APIs, never a public
     * form: a form answers CORS itself, from its own allowedOrigins, with its own rate-limited preflight.
     */
    @Test
    void aStaffAppOriginDoesNotOpenAPublicForm() {
        String key = createForm(null);
        String staffApp = "http://localhost:5173";
        String submissions = "/api/v1/forms/" + key + "/submissions";
        given().header("Origin", staffApp).header("X-Forwarded-For", address).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .when().options(submissions).then().statusCode(403)
                .contentType(containsString("problem+json"))
                .body("type", containsString("origin-not-allowed"))
                .header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", staffApp).header("X-Forwarded-For", address).contentType(ContentType.JSON)
                .body(Map.of("phone", Leads.phone(), "needDescription", "from the staff app's origin"))
                .when().post(submissions).then().statusCode(403)
                .body("type", containsString("origin-not-allowed"))
                .header("Access-Control-Allow-Origin", nullValue())
                .header("Access-Control-Expose-Headers", nullValue());
        // The form's own site keeps the form's own answer, not the staff APIs' one.
        given().header("Origin", SITE).header("X-Forwarded-For", address).header("Access-Control-Request-Method", "POST")
                .when().options(submissions).then().statusCode(204)
                .header("Access-Control-Allow-Origin", equalTo(SITE))
                .header("Access-Control-Allow-Methods", equalTo("POST, OPTIONS"))
                .header("Access-Control-Allow-Headers", equalTo("Content-Type, Idempotency-Key"))
                .header("Access-Control-Max-Age", equalTo("600"));
        // The staff side of forms is a staff API like any other: the staff app reads it, the form's site does not.
        given().header("Origin", staffApp).when().get("/api/v1/forms").then().statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo(staffApp));
        given().header("Origin", SITE).when().get("/api/v1/forms").then().statusCode(200)
                .header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", staffApp).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .when().options("/api/v1/forms").then().statusCode(204)
                .header("Access-Control-Allow-Origin", equalTo(staffApp));
    }

    @Test
    void aFilledHoneypotAnUnknownFormAndBadFieldsAreProblems() {
        String key = createForm(null);
        String token = Leads.token();
        given().header("Origin", SITE).header("X-Forwarded-For", address).contentType(ContentType.JSON)
                .body(Map.of("customerName", "机器人" + token, "phone", Leads.phone(), "needDescription", "buy now",
                        "_gotcha", "http://spam.example"))
                .when().post("/api/v1/forms/" + key + "/submissions").then().statusCode(400)
                .body("type", containsString("honeypot"));
        given().queryParam("q", token).when().get("/api/v1/leads").then().body("total", equalTo(0));
        given().header("X-Forwarded-For", address).contentType(ContentType.JSON).body(Map.of("phone", Leads.phone()))
                .when().post("/api/v1/forms/no-such-form/submissions").then().statusCode(404);
        given().header("Origin", SITE).header("X-Forwarded-For", address).contentType(ContentType.JSON).body(Map.of("companySize", "很多"))
                .when().post("/api/v1/forms/" + key + "/submissions").then().statusCode(400)
                .body("errors[0].field", equalTo("companySize"));
        given().header("Origin", SITE).header("X-Forwarded-For", address).contentType(ContentType.JSON).body(Map.of("phone", Map.of("a", 1)))
                .when().post("/api/v1/forms/" + key + "/submissions").then().statusCode(400);
    }

    @Test
    void oneAddressIsRateLimitedWithRetryAfter() {
        String key = createForm(null);
        for (int i = 0; i < 10; i++) {
            given().header("Origin", SITE).header("X-Forwarded-For", address).contentType(ContentType.JSON).body(Map.of("_gotcha", "x"))
                    .when().post("/api/v1/forms/" + key + "/submissions").then().statusCode(400);
        }
        String retryAfter = given().header("Origin", SITE).header("X-Forwarded-For", address).contentType(ContentType.JSON)
                .body(Map.of("phone", Leads.phone(), "needDescription", "需要CRM"))
                .when().post("/api/v1/forms/" + key + "/submissions").then().statusCode(429)
                .header("Access-Control-Allow-Origin", equalTo(SITE))
                .extract().header("Retry-After");
        assertThat(Integer.parseInt(retryAfter)).isBetween(1, 60);
    }

    @Test
    void aSubmissionRecordsConsentWithTheFormsOwnWordingTimeAndSource() {
        String key = "consent-" + Leads.token();
        String wording = "我同意星辰软件通过电话和邮件联系我, 并按隐私政策处理我的信息";
        given().contentType(ContentType.JSON).body(Map.of("key", key, "name", "官网首页表单",
                "allowedOrigins", List.of(SITE), "consentText", wording, "consentField", "agree"))
                .when().post("/api/v1/forms").then().statusCode(201).body("consentText", equalTo(wording));
        String ticked = Leads.token();
        given().header("Origin", SITE).header("X-Forwarded-For", address).contentType(ContentType.JSON)
                .body(Map.of("company", "云帆商贸" + ticked, "tel", Leads.phone(), "message", "需要CRM " + ticked,
                        "agree", "on", "consentText", "我什么都同意了"))
                .when().post("/api/v1/forms/" + key + "/submissions").then().statusCode(202);
        given().queryParam("q", ticked).when().get("/api/v1/leads").then().body("total", equalTo(1))
                .body("items[0].consent.granted", equalTo(true))
                .body("items[0].consent.text", equalTo(wording))
                .body("items[0].consent.at", notNullValue())
                .body("items[0].consentSource", equalTo("form:" + key + " " + SITE));
        // the box left empty is recorded too: they saw the wording and did not agree
        String unticked = Leads.token();
        given().header("Origin", SITE).header("X-Forwarded-For", address).contentType(ContentType.JSON)
                .body(Map.of("company", "云帆商贸" + unticked, "tel", Leads.phone(), "message", "需要CRM " + unticked))
                .when().post("/api/v1/forms/" + key + "/submissions").then().statusCode(202);
        given().queryParam("q", unticked).when().get("/api/v1/leads").then()
                .body("items[0].consent.granted", equalTo(false))
                .body("items[0].consent.text", equalTo(wording));
    }

    @Test
    void aFormThatRequiresConsentKeepsNothingWithoutIt() {
        String key = "must-agree-" + Leads.token();
        given().contentType(ContentType.JSON).body(Map.of("key", key, "name", "白皮书下载", "allowedOrigins",
                List.of(SITE), "consentRequired", true)).when().post("/api/v1/forms").then().statusCode(400)
                .body("errors[0].field", equalTo("consentText"));
        given().contentType(ContentType.JSON).body(Map.of("key", key, "name", "白皮书下载", "allowedOrigins",
                List.of(SITE), "consentRequired", true, "consentText", "同意接收产品资讯"))
                .when().post("/api/v1/forms").then().statusCode(201);
        String token = Leads.token();
        given().header("Origin", SITE).header("X-Forwarded-For", address).contentType(ContentType.JSON)
                .body(Map.of("company", "云帆商贸" + token, "tel", Leads.phone(), "message", "需要CRM " + token))
                .when().post("/api/v1/forms/" + key + "/submissions").then().statusCode(400)
                .body("errors[0].field", equalTo("consent"));
        given().queryParam("q", token).when().get("/api/v1/leads").then().body("total", equalTo(0));
    }

    @Test
    void aFormIsCreatedOnlyWithWorkableSettings() {
        given().contentType(ContentType.JSON).body(Map.of("name", "x", "allowedOrigins", List.of("www.example.cn/path"),
                        "redirectUrl", "/thanks", "fieldMapping", Map.of("tel", "shoeSize")))
                .when().post("/api/v1/forms").then().statusCode(400)
                .body("errors.field", contains("allowedOrigins", "redirectUrl", "fieldMapping.tel"));
        String key = createForm(null);
        given().contentType(ContentType.JSON).body(Map.of("key", key, "name", "again", "allowedOrigins", List.of(SITE)))
                .when().post("/api/v1/forms").then().statusCode(409);
        given().when().get("/api/v1/forms/" + key).then().statusCode(200).body("allowedOrigins", contains(SITE));
    }
}
