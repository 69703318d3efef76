package io.leadflow.analytics.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.leadflow.analytics.it.EventFeed.Story;
import io.leadflow.events.contract.EventEnvelope;
import io.leadflow.events.security.Roles;
import io.leadflow.events.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/**
 * The CSV tables a BI tool pulls, read the way such a tool reads them: by column name, each column one type
 * (numbers, booleans or text, never mixed), every code beside its words in the request's language, money with two
 * decimals.
 */
@QuarkusTest
class ExportsTest {

    private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");
    private static final Pattern MONEY = Pattern.compile("-?[0-9]+\\.[0-9]{2}");

    @Inject
    EventFeed feed;

    @BeforeEach
    void signedInAsAnAnalyst() {
        Tokens.useByDefault("test-analyst", Roles.ANALYST);
    }

    @Test
    void everyExportHasOneTypePerColumnWordsForEveryCodeAndMoneyWithTwoDecimals() {
        LocalDate month = EventFeed.privateMonth();
        List<EventEnvelope> events = new ArrayList<>();
        // Last month: one trade-show lead won for 100,000. This month: a software lead in 上海 won for 120,000, a
        // website lead in 北京 still open, and a rejected one (no industry, no grade).
        events.addAll(new Story("TRADE_SHOW", month.minusMonths(1).plusDays(3)).captured("SOFTWARE", "上海")
                .graded("HIGH").assigned("rep-li").firstResponseAfterMinutes(30).wonAfterDays(5, 100_000, "需求明确")
                .events());
        Story won = new Story("TRADE_SHOW", month.plusDays(2)).captured("SOFTWARE", "上海").graded("HIGH")
                .assigned("rep-li").firstResponseAfterMinutes(60).wonAfterDays(10, 120_000, "现场互动强");
        events.addAll(won.events());
        events.addAll(new Story("WEBSITE_FORM", month.plusDays(4)).captured("RETAIL", "北京").graded("MEDIUM")
                .assigned("rep-zhao").firstResponseAfterMinutes(90).events());
        events.addAll(new Story("WEBSITE_FORM", month.plusDays(4)).rejected("CONTACT_INCOMPLETE").events());
        feed.sendShuffled(events);

        String from = month.toString();
        String to = month.plusMonths(1).minusDays(1).toString();
        String ym = from.substring(0, 7);
        EventFeed.eventually(Duration.ofSeconds(90), () -> {
            given().when().get("/api/v1/analytics/reviews/" + ym).then().statusCode(200)
                    .body("total.leads", org.hamcrest.Matchers.equalTo(3))
                    .body("total.won", org.hamcrest.Matchers.equalTo(1))
                    .body("totalBefore.won", org.hamcrest.Matchers.equalTo(1))
                    .body("responseTimes.total.responded", org.hamcrest.Matchers.equalTo(2));
            given().when().get("/api/v1/analytics/leads/" + won.leadId).then().statusCode(200)
                    .body("facts.stage", org.hamcrest.Matchers.equalTo("CONTACTED"))
                    .body("facts.outcome", org.hamcrest.Matchers.equalTo("WON"));
        });

        // Conversion by industry: the code, then its words in the request's language; the unknown one is empty
        // with 未知 / Unknown; won amounts 120000.00 and 0.00.
        List<Map<String, String>> zh = csv("/api/v1/analytics/conversion", given().queryParam("from", from)
                .queryParam("to", to).queryParam("groupBy", "industry").queryParam("format", "csv").queryParam("lang", "zh-CN"));
        assertThat(column(zh, "industry")).containsExactly("RETAIL", "SOFTWARE", "");
        assertThat(column(zh, "industry_label")).containsExactly("零售", "软件", "未知");
        assertThat(column(zh, "won_amount")).containsExactly("0.00", "120000.00", "0.00");
        List<Map<String, String>> en = csv("/api/v1/analytics/conversion", given().queryParam("from", from)
                .queryParam("to", to).queryParam("groupBy", "industry,region").queryParam("format", "csv").queryParam("lang", "en"));
        assertThat(column(en, "industry_label")).containsExactly("Retail", "Software", "Unknown");
        assertThat(column(en, "region_label")).containsExactly("Beijing", "Shanghai", "Unknown");
        oneTypePerColumn("conversion", zh);
        oneTypePerColumn("conversion", en);

        // The monthly review, long format: change is a number or nothing; "new" is the boolean is_new.
        List<Map<String, String>> review = csv("/api/v1/analytics/reviews/" + ym, given().queryParam("format", "csv")
                .queryParam("lang", "en"));
        oneTypePerColumn("review", review);
        assertThat(column(review, "is_new")).isNotEmpty().allMatch(v -> v.equals("true") || v.equals("false"));
        assertThat(column(review, "change")).allMatch(v -> v.isEmpty() || NUMBER.matcher(v).matches());
        Map<String, String> tradeShowAmount = row(review, "source", "TRADE_SHOW", "won_amount");
        assertThat(tradeShowAmount).containsEntry("value", "120000.00").containsEntry("previous", "100000.00")
                .containsEntry("change", "20000.00").containsEntry("is_new", "false")
                .containsEntry("group_label", "Trade show");
        Map<String, String> websiteLeads = row(review, "source", "WEBSITE_FORM", "leads");
        assertThat(websiteLeads).containsEntry("value", "2").containsEntry("previous", "")
                .containsEntry("change", "").containsEntry("is_new", "true");
        assertThat(row(review, "grade", "", "leads")).containsEntry("group_label", "Unknown");
        assertThat(row(review, "cycle_days", "P10D", "won")).containsEntry("value", "1")
                .containsEntry("group_label", "10 days");
        assertThat(review.stream().filter(r -> r.get("metric").equals("won_amount")).map(r -> r.get("value"))
                .filter(v -> !v.isEmpty())).isNotEmpty().allMatch(v -> MONEY.matcher(v).matches());

        // The lead export: every code column keeps its place; the words follow after the last of them.
        List<Map<String, String>> leads = csv("/api/v1/analytics/leads", given().queryParam("from", from)
                .queryParam("to", to).queryParam("format", "csv").queryParam("lang", "zh-CN"));
        oneTypePerColumn("leads", leads);
        Map<String, String> lead = leads.stream().filter(l -> l.get("lead_id").equals(won.leadId)).findFirst()
                .orElseThrow();
        assertThat(lead).containsEntry("amount", "120000.00").containsEntry("industry", "SOFTWARE")
                .containsEntry("industry_label", "软件").containsEntry("region_label", "上海")
                .containsEntry("source_label", "展会").containsEntry("grade_label", "高意向")
                .containsEntry("company_size_label", "50–199 人").containsEntry("customer_type_label", "企业")
                .containsEntry("channel_label", "人工录入").containsEntry("screening_label", "有效")
                .containsEntry("outcome_label", "成交").containsEntry("stage_label", "已联系");
        assertThat(column(leads, "rejection_reasons_label")).contains("联系方式不完整");
        given().queryParam("lang", "en").when().get("/api/v1/analytics/leads/" + won.leadId).then().statusCode(200)
                .body("facts.labels.industry", org.hamcrest.Matchers.equalTo("Software"))
                .body("facts.labels.region", org.hamcrest.Matchers.equalTo("Shanghai"))
                .body("facts.labels.outcome", org.hamcrest.Matchers.equalTo("Won"))
                .body("facts.amount.amount", org.hamcrest.Matchers.equalTo(120000.00f));
    }

    /** What a BI tool infers per column: every non-empty cell a number, or every one a boolean, or every one text. */
    private static void oneTypePerColumn(String table, List<Map<String, String>> rows) {
        assertThat(rows).as(table).isNotEmpty();
        for (String col : rows.get(0).keySet()) {
            Set<String> kinds = new HashSet<>();
            for (Map<String, String> r : rows) {
                String v = r.get(col);
                if (!v.isEmpty()) {
                    kinds.add(NUMBER.matcher(v).matches() ? "number"
                            : v.equals("true") || v.equals("false") ? "boolean" : "text");
                }
            }
            assertThat(kinds).as("%s column %s holds %s", table, col, column(rows, col)).hasSizeLessThanOrEqualTo(1);
        }
    }

    private static Map<String, String> row(List<Map<String, String>> rows, String section, String group,
                                           String metric) {
        return rows.stream().filter(r -> r.get("section").equals(section) && r.get("group").equals(group)
                && r.get("metric").equals(metric)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + section + "/" + group + "/" + metric + " in " + rows));
    }

    private static List<String> column(List<Map<String, String>> rows, String name) {
        return rows.stream().map(r -> {
            assertThat(r).containsKey(name);
            return r.get(name);
        }).toList();
    }

    private static List<Map<String, String>> csv(String path, RequestSpecification request) {
        byte[] body = request.when().get(path).then().statusCode(200)
                .contentType("text/csv; charset=UTF-8").extract().asByteArray();
        assertThat(body).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
        List<List<String>> records = parse(new String(body, 3, body.length - 3, StandardCharsets.UTF_8));
        List<Map<String, String>> rows = new ArrayList<>();
        for (List<String> record : records.subList(1, records.size())) {
            assertThat(record).as("a row as wide as the header").hasSameSizeAs(records.get(0));
            Map<String, String> row = new java.util.LinkedHashMap<>();
            for (int i = 0; i < record.size(); i++) {
                row.put(records.get(0).get(i), record.get(i));
            }
            rows.add(row);
        }
        return rows;
    }

    /** RFC 4180: CRLF between records, quoted cells may hold commas, quotes (doubled) and line breaks. */
    private static List<List<String>> parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                record.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                record.add(cell.toString());
                cell.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                i++;
            } else {
                cell.append(c);
            }
        }
        return records;
    }
}
