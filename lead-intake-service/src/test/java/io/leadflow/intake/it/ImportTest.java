package io.leadflow.intake.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.leadflow.events.security.Roles;
import io.leadflow.events.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class ImportTest {

    @BeforeEach
    void signIn() {
        Tokens.useByDefault("test-admin", Roles.ADMIN);
    }

    private static final String HEADER = "线索编号,客户名称,联系人,联系方式,线索来源,需求描述,意向等级,预算范围,决策周期,跟进人,登记日期";
    private static final RestAssuredConfig RAW = RestAssuredConfig.config().encoderConfig(
            EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false));

    /** The template's two Table 1 rows; the second keeps the original's masked number "139". */
    private static String templateRows(String token, String phone) {
        return HEADER + "\n"
                + "LX20240301-" + token + ",星辰科技" + token + "有限公司,张经理," + phone
                + ",展会,需要CRM系统,高意向,10-15万,1个月,李销售,2024-03-01\n"
                + "LX20240302-" + token + ",云帆商贸" + token + "公司,王总,139,官网表单,知晓一下ERP模块,中意向,待确认,2-3个月,赵销售,2024-03-02\n";
    }

    private static JsonPath upload(byte[] body, String contentType, int status) {
        return given().config(RAW).contentType(contentType).body(body).queryParam("fileName", "线索登记表.csv")
                .when().post("/api/v1/imports/leads").then().statusCode(status).extract().jsonPath();
    }

    private static JsonPath finished(String importId) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> java.util.List.of(
                "DONE", "FAILED").contains(given().when().get("/api/v1/imports/" + importId).then().extract().path("status")));
        return given().when().get("/api/v1/imports/" + importId).then().statusCode(200).extract().jsonPath();
    }

    private static void assertTemplateImported(String token, String phone, JsonPath report) {
        assertThat(report.getString("status")).isEqualTo("DONE");
        assertThat(report.getInt("counts.total")).isEqualTo(2);
        assertThat(report.getInt("counts.qualified")).isEqualTo(1);
        assertThat(report.getInt("counts.rejected")).isEqualTo(1);
        assertThat(report.getInt("problemRows[0].row")).isEqualTo(3);
        assertThat(report.getList("problemRows[0].reasons.code", String.class)).contains("CONTACT_INCOMPLETE");
        given().queryParam("q", token).queryParam("channel", "IMPORT").when().get("/api/v1/leads").then()
                .body("total", equalTo(2))
                .body("items.externalRef", hasItem("LX20240301-" + token))
                .body("items.find { it.contactName == '张经理' }.phone", equalTo("+86" + phone))
                .body("items.find { it.contactName == '张经理' }.givenGrade", equalTo("HIGH"))
                .body("items.find { it.contactName == '张经理' }.budget.min", equalTo(100000))
                .body("items.find { it.contactName == '张经理' }.namedOwner", equalTo("李销售"))
                .body("items.find { it.contactName == '张经理' }.registeredAt", equalTo("2024-02-29T16:00:00.000Z"))
                .body("items.find { it.contactName == '王总' }.decisionCycleDays", equalTo(75))
                .body("items.find { it.contactName == '王总' }.source", equalTo("WEBSITE_FORM"));
    }

    @Test
    void theTemplateRowsImportFromUtf8WithBomAndAReUploadCreatesNothing() {
        String token = Leads.token();
        String phone = Leads.phone();
        byte[] csv = ("\uFEFF" + templateRows(token, phone)).getBytes(StandardCharsets.UTF_8);
        String id = upload(csv, "text/csv", 202).getString("id");
        JsonPath report = finished(id);
        assertTemplateImported(token, phone, report);
        assertThat(report.getString("charset")).isEqualTo("UTF-8");

        given().config(RAW).contentType("text/csv").body(csv).when().post("/api/v1/imports/leads").then()
                .statusCode(200).header("Import-Replayed", "true").body("id", equalTo(id));
        given().queryParam("q", token).when().get("/api/v1/leads").then().body("total", equalTo(2));

        given().header("Accept-Language", "en").when().get("/api/v1/imports/" + id + "/rows.csv").then()
                .statusCode(200).contentType(startsWith("text/csv"))
                .body(containsString(",139,官网表单,知晓一下ERP模块,中意向,待确认,2-3个月,赵销售,2024-03-02,3,REJECTED,LX"));
        given().queryParam("outcome", "QUALIFIED").when().get("/api/v1/imports/" + id + "/rows").then()
                .statusCode(200).body("total", equalTo(1)).body("items[0].row", equalTo(2));
    }

    @Test
    void anImportedRowNumberedWithTodaysLastNumberDoesNotStopTodaysCaptures() {
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
        String last = "LX" + today.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE) + "999999";
        String token = Leads.token();
        String csv = HEADER + "\n" + last + ",晨光" + token + "有限公司,刘经理," + Leads.phone()
                + ",展会,需要CRM系统,高意向,10-15万,1个月,李销售," + today + "\n";
        JsonPath report = finished(upload(csv.getBytes(StandardCharsets.UTF_8), "text/csv", 202).getString("id"));
        assertThat(report.getString("status")).isEqualTo("DONE");
        assertThat(report.getInt("counts.qualified")).isEqualTo(1);
        given().when().get("/api/v1/leads/" + last).then().statusCode(200);

        for (int i = 0; i < 5; i++) {
            Leads.post(Leads.tradeShowLead()).then().statusCode(201);
        }
    }

    @Test
    void theTemplateRowsImportFromGb18030AsExcelInChinaSavesThem() {
        String token = Leads.token();
        String phone = Leads.phone();
        byte[] csv = templateRows(token, phone).replace("\n", "\r\n").getBytes(Charset.forName("GB18030"));
        JsonPath report = finished(upload(csv, "text/csv", 202).getString("id"));
        assertTemplateImported(token, phone, report);
        assertThat(report.getString("charset")).isEqualTo("GB18030");
    }

    @Test
    void theTemplateRowsImportFromXlsxWithNumberAndDateCells() throws IOException {
        String token = Leads.token();
        String phone = Leads.phone();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Workbook wb = new Workbook(out, "leadflow-test", "1.0")) {
            Worksheet ws = wb.newWorksheet("表1 线索登记表");
            String[] header = HEADER.split(",");
            for (int c = 0; c < header.length; c++) {
                ws.value(0, c, header[c]);
            }
            Object[][] rows = {
                    {"LX20240301-" + token, "星辰科技" + token + "有限公司", "张经理", Long.parseLong(phone), "展会",
                            "需要CRM系统", "高意向", "10-15万", "1个月", "李销售", LocalDate.of(2024, 3, 1)},
                    {"LX20240302-" + token, "云帆商贸" + token + "公司", "王总", 139L, "官网表单", "知晓一下ERP模块",
                            "中意向", "待确认", "2-3个月", "赵销售", LocalDate.of(2024, 3, 2)}};
            for (int r = 0; r < rows.length; r++) {
                for (int c = 0; c < rows[r].length; c++) {
                    Object v = rows[r][c];
                    if (v instanceof LocalDate d) {
                        ws.value(r + 1, c, d);
                        ws.style(r + 1, c).format("yyyy-mm-dd").set();
                    } else if (v instanceof Long n) {
                        ws.value(r + 1, c, n);
                    } else {
                        ws.value(r + 1, c, (String) v);
                    }
                }
            }
        }
        JsonPath report = finished(upload(out.toByteArray(),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", 202).getString("id"));
        assertThat(report.getString("format")).isEqualTo("XLSX");
        assertTemplateImported(token, phone, report);
    }

    /**
     * The ways the template's register writes a 联系方式: every digit reaches the lead, the number as typed is kept
     * beside its E.164 form, and none of these rows is rejected for its phone. From CSV (GB18030, as Excel in China
     * saves it) and from XLSX text cells.
     */
    @Test
    void everyDigitOfAContactCellSurvivesTheImport() throws IOException {
        for (String format : java.util.List.of("CSV", "XLSX")) {
            String token = Leads.token();
            java.util.List<String[]> rows = new java.util.ArrayList<>(); // contact cell, expected E.164
            String m = Leads.phone().substring(3);
            rows.add(new String[]{"139 " + m.substring(0, 4) + " " + m.substring(4), "+86139" + m});
            m = Leads.phone().substring(3);
            rows.add(new String[]{"+86 139-" + m.substring(0, 4) + "-" + m.substring(4), "+86139" + m});
            m = "6" + Leads.phone().substring(4);
            rows.add(new String[]{"021-" + m.substring(0, 4) + " " + m.substring(4), "+8621" + m});
            // Beijing numbers beginning 80 are not all subscribers' (libphonenumber refuses a tenth of them): 88.
            m = "88" + Leads.phone().substring(5);
            rows.add(new String[]{"(010) " + m.substring(0, 4) + " " + m.substring(4), "+8610" + m});
            m = "6" + Leads.phone().substring(4);
            rows.add(new String[]{"021 " + m + " 转 8012", "+8621" + m});
            m = Leads.phone().substring(3);
            rows.add(new String[]{"139 " + m.substring(0, 4) + " " + m.substring(4) + " / wang" + token
                    + "@yunfan.cn", "+86139" + m});
            String[] header = HEADER.split(",");
            byte[] body;
            String contentType;
            if (format.equals("CSV")) {
                StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
                for (int i = 0; i < rows.size(); i++) {
                    csv.append(",联系方式").append(i).append(token).append("有限公司,张经理,").append(rows.get(i)[0])
                            .append(",展会,需要CRM系统,高意向,10-15万,1个月,李销售,2024-03-01\r\n");
                }
                body = csv.toString().getBytes(Charset.forName("GB18030"));
                contentType = "text/csv";
            } else {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                try (Workbook wb = new Workbook(out, "leadflow-test", "1.0")) {
                    Worksheet ws = wb.newWorksheet("表1 线索登记表");
                    for (int c = 0; c < header.length; c++) {
                        ws.value(0, c, header[c]);
                    }
                    for (int i = 0; i < rows.size(); i++) {
                        String[] cells = ("," + "联系方式" + i + token + "有限公司,张经理,X,展会,需要CRM系统,高意向,10-15万,1个月,李销售,"
                                + "2024-03-01").split(",", -1);
                        cells[3] = rows.get(i)[0];
                        for (int c = 0; c < cells.length; c++) {
                            ws.value(i + 1, c, cells[c]);
                        }
                    }
                }
                body = out.toByteArray();
                contentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
            }
            JsonPath report = finished(upload(body, contentType, 202).getString("id"));
            assertThat(report.getInt("counts.qualified")).as(format + ": " + report.prettify()).isEqualTo(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                String cell = rows.get(i)[0];
                String typed = cell.contains(" / ") ? cell.substring(0, cell.indexOf(" / ")) : cell;
                given().queryParam("q", "联系方式" + i + token).when().get("/api/v1/leads").then()
                        .body("total", equalTo(1))
                        .body("items[0].phone", equalTo(rows.get(i)[1]))
                        .body("items[0].phoneAsTyped", equalTo(typed));
            }
            given().queryParam("q", "联系方式5" + token).when().get("/api/v1/leads").then()
                    .body("items[0].email", equalTo("wang" + token + "@yunfan.cn"));
        }
    }

    @Test
    void badRowsAreReportedWithTheirRowNumbersAndDuplicatesAreLinked() {
        String token = Leads.token();
        String phone = Leads.phone();
        String csv = HEADER + "\n"
                + "," + "甲" + token + "科技,张三," + phone + ",展会,需要CRM系统,,,,,\n"
                + "," + "乙" + token + "科技,李四," + Leads.phone() + ",广告,需要CRM系统,,,,,\n"
                + "," + "丙" + token + "科技,王五," + Leads.phone() + ",展会,需要CRM系统,,,,,2999-01-01\n"
                + ",,,,,,,,,,\n"
                + "," + "丁" + token + "科技,赵六," + phone + ",客户转介绍,想了解报价,,,,,\n";
        JsonPath report = finished(upload(csv.getBytes(StandardCharsets.UTF_8), "text/csv", 202).getString("id"));
        assertThat(report.getInt("counts.total")).isEqualTo(4);
        assertThat(report.getInt("counts.qualified")).isEqualTo(1);
        assertThat(report.getInt("counts.invalid")).isEqualTo(2);
        assertThat(report.getInt("counts.duplicates")).isEqualTo(1);
        assertThat(report.getList("problemRows.row", Integer.class)).containsExactly(3, 4, 6);
        assertThat(report.getString("problemRows[0].reasons[0].message")).startsWith("线索来源：“广告”不是线索来源");
        assertThat(report.getString("problemRows[1].reasons[0].message")).startsWith("登记日期：2999-01-01 是将来的日期");
        JsonPath english = given().header("Accept-Language", "en-US,en;q=0.9").when()
                .get("/api/v1/imports/" + report.getString("id")).then().statusCode(200).extract().jsonPath();
        assertThat(english.getString("problemRows[0].reasons[0].message")).startsWith("source: '广告' is not a lead source");
        assertThat(english.getString("problemRows[1].reasons[0].message")).startsWith("registeredAt:");
        assertThat(english.getString("problemRows[2].reasons[0].message")).contains("same phone");
        assertThat(report.getString("problemRows[2].reasons[0].message")).contains("电话相同");
        assertThat(report.getString("problemRows[2].outcome")).isEqualTo("DUPLICATE");
        assertThat(report.getString("problemRows[2].reasons[0].code")).isEqualTo("DUPLICATE_OF_PHONE");
    }

    /**
     * Rows are captured in runs (four rows a run under test), each row exactly as if captured alone after the ones
     * before it: a row naming the person of an earlier row, in the same run or an earlier one, by email, company or
     * phone, joins that row's lead; a 线索编号 repeated in the file is the lead the first made.
     */
    @Test
    void rowsOfOneFileJoinTheLeadsOfEarlierRowsWithinARunAndAcrossRuns() {
        String token = Leads.token();
        String phone = Leads.phone();
        String email = "chen" + token + "@xingchen.cn";
        String kept = "LX" + LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).minusDays(3)
                .format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE) + (700000 + Math.abs(token.hashCode() % 99999));
        String csv = HEADER + "\n"
                + ",甲" + token + "科技有限公司,陈经理," + phone + ",展会,需要CRM系统,高意向,10-15万,1个月,,\n"
                + ",乙" + token + "商贸,陈经理," + email + ",展会,需要CRM系统,,,,,\n"
                + ",丙" + token + "物流,陈经理," + email.toUpperCase(java.util.Locale.ROOT) + ",展会,需要CRM系统,,,,,\n"
                + ",甲" + token + "科技,周经理," + Leads.phone() + ",官网表单,了解产品,,,,,\n"
                + kept + ",丁" + token + "科技,吴经理," + Leads.phone() + ",展会,需要CRM系统,,,,,\n"
                + kept + ",戊" + token + "科技,郑经理," + Leads.phone() + ",展会,需要CRM系统,,,,,\n"
                + ",己" + token + "科技,钱经理,+86 " + phone + ",客户转介绍,想了解报价,,,,,\n";
        JsonPath report = finished(upload(csv.getBytes(StandardCharsets.UTF_8), "text/csv", 202).getString("id"));
        assertThat(report.getString("status")).as(report.prettify()).isEqualTo("DONE");
        JsonPath rows = given().queryParam("size", 100).when().get("/api/v1/imports/" + report.getString("id")
                + "/rows").then().statusCode(200).extract().jsonPath();
        assertThat(rows.getList("items.row", Integer.class)).containsExactly(2, 3, 4, 5, 6, 7, 8);
        assertThat(rows.getList("items.outcome", String.class)).containsExactly("QUALIFIED", "QUALIFIED",
                "DUPLICATE", "DUPLICATE", "QUALIFIED", "ALREADY_IMPORTED", "DUPLICATE");
        java.util.List<String> leads = rows.getList("items.leadId", String.class);
        assertThat(leads.get(2)).as("丙 shares 乙's email, in the same run").isEqualTo(leads.get(1));
        assertThat(rows.getString("items[2].reasons[0].code")).isEqualTo("DUPLICATE_OF_EMAIL");
        assertThat(leads.get(3)).as("甲科技 again, by its company, in the same run").isEqualTo(leads.get(0));
        assertThat(rows.getString("items[3].reasons[0].code")).isEqualTo("DUPLICATE_OF_COMPANY");
        assertThat(leads.get(4)).as("a kept 线索编号 is the lead's id").isEqualTo(kept);
        assertThat(leads.get(5)).as("the same 线索编号 again, in the next run").isEqualTo(kept);
        assertThat(leads.get(6)).as("甲's phone, two runs later").isEqualTo(leads.get(0));
        assertThat(rows.getString("items[6].reasons[0].code")).isEqualTo("DUPLICATE_OF_PHONE");
        assertThat(java.util.Set.copyOf(leads)).as("three leads, numbered apart").hasSize(3);
        given().queryParam("q", token).queryParam("size", 10).when().get("/api/v1/leads").then().statusCode(200)
                .body("total", equalTo(3));
    }

    /**
     * The problem rows come back as the sheet had them (its header, its column order, every cell), with the reasons
     * beside them in the reader's language; fixed and uploaded as they are, they import.
     */
    @Test
    void problemRowsComeBackAsTheSheetHadThemAndImportOnceFixed() {
        String token = Leads.token();
        String header = "客户名称,联系方式,线索来源,备注,需求描述,登记日期";
        String second = Leads.phone();
        String csv = header + "\n"
                + "甲" + token + "科技,+86 " + Leads.phone() + ",展会,老客户介绍,需要CRM系统,2024-03-01\n"
                + "乙" + token + "科技,+86 " + second + ",广告,\"备注, 带逗号\",需要CRM系统,2024-03-01\n"
                + "丙" + token + "科技,139****4769,展会,,需要CRM系统,2024-03-01\n";
        String id = finished(upload(csv.getBytes(StandardCharsets.UTF_8), "text/csv", 202).getString("id"))
                .getString("id");
        String problems = given().queryParam("outcome", "PROBLEMS").when().get("/api/v1/imports/" + id + "/rows.csv")
                .then().statusCode(200).extract().asString();
        java.util.List<String> lines = problems.lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("\uFEFF" + header + ",导入行号,导入结果,对应线索,问题原因");
        assertThat(lines.get(1)).startsWith("乙" + token + "科技,'+86 139").contains(",广告,\"备注, 带逗号\",需要CRM系统,2024-03-01,3,无法导入,,线索来源：“广告”不是线索来源；可用：展会、官网表单");
        assertThat(lines.get(2)).startsWith("丙" + token + "科技,139****4769,展会,,需要CRM系统,2024-03-01,4,已剔除,LX")
                .contains("既没有有效电话，也没有有效邮箱");

        // The owner fixes the source in the file the report gave and uploads just those rows again.
        String fixed = problems.replace(",广告,", ",社交媒体,").replace("139****4769", Leads.phone());
        JsonPath again = finished(upload(fixed.getBytes(StandardCharsets.UTF_8), "text/csv", 202).getString("id"));
        assertThat(again.getInt("counts.total")).isEqualTo(2);
        assertThat(again.getInt("counts.qualified")).as(again.prettify()).isEqualTo(1);
        assertThat(again.getInt("counts.duplicates")).isEqualTo(1); // 丙 is already a lead: the fix joins it
        given().queryParam("q", "乙" + token).when().get("/api/v1/leads").then()
                .body("items[0].phone", equalTo("+86" + second))
                .body("items[0].phoneAsTyped", equalTo("+86 " + second))
                .body("items[0].source", equalTo("SOCIAL_MEDIA"));
    }

    /** Past the row limit the whole file is refused before a row is captured: never half imported. */
    @Test
    void aFileWithMoreRowsThanTheLimitIsRefusedWhole() {
        String token = Leads.token();
        StringBuilder csv = new StringBuilder(HEADER).append("\n");
        for (int i = 0; i <= 500; i++) { // the test profile's limit is 500
            csv.append(",超限").append(token).append(i).append("科技,张三,").append(Leads.phone())
                    .append(",展会,需要CRM系统,,,,,\n");
        }
        given().config(RAW).contentType("text/csv").body(csv.toString().getBytes(StandardCharsets.UTF_8))
                .when().post("/api/v1/imports/leads").then().statusCode(413)
                .contentType(startsWith("application/problem+json"))
                .body("type", org.hamcrest.Matchers.endsWith("/import-too-large"))
                .body("detail", containsString("more than 500 rows"));
        given().queryParam("q", "超限" + token).when().get("/api/v1/leads").then().body("total", equalTo(0));
    }

    /**
     * A zip bomb dressed as a workbook: a few kilobytes that unpack to more than the service will read, in the
     * shared strings (held in memory by the reader) or in all, is a 413 before the workbook is opened.
     */
    @Test
    void anXlsxThatUnpacksPastTheLimitsIsRefusedBeforeItIsRead() throws IOException {
        for (String part : java.util.List.of("xl/sharedStrings.xml", "xl/worksheets/sheet1.xml")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(out)) {
                zip.putNextEntry(new java.util.zip.ZipEntry(part));
                byte[] zeros = new byte[1024 * 1024];
                for (int i = 0; i < (part.contains("shared") ? 2 : 9); i++) { // test limits: 1 MB strings, 8 MB in all
                    zip.write(zeros);
                }
                zip.closeEntry();
            }
            assertThat(out.size()).isLessThan(64 * 1024);
            given().config(RAW).contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                    .body(out.toByteArray()).when().post("/api/v1/imports/leads").then().statusCode(413)
                    .contentType(startsWith("application/problem+json"))
                    .body("detail", containsString(part.contains("shared") ? "shared strings" : "unpacks to more than 8 MB"));
        }
    }

    @Test
    void aSheetThatCannotBeReadIsRefusedBeforeAnythingIsWritten() {
        given().config(RAW).contentType("text/csv").body("客户名称,联系人\n星辰,张经理\n".getBytes(StandardCharsets.UTF_8))
                .when().post("/api/v1/imports/leads").then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("detail", containsString("线索来源"))
                .body("errors.field", hasItem("header"));
        given().config(RAW).contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .body(new byte[]{'P', 'K', 3, 4, 1, 2, 3, 4, 5, 6, 7, 8})
                .when().post("/api/v1/imports/leads").then().statusCode(400)
                .body("detail", containsString("XLSX"));
        given().config(RAW).contentType("text/csv").body(new byte[0])
                .when().post("/api/v1/imports/leads").then().statusCode(400);
        given().when().get("/api/v1/imports/IMP-nope").then().statusCode(404);
        given().queryParam("outcome", "MAYBE").when().get("/api/v1/imports/IMP-nope/rows").then().statusCode(404);
    }

    @Test
    void aBrowserUploadsTheSheetAsMultipart() {
        String token = Leads.token();
        String phone = Leads.phone();
        String id = given().multiPart("file", "table1.csv", templateRows(token, phone).getBytes(StandardCharsets.UTF_8),
                        "text/csv")
                .when().post("/api/v1/imports/leads").then().statusCode(202)
                .body("fileName", equalTo("table1.csv")).extract().path("id");
        assertTemplateImported(token, phone, finished(id));
        given().when().get("/api/v1/imports/" + id).then().body("problemRows.outcome", contains("REJECTED"));
    }
}
