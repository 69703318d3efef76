package io.leadflow.analytics.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.leadflow.analytics.domain.ConversionCounts;
import io.leadflow.analytics.domain.ConversionStats;
import io.leadflow.analytics.domain.Dimension;
import io.leadflow.analytics.domain.Distribution;
import io.leadflow.analytics.domain.Finding;
import io.leadflow.analytics.domain.FunnelStep;
import io.leadflow.analytics.domain.InsightInput;
import io.leadflow.analytics.domain.InsightRules;
import io.leadflow.analytics.domain.InsightThresholds;
import io.leadflow.analytics.domain.Period;
import io.leadflow.analytics.domain.Rate;
import io.leadflow.analytics.domain.Ranking;
import io.leadflow.analytics.domain.Reasons;
import io.leadflow.analytics.domain.SourceSuggestions;
import io.leadflow.analytics.domain.Trials;
import io.leadflow.analytics.domain.Vocabulary;
import io.leadflow.analytics.service.ReportViews;
import io.leadflow.analytics.service.Views;
import io.leadflow.events.rest.Csv;
import io.leadflow.events.vocabulary.Language;
import io.leadflow.events.vocabulary.Term;

/**
 * The monthly review's printable page and its CSV, pinned whole in both languages as a manager and a BI tool get
 * them, so moving the review's words into resource bundles can be checked character by character.
 * <p>
 * Two months, built the way the report service builds a review: a full one in which every word the page chooses
 * shows up (every heading, column and chart, each reason for a "—" in a cell, a bar and the headline, a new, a
 * vanished and an unknown group, every trend and one it has no word for, a finding with a trial, a rule version
 * tried, one not tried and one tried on no leads), and an empty one (each "no data" state). The expected output is
 * kept under {@code src/test/resources/io/leadflow/analytics/rest/review/}: a page with a line break before each
 * tag (the page itself has none, so the test takes them out again before comparing) and a CSV with LF line ends and
 * no byte-order mark (the test puts both back). A mismatch leaves what was rendered in
 * {@code target/review-output/}, in the stored layout, for a diff.
 */
class ReviewOutputTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final YearMonth NOVEMBER = YearMonth.of(2026, 11);
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 6);

    @ParameterizedTest
    @EnumSource(Language.class)
    void aFullMonthsPage(Language language) throws IOException {
        assertPage("full-" + tag(language) + ".html", ReviewPage.render(full(language), language, SHANGHAI));
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void anEmptyMonthsPage(Language language) throws IOException {
        assertPage("empty-" + tag(language) + ".html", ReviewPage.render(empty(language), language, SHANGHAI));
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void aFullMonthsCsv(Language language) throws IOException {
        assertCsv("full-" + tag(language) + ".csv", csv(full(language), language));
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void anEmptyMonthsCsv(Language language) throws IOException {
        assertCsv("empty-" + tag(language) + ".csv", csv(empty(language), language));
    }

    // ---------------------------------------------------------------- the months

    /**
     * Sources: trade show and website form compared with last month, partner referral new and without a deal, social
     * media gone since last month, customer referral counted with no leads (a rate that does not exist, drawn as no
     * bar), and leads of no known source. Grades: high and low compared, medium new, low without a deal, and an
     * unknown grade whose leads nobody was assigned.
     */
    private static ReportViews.Review full(Language language) {
        Map<String, ConversionStats> sourcesNow = new LinkedHashMap<>();
        sourcesNow.put("TRADE_SHOW", stats(50, 15, 5, 3, 20, 25, 25, 30));
        sourcesNow.put("WEBSITE_FORM", stats(100, 8, 40, 12, 45, 60));
        sourcesNow.put("PARTNER_REFERRAL", stats(12, 0, 1, 4));
        sourcesNow.put("CUSTOMER_REFERRAL", stats(0, 0, 0, 0));
        sourcesNow.put(null, stats(3, 1, 0, 0, 7));
        Map<String, ConversionStats> sourcesBefore = new LinkedHashMap<>();
        sourcesBefore.put("TRADE_SHOW", stats(40, 10, 4, 2, 30, 35));
        sourcesBefore.put("WEBSITE_FORM", stats(80, 12, 20, 10, 40));
        sourcesBefore.put("SOCIAL_MEDIA", stats(10, 2, 0, 1, 14));
        sourcesBefore.put(null, stats(3, 1, 0, 0, 9));

        Map<String, ConversionStats> gradesNow = new LinkedHashMap<>();
        gradesNow.put("HIGH", stats(20, 2, 0, 1, 25, 30));
        gradesNow.put("MEDIUM", stats(60, 10, 10, 5, 40));
        gradesNow.put("LOW", stats(80, 0, 36, 13));
        gradesNow.put(null, stats(5, 1, 0, 0, 7));
        Map<String, ConversionStats> gradesBefore = new LinkedHashMap<>();
        gradesBefore.put("HIGH", stats(18, 3, 0, 2, 30));
        gradesBefore.put("LOW", stats(70, 1, 20, 9, 44));
        gradesBefore.put(null, stats(5, 0, 0, 1));

        ConversionStats totalNow = sum(sourcesNow);
        ConversionStats totalBefore = sum(sourcesBefore);

        List<ReportViews.ResponseRow> response = List.of(
                responseRow("HIGH", 20, 20, 18, new BigDecimal("30.5"), new BigDecimal("70.0"), 4, language),
                responseRow("MEDIUM", 60, 50, 0, null, null, 0, language),
                responseRow(null, 5, 0, 0, null, null, 0, language));

        Views.SourceTable sources = new Views.SourceTable(filters(NOVEMBER), List.of(
                sourceRow("WEBSITE_FORM", sourcesNow.get("WEBSITE_FORM"), Map.of("DEMO", 3L),
                        Map.of("SLOW_RESPONSE", 6L, "PRICE", 2L), Map.of("CONTACT_INCOMPLETE", 30L),
                        Distribution.of(60 * 30, 60 * 40), language),
                sourceRow("TRADE_SHOW", sourcesNow.get("TRADE_SHOW"), Map.of("ON_SITE_DEMO", 9L, "PRICE", 4L),
                        Map.of("BUDGET_INSUFFICIENT", 8L, "NO_NEED", 2L), Map.of("CONTACT_INCOMPLETE", 5L),
                        Distribution.of(60 * 10), language),
                sourceRow("PARTNER_REFERRAL", sourcesNow.get("PARTNER_REFERRAL"), Map.of(),
                        Map.of("NEED_MISMATCH", 4L), Map.of(), new Distribution(), language),
                sourceRow(null, sourcesNow.get(null), Map.of(), Map.of(), Map.of(), new Distribution(), language)));

        Map<Integer, Long> reached = Map.of(1, 165L, 2, 140L, 3, 90L, 4, 50L, 5, 30L, 6, 24L);
        Map<String, Distribution> hours = Map.of("NEW", Distribution.of(5, 30, 70), "CONTACTED",
                Distribution.of(48, 96), "PROPOSAL", Distribution.of(200));

        return new ReportViews.Review(NOVEMBER.toString(), NOVEMBER.minusMonths(1).toString(),
                Views.ConversionRow.of(Map.of(), Map.of(), totalNow),
                Views.ConversionRow.of(Map.of(), Map.of(), totalBefore),
                totalNow.conversionRate().pointsSince(totalBefore.conversionRate()),
                compare(Dimension.SOURCE, List.of("TRADE_SHOW", "WEBSITE_FORM", "PARTNER_REFERRAL", "SOCIAL_MEDIA",
                        "CUSTOMER_REFERRAL"), sourcesNow, sourcesBefore, language),
                compare(Dimension.GRADE, List.of("HIGH", "MEDIUM", "LOW"), gradesNow, gradesBefore, language),
                sources, funnel(reached, hours, language),
                new ReportViews.ResponseTimes("grade", filters(NOVEMBER), response,
                        responseRow(null, 85, 70, 18, new BigDecimal("30.5"), new BigDecimal("70.0"), 4, language)),
                totalNow.cycleDays().histogram(), findings(language), policyChanges(language));
    }

    /** A month with no leads, no deals, no findings and no rule published. */
    private static ReportViews.Review empty(Language language) {
        YearMonth december = NOVEMBER.plusMonths(1);
        ConversionStats none = new ConversionStats(ConversionCounts.NONE, new Distribution());
        return new ReportViews.Review(december.toString(), NOVEMBER.toString(),
                Views.ConversionRow.of(Map.of(), Map.of(), none), Views.ConversionRow.of(Map.of(), Map.of(), none),
                none.conversionRate().pointsSince(none.conversionRate()), List.of(), List.of(),
                new Views.SourceTable(filters(december), List.of()), funnel(Map.of(), Map.of(), language),
                new ReportViews.ResponseTimes("grade", filters(december), List.of(),
                        responseRow(null, 0, 0, 0, null, null, 0, language)),
                none.cycleDays().histogram(), List.of(), List.of());
    }

    /**
     * The insight rules' findings on the full month, each given one trend in turn (none, then every trend), with a
     * trial attached where the rules offer one; and one about no known source, with a trend the page has no word for.
     */
    private static List<ReportViews.FindingView> findings(Language language) {
        Map<String, ConversionStats> bySource = new LinkedHashMap<>();
        bySource.put("TRADE_SHOW", stats(50, 15, 5, 3, 20, 25, 25, 30));
        bySource.put("WEBSITE_FORM", stats(100, 8, 40, 12, 45, 60));
        Map<String, Map<String, Long>> losses = new LinkedHashMap<>();
        losses.put("TRADE_SHOW", Map.of("BUDGET_INSUFFICIENT", 8L, "NO_NEED", 2L));
        losses.put("WEBSITE_FORM", Map.of("SLOW_RESPONSE", 6L, "PRICE", 1L));
        ConversionStats overall = new ConversionStats(new ConversionCounts(165, 125, 40, 60, 24, 19,
                new BigDecimal("480000")), Distribution.of(20, 25, 25, 30, 45, 60, 7, 41, 38, 52));
        InsightInput input = new InsightInput(overall, Map.of("HIGH", stats(20, 2, 0, 1, 25, 30)), bySource,
                Distribution.of(60 * 10, 60 * 50, 60 * 70), 4, losses,
                Map.of("WEBSITE_FORM", Map.of("CONTACT_INCOMPLETE", 30L)), Map.of("rep-li", 4L, "rep-zhao", 1L),
                Map.of("SOCIAL_MEDIA", 3L, "TRADE_SHOW", 1L));
        List<Finding> found = Trials.attach(new InsightRules(InsightThresholds.DEFAULTS).findings(input),
                Period.month(NOVEMBER), TODAY);
        String[] trends = {null, "NEW", "BETTER", "WORSE", "UNCHANGED", "RESOLVED"};
        assertThat(found).as("one finding for each trend").hasSize(trends.length);
        List<ReportViews.FindingView> out = new ArrayList<>();
        for (int i = 0; i < found.size(); i++) {
            Finding f = found.get(i);
            out.add(ReportViews.FindingView.of(f.withTrend(trends[i], previous(f, trends[i])), language));
        }
        ReportViews.FindingView last = out.get(out.size() - 1);
        out.add(new ReportViews.FindingView(last.rule(), null, last.title(), last.detail(), last.numbers(),
                last.action(), last.metric(), last.higherIsBetter(), "STEADY", last.metric(), null));
        return out;
    }

    /** Last month's metric as the rules would have found it for that trend (a resolved finding's is its own). */
    private static BigDecimal previous(Finding f, String trend) {
        BigDecimal step = new BigDecimal("0.0125");
        if (trend == null || trend.equals("NEW")) {
            return null;
        }
        return switch (trend) {
            case "BETTER" -> f.higherIsBetter() ? f.metric().subtract(step) : f.metric().add(step);
            case "WORSE" -> f.higherIsBetter() ? f.metric().add(step) : f.metric().subtract(step);
            default -> f.metric();
        };
    }

    /** Cadence tried and published, grading published untried without a reason, assignment tried on no leads. */
    private static List<ReportViews.PolicyChange> policyChanges(Language language) {
        return List.of(
                policyChange("CADENCE", 3, "2026-11-03T02:15:00Z", "mgr-li", "Answer trade-show leads <24h> & \"fast\"",
                        trial("CADENCE_WHAT_IF", 120, "FIRST_RESPONSE_SLA_PERCENT", new BigDecimal("62.5"),
                                new BigDecimal("81.25"), language), language),
                policyChange("GRADING", 7, "2026-11-17T15:59:00Z", "mgr-wang", null, null, language),
                policyChange("ASSIGNMENT", 2, "2026-11-30T16:30:00Z", "mgr-zhao", "新的分配规则",
                        trial("ASSIGNMENT_DRY_RUN", 0, "TOP_GRADE_TO_SENIOR_PERCENT", null, null, language),
                        language));
    }

    // ---------------------------------------------------------------- built as the report service builds them

    private static ConversionStats stats(long leads, long won, long rejected, long lost, long... cycleDays) {
        long qualified = leads - rejected;
        return new ConversionStats(new ConversionCounts(leads, qualified, rejected, qualified - won - lost, won, lost,
                BigDecimal.valueOf(20000L * won)), Distribution.of(cycleDays));
    }

    private static ConversionStats sum(Map<String, ConversionStats> stats) {
        ConversionStats total = new ConversionStats(ConversionCounts.NONE, new Distribution());
        for (ConversionStats s : stats.values()) {
            total = total.plus(s);
        }
        return total;
    }

    private static Views.ConversionRow row(Dimension dim, String code, ConversionStats stats, Language language) {
        Map<String, String> group = new LinkedHashMap<>();
        group.put(dim.key(), code);
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(dim.key(), Vocabulary.label(dim, code, language));
        return Views.ConversionRow.of(group, labels, stats);
    }

    /** This month against the last, in the order given, the unknown group last. */
    private static List<ReportViews.ReviewSourceRow> compare(Dimension dim, List<String> order,
                                                             Map<String, ConversionStats> now,
                                                             Map<String, ConversionStats> before, Language language) {
        List<String> codes = new ArrayList<>(order);
        codes.add(null);
        List<ReportViews.ReviewSourceRow> rows = new ArrayList<>();
        for (String code : codes) {
            ConversionStats x = now.get(code);
            ConversionStats y = before.get(code);
            if (x == null && y == null) {
                continue;
            }
            rows.add(new ReportViews.ReviewSourceRow(x == null ? null : row(dim, code, x, language),
                    y == null ? null : row(dim, code, y, language),
                    x == null || y == null ? null : x.conversionRate().pointsSince(y.conversionRate())));
        }
        return rows;
    }

    private static ReportViews.ResponseRow responseRow(String grade, long leads, long assigned, long responded,
                                                       BigDecimal median, BigDecimal p90, long breached,
                                                       Language language) {
        Map<String, String> group = new LinkedHashMap<>();
        Map<String, String> labels = new LinkedHashMap<>();
        group.put("grade", grade);
        labels.put("grade", Vocabulary.label(Dimension.GRADE, grade, language));
        return new ReportViews.ResponseRow(group, labels, leads, assigned, responded, median, p90, median, breached,
                Views.RateView.of(Rate.of(assigned - breached, assigned)));
    }

    private static Views.SourceRow sourceRow(String source, ConversionStats s, Map<String, Long> wins,
                                             Map<String, Long> losses, Map<String, Long> rejections,
                                             Distribution responseMinutes, Language language) {
        List<Ranking.Counted> win = Ranking.top(wins, 3);
        List<Ranking.Counted> loss = Ranking.top(losses, 3);
        List<Ranking.Counted> rej = Ranking.top(rejections, 3);
        BigDecimal median = responseMinutes.median();
        return new Views.SourceRow(source, Vocabulary.label(Dimension.SOURCE, source, language), s.counts().leads(),
                s.counts().qualified(), s.counts().rejected(), s.counts().won(), s.counts().lost(),
                Views.RateView.of(s.conversionRate()), s.averageCycleDays(), s.medianCycleDays(),
                win.stream().map(c -> Views.CountedView.of(c, c.value())).toList(),
                loss.stream().map(c -> Views.CountedView.of(c, Reasons.label(c.value(), language))).toList(),
                rej.stream().map(c -> Views.CountedView.of(c, Reasons.label(c.value(), language))).toList(),
                median == null ? null : median.divide(BigDecimal.valueOf(60), 1, java.math.RoundingMode.HALF_UP),
                SourceSuggestions.DEFAULTS.suggest(source, s, loss, rej, responseMinutes).stream()
                        .map(x -> Views.SuggestionView.of(x, language)).toList());
    }

    private static ReportViews.Funnel funnel(Map<Integer, Long> reached, Map<String, Distribution> hours,
                                             Language language) {
        List<ReportViews.FunnelStepView> steps = FunnelStep.build(reached, hours).stream()
                .map(s -> new ReportViews.FunnelStepView(s.stage().name(), Term.STAGE.label(s.stage().name(),
                        language), s.reached(), Views.RateView.of(s.ofAllLeads()),
                        Views.RateView.of(s.fromPreviousStep()), s.droppedHere(), s.medianDaysInStage(),
                        s.averageDaysInStage())).toList();
        long leads = reached.getOrDefault(1, 0L);
        return new ReportViews.Funnel(filters(NOVEMBER), leads, leads, 0, steps);
    }

    private static ReportViews.PolicyChange policyChange(String policy, int version, String publishedAt, String by,
                                                         String reason, ReportViews.Trial trial, Language language) {
        return new ReportViews.PolicyChange(policy, Term.POLICY.label(policy, language), version,
                Instant.parse(publishedAt), by, reason, trial);
    }

    private static ReportViews.Trial trial(String kind, int leads, String measure, BigDecimal before,
                                           BigDecimal after, Language language) {
        return new ReportViews.Trial(kind, Term.TRIAL.label(kind, language), LocalDate.of(2026, 10, 1),
                LocalDate.of(2026, 10, 31), leads, measure, Term.TRIAL_MEASURE.label(measure, language), before,
                after, "analyst-chen", Instant.parse("2026-11-02T08:00:00Z"));
    }

    private static Views.Filters filters(YearMonth month) {
        return new Views.Filters(month.atDay(1), month.atEndOfMonth(), null, null, null);
    }

    // ---------------------------------------------------------------- comparing with what is kept

    private static String csv(ReportViews.Review review, Language language) {
        return new String(Csv.render(ReviewCsv.COLUMNS, ReviewCsv.rows(review, language)), StandardCharsets.UTF_8);
    }

    private static String tag(Language language) {
        return language.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The page is one line; the kept copy has a line break before each tag, which says nothing. */
    private static void assertPage(String name, String page) throws IOException {
        String expected = expected(name).replace("\r", "").replace("\n", "");
        if (!page.equals(expected)) {
            keep(name, page.replace("><", ">\n<") + "\n");
        }
        assertThat(page).as(name).isEqualTo(expected);
    }

    /** The CSV as sent: a byte-order mark and CRLF line ends; the kept copy has neither. */
    private static void assertCsv(String name, String csv) throws IOException {
        String expected = "\uFEFF" + expected(name).replace("\r\n", "\n").replace("\n", "\r\n");
        if (!csv.equals(expected)) {
            keep(name, csv.replace("\uFEFF", "").replace("\r\n", "\n"));
        }
        assertThat(csv).as(name).isEqualTo(expected);
    }

    private static String expected(String name) throws IOException {
        try (InputStream in = ReviewOutputTest.class.getResourceAsStream("review/" + name)) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void keep(String name, String rendered) throws IOException {
        Path out = Path.of("target", "review-output", name);
        Files.createDirectories(out.getParent());
        Files.writeString(out, rendered, StandardCharsets.UTF_8);
    }
}
