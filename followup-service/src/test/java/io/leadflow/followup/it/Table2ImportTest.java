package io.leadflow.followup.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;

import io.leadflow.events.security.Roles;
import io.leadflow.events.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Table 2 sheets imported as CSV or XLSX, with a report for every row. */
@QuarkusTest
class Table2ImportTest extends FollowupTestSupport {

    private static final Instant ASSIGNED = Instant.parse("2024-03-01T02:30:00Z");
    private static final String MANAGER = "manager-chen";
    private static final String HEADER = "线索编号,跟进人,跟进日期,跟进方式,沟通内容,客户反馈,下一步行动,完成状态\n";

    private String assignedLead(String owner) {
        String leadId = newLeadId();
        assign(leadId, owner, "李销售", "HIGH", "TRADE_SHOW", ASSIGNED);
        awaitOpenTasks(leadId, 2);
        return leadId;
    }

    @Test
    void theTemplatesTable2ImportsFromCsvWithARowLevelReport() {
        String li = newRep("li");
        String leadId = assignedLead(li);
        String unknown = newLeadId();
        String csv = HEADER
                + leadId + ",李销售,2024-03-02,电话,\"介绍CRM系统核心功能,知晓预算范围\",\"预算12万,需看详细方案\",3月5日前发送定制方案,已完成\n"
                + leadId + ",李销售,2024/3/6,邮件,\"发送方案及案例,约定3月8日演示\",方案需补充竞品对比,\"3月7日前更新方案,确认演示时间\",进行中\n"
                + leadId + ",李销售,2024-03-07,信鸽,送信,,,已完成\n"
                + unknown + ",李销售,2024-03-07,电话,问候,,,已完成\n"
                + leadId + ",李销售,三月八日,电话,问候,,,已完成\n";

        JsonPath report = as(MANAGER, Roles.SALES_MANAGER).contentType("text/csv; charset=UTF-8").body(csv.getBytes(StandardCharsets.UTF_8))
                .when().post("/api/v1/imports/followups").then().statusCode(200)
                .body("format", equalTo("CSV"))
                .body("rows", equalTo(5)).body("accepted", equalTo(2)).body("rejected", equalTo(3))
                .extract().jsonPath();
        assertThat(report.getList("results.status", String.class))
                .containsExactly("ACCEPTED", "ACCEPTED", "REJECTED", "REJECTED", "REJECTED");
        assertThat(report.getList("results.row", Integer.class)).containsExactly(2, 3, 4, 5, 6);
        assertThat(report.getString("results[2].errors[0].field")).isEqualTo("跟进方式");
        assertThat(report.getString("results[3].errors[0].message")).contains(unknown);
        assertThat(report.getString("results[4].errors[0].field")).isEqualTo("跟进日期");

        given().when().get("/api/v1/pipeline/" + leadId + "/followups").then().statusCode(200)
                .body("total", equalTo(2))
                .body("items[0].method", equalTo("EMAIL")).body("items[0].status", equalTo("IN_PROGRESS"))
                .body("items[0].nextActionDue", equalTo("2024-03-07"))
                .body("items[0].importId", equalTo(report.getString("importId")))
                .body("items[1].content", equalTo("介绍CRM系统核心功能,知晓预算范围"));
        given().when().get("/api/v1/pipeline/" + leadId + "/sla").then().body("status", equalTo("MET"));
        assertThat(openTaskKinds(leadId)).containsExactly("NEXT_ACTION", "NEXT_ACTION", "WEEKLY_SYNC");

        // The same sheet again: nothing is logged twice.
        as(MANAGER, Roles.SALES_MANAGER).contentType("text/csv; charset=UTF-8").body(csv.getBytes(StandardCharsets.UTF_8))
                .when().post("/api/v1/imports/followups").then().statusCode(200)
                .body("accepted", equalTo(0)).body("duplicates", equalTo(2)).body("rejected", equalTo(3))
                .body("results[0].status", equalTo("DUPLICATE"));
        given().when().get("/api/v1/pipeline/" + leadId + "/followups").then().body("total", equalTo(2));
        assertThat(openTaskKinds(leadId)).hasSize(3);
    }

    @Test
    void anXlsxSheetWithDateCellsImportsToo() throws Exception {
        String li = newRep("li");
        String leadId = assignedLead(li);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Workbook workbook = new Workbook(out, "Leadflow", "1.0");
        Worksheet sheet = workbook.newWorksheet("线索跟进计划表");
        String[] headers = {"线索编号", "跟进人", "跟进日期", "跟进方式", "沟通内容", "客户反馈", "下一步行动", "完成状态"};
        for (int c = 0; c < headers.length; c++) {
            sheet.value(0, c, headers[c]);
        }
        sheet.value(1, 0, leadId);
        sheet.value(1, 1, "王销售");
        sheet.value(1, 2, LocalDate.of(2024, 3, 2));
        sheet.style(1, 2).format("yyyy-mm-dd").set();
        sheet.value(1, 3, "电话");
        sheet.value(1, 4, "介绍CRM系统核心功能,知晓预算范围");
        sheet.value(1, 5, "预算12万,需看详细方案");
        sheet.value(1, 6, "3月5日前发送定制方案");
        sheet.value(1, 7, "已完成");
        workbook.finish();

        as("manager-chen", "sales-manager")
                .contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet").body(out.toByteArray())
                .when().post("/api/v1/imports/followups").then().statusCode(200)
                .body("format", equalTo("XLSX")).body("accepted", equalTo(1))
                .body("results[0].warnings[0]", containsString("王销售"));
        given().when().get("/api/v1/pipeline/" + leadId + "/followups").then()
                .body("items[0].contactedAt", at("2024-03-02T18:00"))
                .body("items[0].nextActionDue", equalTo("2024-03-05"))
                .body("items[0].loggedBy", equalTo("manager-chen"));
    }

    @Test
    void aGbkCsvFromChineseExcelIsRead() {
        String li = newRep("li");
        String leadId = assignedLead(li);
        String csv = HEADER + leadId + ",李销售,2024-03-02,电话,介绍CRM系统核心功能,预算12万,3月5日前发送定制方案,已完成\n";
        as(MANAGER, Roles.ADMIN).contentType("text/csv").body(csv.getBytes(Charset.forName("GBK"))).when().post("/api/v1/imports/followups")
                .then().statusCode(200).body("accepted", equalTo(1));
        given().when().get("/api/v1/pipeline/" + leadId + "/followups").then().body("items[0].content", equalTo("介绍CRM系统核心功能"));
    }

    @Test
    void aSheetThatIsNotTable2IsRefusedWhole() {
        as(MANAGER, Roles.SALES_MANAGER).contentType("text/csv").body("客户名称,联系人\n星辰科技,张经理\n".getBytes(StandardCharsets.UTF_8))
                .when().post("/api/v1/imports/followups").then().statusCode(400)
                .body("errors.message", hasItem(containsString("线索编号")));
        as(MANAGER, Roles.SALES_MANAGER).contentType("text/csv").body(new byte[0]).when().post("/api/v1/imports/followups").then().statusCode(400);
        as(MANAGER, Roles.SALES_MANAGER).contentType("application/json").body("{}").when().post("/api/v1/imports/followups").then().statusCode(415);
        Tokens.anonymous().contentType("text/csv").body(HEADER.getBytes(StandardCharsets.UTF_8))
                .when().post("/api/v1/imports/followups").then().statusCode(401);
    }

    @Test
    void importingIsForSalesManagersAndAdminsNotReps() {
        String li = newRep("li");
        String leadId = assignedLead(li);
        String csv = HEADER + leadId + ",李销售,2024-03-02,电话,问候,,,已完成\n";
        as(li, Roles.SALES).contentType("text/csv").body(csv.getBytes(StandardCharsets.UTF_8))
                .when().post("/api/v1/imports/followups").then().statusCode(403)
                .body("type", equalTo("https://leadflow.io/problems/forbidden"));
        given().when().get("/api/v1/pipeline/" + leadId + "/followups").then().body("total", equalTo(0));
    }
}
