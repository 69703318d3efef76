package io.leadflow.analytics.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.leadflow.analytics.it.EventFeed.Story;
import io.leadflow.events.contract.EventEnvelope;
import io.leadflow.events.security.Roles;
import io.leadflow.events.testing.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The monthly review page as a sales manager sees it, in a real headless Chromium, in Chinese and in English: grades
 * in order, every bar on its chart's labelled scale, numbers right-aligned and words left-aligned, no value that
 * does not exist drawn as 0 or printed as "-天", and a screenshot under target/review-screenshots/ for people.
 *
 * <p>Needs {@code -Dleadflow.chromium=<binary>} ({@code deploy/local/test} passes what {@code deploy/local/chromium.sh
 * path} prints); without it the test is skipped, with it the test runs and can fail.
 */
@QuarkusTest
class ReviewPageBrowserTest {

    /** What the page shows for a value that does not exist (its reason is in the title and a note). */
    private static final String EMPTY = "—";

    private static final Pattern NUMBER = Pattern.compile("[+-]?[0-9][0-9,]*(\\.[0-9]+)?%?");

    /** What a reader of each language should read on the page for the leads fed below. */
    private record Words(String lang, List<String> sources, List<String> grades, String noAssigned, String noWon,
                         String noPrevious) {
    }

    private static final List<Words> LANGUAGES = List.of(
            new Words("zh-CN", List.of("展会", "官网表单"), List.of("高意向", "中意向", "低意向", "未知"), "无已分配线索", "无成交线索",
                    "上月无可比数据"),
            new Words("en", List.of("Trade show", "Website form"), List.of("High", "Medium", "Low", "Unknown"),
                    "no assigned leads", "no won leads", "nothing to compare with last month"));

    @Inject
    EventFeed feed;

    @TestHTTPResource("/")
    URL root;

    @BeforeEach
    void signedInAsASalesManager() {
        Tokens.useByDefault("test-manager", Roles.SALES_MANAGER);
    }

    @Test
    void aManagerReadsTheMonthlyReviewInBothLanguages() throws Exception {
        String browser = System.getProperty(Chromium.PROPERTY, "");
        Assumptions.assumeTrue(!browser.isBlank(), "no browser: run with -D" + Chromium.PROPERTY
                + "=<chromium binary> (deploy/local/test passes deploy/local/chromium.sh path)");
        assertThat(Path.of(browser)).as("-D%s", Chromium.PROPERTY).isExecutable();

        LocalDate month = EventFeed.privateMonth();
        List<EventEnvelope> events = new ArrayList<>();
        // 展会: four high-intent leads, two won (10 and 20 days), one whose first-response SLA was breached: 2/4, SLA 3/4.
        for (int i = 0; i < 4; i++) {
            Story s = new Story("TRADE_SHOW", month.plusDays(i)).captured("SOFTWARE", "上海").graded("HIGH")
                    .assigned("rep-li").firstResponseAfterMinutes(60L * (i + 1));
            if (i < 2) {
                s.wonAfterDays(10 + 10 * i, i == 0 ? 120_000 : 50_000, "现场互动强");
            } else if (i == 2) {
                s.slaBreached();
            }
            events.addAll(s.events());
        }
        // 官网表单: one medium lead won after 30 days, one low lead still open, two rejected (never graded): 1/4.
        events.addAll(new Story("WEBSITE_FORM", month.plusDays(5)).captured("RETAIL", "北京").graded("MEDIUM")
                .assigned("rep-zhao").firstResponseAfterMinutes(120).wonAfterDays(30, 80_000, "需求明确").events());
        events.addAll(new Story("WEBSITE_FORM", month.plusDays(6)).captured("RETAIL", "北京").graded("LOW")
                .assigned("rep-zhao").firstResponseAfterMinutes(30).events());
        events.addAll(new Story("WEBSITE_FORM", month.plusDays(7)).rejected("CONTACT_INCOMPLETE").events());
        events.addAll(new Story("WEBSITE_FORM", month.plusDays(7)).rejected("CONTACT_INCOMPLETE").events());
        feed.sendShuffled(events);

        String ym = month.toString().substring(0, 7);
        JsonPath[] review = new JsonPath[1];
        EventFeed.eventually(Duration.ofSeconds(90), () -> {
            JsonPath r = given().when().get("/api/v1/analytics/reviews/" + ym).then().statusCode(200).extract()
                    .jsonPath();
            assertThat(r.getInt("total.leads")).isEqualTo(8);
            assertThat(r.getInt("total.won")).isEqualTo(3);
            assertThat(r.getList("byGrade")).hasSize(4);
            assertThat(r.getInt("responseTimes.total.responded")).isEqualTo(6);
            assertThat(r.getInt("responseTimes.total.slaBreached")).isEqualTo(1);
            assertThat(r.getList("funnel.steps.reached")).containsExactly(8, 6, 3, 3, 3, 3);
            review[0] = r;
        });
        // The JSON the page is drawn from: the unknown grade is null (with its label) in both tables.
        assertThat(review[0].getList("byGrade.now.group.grade")).containsExactly("HIGH", "MEDIUM", "LOW", null);
        assertThat(review[0].getList("responseTimes.rows.group.grade")).containsExactly("HIGH", "MEDIUM", "LOW", null);
        assertThat(review[0].getList("responseTimes.rows.labels.grade")).containsExactly("高意向", "中意向", "低意向", "未知");

        Path shots = Path.of("target", "review-screenshots");
        Files.createDirectories(shots);
        try (Chromium chromium = Chromium.launch(browser, 1000, 1400)) {
            chromium.headers(Map.of("Authorization", Tokens.bearer("test-manager", Roles.SALES_MANAGER)));
            for (Words w : LANGUAGES) {
                chromium.open(root + "api/v1/analytics/reviews/" + ym + "?format=html&lang=" + w.lang());
                JsonNode page = chromium.evaluate(READ_PAGE);
                readsAsAManagerExpects(page, w, review[0].getList("funnel.steps.reached", Integer.class));

                byte[] png = chromium.screenshot();
                Path file = shots.resolve("monthly-review-" + ym + "." + w.lang() + ".png");
                Files.write(file, png);
                isARealPicture(png, file);
            }
        }
    }

    private static void readsAsAManagerExpects(JsonNode page, Words w, List<Integer> funnelReached) {
        String all = page.path("text").asText() + "\n" + page.path("svgText").asText();
        assertThat(all).as("%s page text", w.lang()).doesNotContain("-天", "- 天", "-days", "- days", "null", "NaN",
                "undefined", "Infinity");

        Map<String, JsonNode> charts = new java.util.HashMap<>();
        for (JsonNode chart : page.path("charts")) {
            charts.put(chart.path("name").asText(), chart);
            onItsOwnScale(chart, w.lang());
        }
        assertThat(charts).containsKeys("source", "grade", "funnel", "cycle", "sla");

        assertThat(texts(charts.get("source"), "label")).containsExactlyElementsOf(w.sources());
        assertThat(texts(charts.get("source"), "value")).containsExactly("50%", "25%");
        assertThat(charts.get("source").path("scale").asText()).contains("0–100%");

        assertThat(texts(charts.get("grade"), "label")).containsExactlyElementsOf(w.grades());
        assertThat(texts(charts.get("grade"), "value")).containsExactly("50%", "100%", "0%", "0%");

        // SLA kept: the unknown grade (rejected leads, never assigned) has no rate: no bar, "—" and why, not "0%".
        JsonNode sla = charts.get("sla");
        assertThat(texts(sla, "label")).containsExactlyElementsOf(w.grades());
        assertThat(texts(sla, "value")).containsExactly("75%", "100%", "100%", EMPTY);
        JsonNode unknown = sla.path("rows").get(3);
        assertThat(unknown.path("barWidth").isNull()).as("a bar for a rate that does not exist").isTrue();
        assertThat(unknown.path("title").asText()).isEqualTo(w.noAssigned());
        // Equal values draw equal bars.
        assertThat(sla.path("rows").get(1).path("barWidth").asDouble())
                .isCloseTo(sla.path("rows").get(2).path("barWidth").asDouble(), within(0.01));

        assertThat(texts(charts.get("funnel"), "value"))
                .containsExactlyElementsOf(funnelReached.stream().map(String::valueOf).toList());
        assertThat(texts(charts.get("cycle"), "value")).containsExactly("1", "1", "1");

        // Tables: grades in order; numbers right-aligned, words left-aligned; "—" with its reason where nothing is.
        JsonNode grades = page.path("tables").path("grades");
        List<String> firstColumn = new ArrayList<>();
        grades.path("rows").forEach(row -> firstColumn.add(row.get(0).path("text").asText()));
        assertThat(firstColumn).containsExactlyElementsOf(w.grades());
        JsonNode low = grades.path("rows").get(2);
        assertThat(low.get(5).path("text").asText()).as("LOW average cycle").isEqualTo(EMPTY);
        assertThat(low.get(5).path("title").asText()).isEqualTo(w.noWon());
        JsonNode unknownRow = grades.path("rows").get(3);
        assertThat(unknownRow.get(7).path("text").asText()).as("unknown grade SLA kept").isEqualTo(EMPTY);
        assertThat(unknownRow.get(7).path("title").asText()).isEqualTo(w.noAssigned());
        assertThat(grades.path("rows").get(0).get(4).path("title").asText()).isEqualTo(w.noPrevious());
        assertThat(texts(page.path("notes"))).anySatisfy(n -> assertThat(n).contains(w.noAssigned()))
                .anySatisfy(n -> assertThat(n).contains(w.noWon()));

        int numbers = 0;
        int words = 0;
        for (String table : List.of("sources", "grades")) {
            for (JsonNode row : page.path("tables").path(table).path("rows")) {
                for (JsonNode cell : row) {
                    String text = cell.path("text").asText();
                    String align = cell.path("align").asText();
                    if (NUMBER.matcher(text).matches() || text.equals(EMPTY)) {
                        numbers++;
                        assertThat(align).as("%s: number cell '%s' in %s", w.lang(), text, table).isEqualTo("right");
                    } else if (!text.isEmpty()) {
                        words++;
                        assertThat(align).as("%s: text cell '%s' in %s", w.lang(), text, table).isIn("left", "start");
                    }
                }
            }
            for (JsonNode th : page.path("tables").path(table).path("header")) {
                assertThat(th.path("align").asText()).as("header '%s'", th.path("text").asText())
                        .isIn("left", "start", "right");
            }
        }
        assertThat(numbers).as("number cells seen").isGreaterThan(20);
        assertThat(words).as("text cells seen").isGreaterThan(5);
    }

    /**
     * The chart states its scale (0–max with the unit) and labels its ticks; each tick sits at its value's place on
     * the axis, and each bar starts at 0 and is as long as its value's share of the axis.
     */
    private static void onItsOwnScale(JsonNode chart, String lang) {
        String name = lang + " chart " + chart.path("name").asText();
        List<String> ticks = texts(chart.path("ticks"));
        assertThat(ticks).as("%s tick labels", name).hasSizeGreaterThanOrEqualTo(3);
        assertThat(ticks.get(0)).as(name).isIn("0", "0%");
        double max = number(ticks.get(ticks.size() - 1));
        assertThat(chart.path("scale").asText()).as("%s states its scale", name)
                .contains("0–" + ticks.get(ticks.size() - 1));
        double left = chart.path("axisLeft").asDouble();
        double width = chart.path("axisWidth").asDouble();
        assertThat(width).as("%s axis length", name).isGreaterThan(200);
        for (JsonNode tick : chart.path("ticks")) {
            assertThat(tick.path("center").asDouble()).as("%s tick %s", name, tick.path("text").asText())
                    .isCloseTo(left + width * number(tick.path("text").asText()) / max, within(2.0));
        }
        for (JsonNode row : chart.path("rows")) {
            String value = row.path("value").asText();
            if (row.path("barWidth").isNull()) {
                assertThat(value).as("%s '%s' without a bar", name, row.path("label").asText())
                        .isEqualTo(EMPTY);
                assertThat(row.path("title").asText()).as("%s: why '%s' has no value", name,
                        row.path("label").asText()).isNotBlank();
                continue;
            }
            assertThat(row.path("barLeft").asDouble()).as("%s bar starts at 0", name).isCloseTo(left, within(1.0));
            assertThat(row.path("barWidth").asDouble()).as("%s bar '%s' = %s on 0–%s", name,
                    row.path("label").asText(), value, max).isCloseTo(width * number(value) / max, within(1.0));
        }
    }

    private static void isARealPicture(byte[] png, Path file) throws Exception {
        assertThat(png).as(file.toString()).startsWith(0x89, 'P', 'N', 'G');
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image).as(file.toString()).isNotNull();
        assertThat(image.getWidth()).as(file + " width").isGreaterThanOrEqualTo(800);
        assertThat(image.getHeight()).as(file + " height").isGreaterThanOrEqualTo(1000);
        Set<Integer> colours = new HashSet<>();
        long ink = 0;
        long seen = 0;
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                colours.add(rgb);
                seen++;
                if (rgb != 0xFFFFFF) {
                    ink++;
                }
            }
        }
        assertThat(colours.size()).as(file + " colours").isGreaterThan(20);
        assertThat(ink * 100.0 / seen).as(file + " % of pixels not white").isGreaterThan(2.0);
        // The bars' blue is there: the charts were drawn, not only the text.
        assertThat(colours).as(file + " has the bars' colour").contains(0x4A7BD0);
    }

    private static List<String> texts(JsonNode chart, String field) {
        List<String> out = new ArrayList<>();
        chart.path("rows").forEach(r -> out.add(r.path(field).asText()));
        return out;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.isObject() ? n.path("text").asText() : n.asText()));
        return out;
    }

    private static double number(String shown) {
        return Double.parseDouble(shown.replace("%", "").replace(",", "").replace("+", ""));
    }

    /** Reads what is on screen: texts, computed alignment, and where the browser drew each bar and tick. */
    private static final String READ_PAGE = """
            (async () => {
              await document.fonts.ready;
              const text = el => el ? el.textContent.trim() : null;
              const box = el => el.getBoundingClientRect();
              const charts = [...document.querySelectorAll('svg.chart')].map(svg => {
                const axis = box(svg.querySelector('line.axis'));
                return {
                  name: svg.dataset.chart,
                  scale: text(svg.previousElementSibling),
                  axisLeft: axis.left, axisWidth: axis.width,
                  ticks: [...svg.querySelectorAll('text.tick')].map(t => ({
                    text: text(t), center: box(t).left + box(t).width / 2 })),
                  rows: [...svg.querySelectorAll('g.bar-row')].map(g => {
                    const bar = g.querySelector('rect.bar');
                    return { label: text(g.querySelector('text.bar-label')),
                             value: text(g.querySelector('text.bar-value')),
                             barLeft: bar ? box(bar).left : null, barWidth: bar ? box(bar).width : null,
                             title: text(g.querySelector(':scope > title')) };
                  })
                };
              });
              const tables = {};
              for (const t of document.querySelectorAll('table')) {
                tables[t.className] = {
                  header: [...t.querySelectorAll('th')].map(th => ({
                    text: text(th), align: getComputedStyle(th).textAlign })),
                  rows: [...t.querySelectorAll('tbody tr')].map(tr => [...tr.cells].map(td => ({
                    text: text(td), align: getComputedStyle(td).textAlign, title: td.title || null })))
                };
              }
              return { charts, tables,
                       notes: [...document.querySelectorAll('p.note')].map(text),
                       text: document.body.innerText,
                       svgText: [...document.querySelectorAll('svg text')].map(text).join('\\n') };
            })()
            """;
}
