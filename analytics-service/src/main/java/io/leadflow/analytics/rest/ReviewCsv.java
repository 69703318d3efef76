package io.leadflow.analytics.rest;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.leadflow.analytics.service.ReportViews;
import io.leadflow.analytics.service.Views;
import io.leadflow.events.vocabulary.Language;

/**
 * The monthly review as long-format CSV rows for BI tools: one metric per row, one type per column. {@code value},
 * {@code previous} and {@code change} are numbers only (empty when there is none); whether a group or a finding is
 * new this month is the boolean {@code is_new}, and a finding's trend is its own text column.
 */
final class ReviewCsv {

    static final List<String> COLUMNS = List.of("section", "group", "metric", "value", "previous", "change", "is_new",
            // Added after the first six, which keep their positions for the tools that read them.
            "trend", "group_label");

    private ReviewCsv() {
    }

    static List<List<Object>> rows(ReportViews.Review r, Language language) {
        List<List<Object>> rows = new ArrayList<>();
        conversionRows(rows, "total", null, ReviewWords.text(language, "total"), r.total(), r.totalBefore());
        for (ReportViews.ReviewSourceRow s : r.bySource()) {
            conversionRows(rows, "source", key(s, "source"), label(s, "source"), s.now(), s.before());
        }
        for (ReportViews.ReviewSourceRow s : r.byGrade()) {
            conversionRows(rows, "grade", key(s, "grade"), label(s, "grade"), s.now(), s.before());
        }
        for (ReportViews.FunnelStepView f : r.funnel().steps()) {
            rows.add(row("funnel", f.stage(), "reached", BigDecimal.valueOf(f.reached()), null, false, null,
                    f.label()));
            rows.add(row("funnel", f.stage(), "median_days_in_stage", f.medianDaysInStage(), null, false, null,
                    f.label()));
        }
        for (ReportViews.ResponseRow t : r.responseTimes().rows()) {
            String g = t.group().get("grade");
            String label = t.labels().get("grade");
            rows.add(row("response_times", g, "first_response_median_hours", t.firstResponseMedianHours(), null, false,
                    null, label));
            rows.add(row("response_times", g, "first_response_p90_hours", t.firstResponseP90Hours(), null, false, null,
                    label));
            rows.add(row("response_times", g, "sla_kept_rate", t.slaKept().value(), null, false, null, label));
        }
        // The bucket's key is an ISO-8601 period (P25D), text like every other group key, so the column keeps one type.
        r.cycleDaysHistogram().forEach((days, n) -> rows.add(row("cycle_days", "P" + days + "D", "won",
                BigDecimal.valueOf(n), null, false, null, ReviewWords.text(language, "days",
                String.valueOf(days)))));
        for (ReportViews.FindingView f : r.findings()) {
            // A resolved finding fired last month only: its metric is last month's, not a value of this one.
            boolean resolved = "RESOLVED".equals(f.trend());
            // A finding about an unknown source has no subject; its key is then the rule alone, never "RULE:null".
            String group = f.subject() == null ? f.rule() : f.rule() + ":" + f.subject();
            rows.add(row("insight", group, "metric", resolved ? null : f.metric(),
                    f.previousMetric(), "NEW".equals(f.trend()), f.trend(), f.title()));
        }
        // What we tried: a version's lab measure, the draft's figure as the value and the policy before it as previous.
        for (ReportViews.PolicyChange c : r.policyChanges()) {
            String group = c.policy() + ":v" + c.version();
            String label = c.policyLabel() + " v" + c.version();
            if (c.trial() == null) {
                rows.add(row("tried", group, "not_tried", null, null, false, null, label));
            } else {
                rows.add(row("tried", group, c.trial().measure().toLowerCase(java.util.Locale.ROOT), c.trial().after(),
                        c.trial().before(), false, null, label));
            }
        }
        return rows;
    }

    private static String key(ReportViews.ReviewSourceRow s, String dim) {
        return any(s).group().get(dim);
    }

    private static String label(ReportViews.ReviewSourceRow s, String dim) {
        return any(s).labels().get(dim);
    }

    private static Views.ConversionRow any(ReportViews.ReviewSourceRow s) {
        return s.now() != null ? s.now() : s.before();
    }

    /** A group with numbers this month and none the month before is new; a vanished one is not. */
    private static void conversionRows(List<List<Object>> rows, String section, String group, String label,
                                       Views.ConversionRow now, Views.ConversionRow before) {
        boolean isNew = now != null && before == null;
        rows.add(row(section, group, "leads", now == null ? null : BigDecimal.valueOf(now.leads()),
                before == null ? null : BigDecimal.valueOf(before.leads()), isNew, null, label));
        rows.add(row(section, group, "won", now == null ? null : BigDecimal.valueOf(now.won()),
                before == null ? null : BigDecimal.valueOf(before.won()), isNew, null, label));
        rows.add(row(section, group, "conversion_rate", now == null ? null : now.conversionRate().value(),
                before == null ? null : before.conversionRate().value(), isNew, null, label));
        rows.add(row(section, group, "average_cycle_days", now == null ? null : now.averageCycleDays(),
                before == null ? null : before.averageCycleDays(), isNew, null, label));
        rows.add(row(section, group, "won_amount", now == null ? null : now.wonAmount().amount(),
                before == null ? null : before.wonAmount().amount(), isNew, null, label));
    }

    private static List<Object> row(String section, String group, String metric, BigDecimal value,
                                    BigDecimal previous, boolean isNew, String trend, String label) {
        return Arrays.asList(section, group, metric, value, previous,
                value == null || previous == null ? null : value.subtract(previous), isNew, trend, label);
    }
}
