package io.leadflow.e2e;

import static io.leadflow.e2e.Api.awaitGet;
import static io.leadflow.e2e.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * What a new team meets on its first day, through the public APIs of the running suite: its lead register (Table 1)
 * imported from the GB18030 CSV Excel in China saves, with numbers written the way people write them, every digit
 * kept and each lead found again by its number in any format; the problem rows handed back ready to fix and upload
 * again; a website form on a GBK page keeping its Chinese; a refused browser post answered with a page.
 */
@ExtendWith(E2eStackExtension.class)
@Order(7)
class EverydayUseIT {

    private static final Charset GB18030 = Charset.forName("GB18030");

    @Test
    void theRegisterImportsWithEveryDigitAndComesBackFixable(E2eStack stack) {
        Api api = new Api(stack);
        String run = stack.runId();
        // contact cell as typed in the register -> the E.164 number it must become
        Map<String, String> contacts = new LinkedHashMap<>();
        String m = Api.uniquePhone();
        contacts.put(m.substring(0, 3) + " " + m.substring(3, 7) + " " + m.substring(7), "+86" + m);
        m = Api.uniquePhone();
        contacts.put("+86 " + m.substring(0, 3) + "-" + m.substring(3, 7) + "-" + m.substring(7), "+86" + m);
        String line = "6" + Api.uniquePhone().substring(4);
        contacts.put("021-" + line.substring(0, 4) + " " + line.substring(4), "+8621" + line);
        line = "8" + Api.uniquePhone().substring(4);
        contacts.put("(010) " + line.substring(0, 4) + " " + line.substring(4), "+8610" + line);
        line = "6" + Api.uniquePhone().substring(4);
        contacts.put("021 " + line + " 转 8012", "+8621" + line);

        StringBuilder csv = new StringBuilder("线索编号,客户名称,联系人,联系方式,线索来源,需求描述,意向等级,预算范围,决策周期,跟进人,登记日期\r\n");
        int i = 0;
        for (String cell : contacts.keySet()) {
            csv.append(",星辰").append(i++).append(run).append("科技有限公司,张经理,").append(cell)
                    .append(",展会,需要CRM系统,高意向,10-15万,1个月,李销售,2024-03-01\r\n");
        }
        csv.append(",云帆").append(run).append("商贸公司,王总,139,官网表单,知晓一下ERP模块,中意向,待确认,2-3个月,赵销售,2024-03-02\r\n");
        String id = api.intake().multiPart("file", "线索登记表.csv", csv.toString().getBytes(GB18030), "text/csv")
                .post("/api/v1/imports/leads").then().statusCode(202).extract().path("id");
        JsonPath report = awaitGet(api.intake(), "/api/v1/imports/" + id,
                r -> r.statusCode() == 200 && List.of("DONE", "FAILED").contains(r.jsonPath().getString("status")),
                Duration.ofSeconds(60), Duration.ofMillis(200)).json();
        assertThat(report.getString("charset")).isEqualTo("GB18030");
        assertThat(report.getInt("counts.qualified")).as(report.prettify()).isEqualTo(contacts.size());
        assertThat(report.getInt("counts.rejected")).isEqualTo(1);

        i = 0;
        for (Map.Entry<String, String> contact : contacts.entrySet()) {
            JsonPath found = api.intake().queryParam("q", "星辰" + i++ + run).get("/api/v1/leads").then()
                    .statusCode(200).extract().jsonPath();
            assertThat(found.getString("items[0].phone")).as(contact.getKey()).isEqualTo(contact.getValue());
            assertThat(found.getString("items[0].phoneAsTyped")).isEqualTo(contact.getKey());
            // and the number, read out in another format, finds the lead again
            String spoken = "0086 " + contact.getValue().substring(3);
            assertThat(api.intake().queryParam("q", spoken).get("/api/v1/leads").jsonPath()
                    .getList("items.customerName", String.class)).contains(found.getString("items[0].customerName"));
        }

        String problems = api.intake().accept("text/csv").header("Accept-Language", "zh-CN")
                .queryParam("outcome", "PROBLEMS").get("/api/v1/imports/" + id + "/rows.csv")
                .then().statusCode(200).extract().asString();
        List<String> lines = problems.lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).startsWith(",云帆" + run + "商贸公司,王总,139,官网表单,").contains("已剔除", "既没有有效电话，也没有有效邮箱");
        String fixed = problems.replace(",139,", "," + Api.uniquePhone() + ",");
        String again = api.intake().multiPart("file", "线索登记表-修正.csv", fixed.getBytes(StandardCharsets.UTF_8), "text/csv")
                .post("/api/v1/imports/leads").then().statusCode(202).extract().path("id");
        JsonPath second = awaitGet(api.intake(), "/api/v1/imports/" + again,
                r -> r.statusCode() == 200 && List.of("DONE", "FAILED").contains(r.jsonPath().getString("status")),
                Duration.ofSeconds(60), Duration.ofMillis(200)).json();
        // The fixed row names the same company as the rejected lead: it joins that lead as a new touch.
        assertThat(second.getInt("counts.total")).isEqualTo(1);
        assertThat(second.getInt("counts.duplicates")).as(second.prettify()).isEqualTo(1);
    }

    @Test
    void aGbkWebsiteKeepsItsChineseAndARefusedVisitorReadsAPage(E2eStack stack) throws Exception {
        Api api = new Api(stack);
        String site = "https://www.yunfan-gbk.cn";
        String key = "gbk-" + stack.runId();
        json(api.intake(), """
                {"key":"%s","name":"老官网留言","allowedOrigins":["%s"]}""".formatted(key, site))
                .post("/api/v1/forms").then().statusCode(201);
        String company = "云帆商贸" + stack.runId() + "有限公司";
        Charset gbk = Charset.forName("GBK");
        List<String> pairs = new ArrayList<>();
        Map.of("company", company, "name", "王总", "tel", Api.uniquePhone(), "预算范围", "5-8万",
                "message", "想了解进销存系统").forEach((k, v) -> pairs.add(URLEncoder.encode(k, gbk) + "=" + URLEncoder.encode(v, gbk)));
        HttpClient http = HttpClient.newHttpClient();
        URI submissions = URI.create(stack.url(E2eStack.Service.INTAKE) + "/api/v1/forms/" + key + "/submissions");
        HttpResponse<String> posted = http.send(HttpRequest.newBuilder(submissions)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", site)
                .header("Accept", "text/html,application/xhtml+xml")
                .POST(HttpRequest.BodyPublishers.ofString(String.join("&", pairs), StandardCharsets.US_ASCII)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
        JsonPath lead = api.intake().queryParam("q", company).get("/api/v1/leads").jsonPath();
        assertThat(lead.getString("items[0].customerName")).isEqualTo(company);
        assertThat(lead.getString("items[0].needDescription")).isEqualTo("想了解进销存系统");
        assertThat(lead.getInt("items[0].budget.max")).isEqualTo(80000);

        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(submissions)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", "https://elsewhere.example")
                .header("Accept", "text/html,application/xhtml+xml").header("Accept-Language", "zh-CN,zh;q=0.9")
                .POST(HttpRequest.BodyPublishers.ofString("company=x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(refused.body()).contains("提交未被接受");
    }
    /**
     * A visitor names a known company on the website with a number of their own: a lead of its own, flagged as a
     * possible duplicate, graded, assigned and given tasks like any other. The sales manager confirms it and merges
     * it: the post joins the lead it duplicates, and every service closes the duplicate (routing ends its ownership,
     * follow-up cancels its tasks, analytics stops counting it).
     */
    @Test
    void aPossibleDuplicateConfirmedByStaffLeavesOneLeadEverywhere(E2eStack stack) {
        Api api = new Api(stack);
        api.ensureRep(WorkflowSupport.NURTURE_REP);
        String run = stack.runId();
        String company = "合并" + run + "科技有限公司";
        String lowIntent = "\"needDescription\":\"订阅行业资讯\",\"budget\":\"待确认\",\"decisionCycle\":\"6个月\","
                + "\"declaredIntent\":\"低意向\"";
        Response captured = json(api.intake(), """
                {"customerName":"%s","contactName":"刘先生","phone":"%s","source":"TRADE_SHOW",%s}"""
                .formatted(company, Api.uniquePhone(), lowIntent)).post("/api/v1/leads");
        assertThat(captured.statusCode()).as(captured.asString()).isEqualTo(201);
        String original = captured.jsonPath().getString("leadId");

        String site = "https://www.hebing-" + run + ".cn";
        String key = "merge-" + run;
        json(api.intake(), """
                {"key":"%s","name":"官网留言","allowedOrigins":["%s"]}""".formatted(key, site))
                .post("/api/v1/forms").then().statusCode(201);
        HttpResponse<String> posted = api.postHtmlForm(key, site, Api.form("company", company, "name", "王采购",
                "tel", Api.uniquePhone(), "message", "订阅行业资讯", "预算范围", "待确认"));
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
        JsonPath flagged = api.intake().queryParam("possibleDuplicates", true).queryParam("q", company)
                .get("/api/v1/leads").jsonPath();
        assertThat(flagged.getList("items.possibleDuplicateOf", String.class)).containsExactly(original);
        String duplicate = flagged.getString("items[0].id");

        // Worked like any lead until staff judge it: an owner, open tasks, a row in analytics.
        String owner = awaitGet(api.followup(), "/api/v1/pipeline/" + duplicate,
                r -> r.statusCode() == 200 && r.jsonPath().getInt("openTasks") > 0, Duration.ofSeconds(60),
                Duration.ofMillis(100)).json().getString("ownerId");
        awaitGet(api.analytics(), "/api/v1/analytics/leads/" + duplicate,
                r -> r.statusCode() == 200 && r.jsonPath().getString("facts.registeredOn") != null,
                Duration.ofSeconds(60), Duration.ofMillis(100));
        int load = openLeads(api, owner);

        Response merged = json(api.as(E2eStack.Service.INTAKE, "manager-e2e", "sales-manager"), """
                {"into":"%s","reason":"同一家公司，已电话确认"}""".formatted(original))
                .post("/api/v1/leads/" + duplicate + "/merge");
        assertThat(merged.statusCode()).as(merged.asString()).isEqualTo(200);
        assertThat(merged.jsonPath().getString("merged.status")).isEqualTo("MERGED");
        List<String> from = api.intake().get("/api/v1/leads/" + original + "/touches").jsonPath()
                .getList("items.mergedFrom", String.class);
        assertThat(from).contains(duplicate);

        awaitGet(api.routing(), "/api/v1/assignments/" + duplicate,
                r -> "MERGED".equals(r.jsonPath().getString("status")), Duration.ofSeconds(60), Duration.ofMillis(100));
        assertThat(api.routing().get("/api/v1/assignments/" + duplicate).jsonPath().getString("history[0].endedBy"))
                .isEqualTo("manager-e2e");
        assertThat(openLeads(api, owner)).isLessThan(load);
        JsonPath pipeline = awaitGet(api.followup(), "/api/v1/pipeline/" + duplicate,
                r -> r.jsonPath().getInt("openTasks") == 0, Duration.ofSeconds(60), Duration.ofMillis(100)).json();
        assertThat(pipeline.getString("mergedInto")).isEqualTo(original);
        JsonPath facts = awaitGet(api.analytics(), "/api/v1/analytics/leads/" + duplicate,
                r -> original.equals(r.jsonPath().getString("mergedInto")), Duration.ofSeconds(60),
                Duration.ofMillis(100)).json();
        assertThat(facts.getString("facts.registeredOn")).isNull();
    }

    /**
     * The rep's open leads as routing counts them, read until routing answers 200 (a 503 says "retry shortly", and a
     * client does); if it never does, the failure shows routing's last answer.
     */
    private static int openLeads(Api api, String repId) {
        return awaitGet(api.routing(), "/api/v1/reps/" + repId + "/load", r -> r.statusCode() == 200,
                Duration.ofSeconds(30), Duration.ofMillis(200)).json().getInt("openLeads");
    }
}
