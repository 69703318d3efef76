package io.leadflow.analytics.rest;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.leadflow.analytics.domain.ChartScale;
import io.leadflow.analytics.service.ReportViews;
import io.leadflow.analytics.service.Views;
import io.leadflow.events.vocabulary.Language;

/**
 * The monthly review as a printable page for a manager: charts drawn server-side as inline SVG (no script, no
 * external assets), each on one labelled scale; tables with numbers right-aligned and words left-aligned; a value
 * that does not exist shown as "—" with the reason in its title and in a note under the chart or table. Its words
 * are the review bundle's ({@link ReviewWords}), so the page names them by key and holds no language's prose.
 */
final class ReviewPage {

    static final String EMPTY = "—";
    private static final java.time.format.DateTimeFormatter MINUTE =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private static final int PLOT_X = 160;
    private static final int PLOT_WIDTH = 440;
    private static final int ROW_HEIGHT = 24;

    private ReviewPage() {
    }

    /** Why a value is missing; worded by the bundle's {@code reason.<code>}. */
    private enum Reason {
        NO_LEADS, NO_WON, NO_ASSIGNED, NO_RESPONSE, NO_PREVIOUS;

        String html(Language language) {
            return words(language, "reason." + name());
        }
    }

    /** A table cell or a bar's value: its text, or none and why. */
    private record Value(String text, Reason missing) {
        static Value of(String text, Reason ifMissing) {
            return text == null || text.isEmpty() ? new Value(null, ifMissing) : new Value(text, null);
        }
    }

    /** One bar: its label, its value on the chart's scale (null: no bar), the text shown beside it. */
    private record Bar(String label, BigDecimal value, Value shown) {
    }

    /** @param zone the business time zone, in which the page states when a policy version was published */
    static String render(ReportViews.Review r, Language language, java.time.ZoneId zone) {
        StringBuilder h = new StringBuilder();
        String title = words(language, "page.title", esc(r.month()));
        h.append("<!DOCTYPE html><html lang=\"").append(words(language, "page.lang"))
                .append("\"><head><meta charset=\"utf-8\">").append("<title>").append(title).append("</title><style>")
                .append("body{font-family:system-ui,'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif;")
                .append("margin:2em;color:#222}")
                .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;")
                .append("text-align:left;vertical-align:top}th{background:#f3f5f8}.num{text-align:right;")
                .append("font-variant-numeric:tabular-nums;white-space:nowrap}h2{margin-top:1.5em}")
                .append(".scale,.note{color:#555;font-size:0.85em;margin:0.3em 0}.empty{color:#888;cursor:help}")
                .append("svg text{font-family:inherit}.worse{color:#b00}.better{color:#070}")
                .append("@media print{h2{page-break-after:avoid}}")
                .append("</style></head><body>");
        h.append("<h1>").append(title).append("</h1>");
        h.append(headline(r, language));

        Set<Reason> notes = new LinkedHashSet<>();
        h.append("<h2>").append(words(language, "heading.sources")).append("</h2>");
        h.append(chart("source", rateBars(r.bySource(), "source"), ChartScale.percent(), language));
        h.append(sourceTable(r.sources(), language, notes));
        h.append(notes(notes, language));

        notes.clear();
        h.append("<h2>").append(words(language, "heading.grades")).append("</h2>");
        h.append(chart("grade", rateBars(r.byGrade(), "grade"), ChartScale.percent(), language));
        h.append(gradeTable(r, language, notes));
        h.append(notes(notes, language));

        h.append("<h2>").append(words(language, "heading.funnel")).append("</h2>");
        List<Bar> funnel = new ArrayList<>();
        for (ReportViews.FunnelStepView s : r.funnel().steps()) {
            funnel.add(count(s.label(), s.reached()));
        }
        h.append(chart("funnel", funnel, counts(funnel), language));

        h.append("<h2>").append(words(language, "heading.cycle")).append("</h2>");
        List<Bar> cycle = new ArrayList<>();
        for (Map.Entry<Long, Long> e : r.cycleDaysHistogram().entrySet()) {
            cycle.add(count(ReviewWords.text(language, "days", String.valueOf(e.getKey())), e.getValue()));
        }
        h.append(cycle.isEmpty() ? "<p class=\"note\">" + words(language, "cycle.none") + "</p>"
                : chart("cycle", cycle, counts(cycle), language));

        h.append("<h2>").append(words(language, "heading.sla")).append("</h2>");
        List<Bar> sla = new ArrayList<>();
        for (ReportViews.ResponseRow row : r.responseTimes().rows()) {
            sla.add(rate(row.labels().get("grade"), row.slaKept(), Reason.NO_ASSIGNED));
        }
        h.append(chart("sla", sla, ChartScale.percent(), language));

        h.append("<h2>").append(words(language, "heading.findings")).append("</h2><ul>");
        if (r.findings().isEmpty()) {
            h.append("<li>").append(words(language, "findings.none")).append("</li>");
        }
        for (ReportViews.FindingView f : r.findings()) {
            String trend = f.trend() == null ? "" : f.trend();
            h.append("<li class=\"").append(trend.equals("WORSE") || trend.equals("NEW") ? "worse"
                            : trend.equals("BETTER") || trend.equals("RESOLVED") ? "better" : "")
                    .append("\"><strong>").append(esc(f.title())).append("</strong>")
                    .append(trend.isEmpty() ? "" : " [" + trend(trend, language) + "]").append(" ")
                    .append(esc(f.detail())).append(" → ").append(esc(f.action()));
            if (f.trial() != null) {
                // a POST with a body: named, not linked, so printing the page keeps what to try
                h.append("<br><span class=\"note\">").append(words(language, "finding.trial",
                                esc(f.trial().description()), esc(f.trial().method()), esc(f.trial().path())))
                        .append("</span>");
            }
            h.append("</li>");
        }
        h.append("</ul>");
        h.append(tried(r, language, zone));
        h.append("</body></html>");
        return h.toString();
    }

    /** What we tried: the policy versions published in the month, and the lab figures each went live on. */
    private static String tried(ReportViews.Review r, Language language, java.time.ZoneId zone) {
        StringBuilder h = new StringBuilder("<h2>").append(words(language, "heading.tried")).append("</h2>");
        if (r.policyChanges().isEmpty()) {
            return h.append("<p class=\"note\">").append(words(language, "tried.none")).append("</p>").toString();
        }
        h.append("<table class=\"tried\"><thead><tr>");
        header(h, List.of("policy", "#version", "published", "publishedBy", "reason", "trial", "trialPeriod", "#leads",
                "measure", "#before", "#after"), language);
        h.append("</thead><tbody>");
        Set<Reason> notes = new LinkedHashSet<>();
        for (ReportViews.PolicyChange c : r.policyChanges()) {
            ReportViews.Trial t = c.trial();
            h.append("<tr>");
            text(h, c.policyLabel());
            number(h, new Value(String.valueOf(c.version()), null), language, notes);
            text(h, MINUTE.format(c.publishedAt().atZone(zone)));
            text(h, c.publishedBy());
            text(h, c.reason() == null ? EMPTY : c.reason());
            if (t == null) {
                h.append("<td colspan=\"6\" class=\"empty\">").append(words(language, "tried.untried"))
                        .append("</td>");
            } else {
                text(h, t.kindLabel());
                text(h, t.from() + " – " + t.to());
                number(h, new Value(String.valueOf(t.leads()), null), language, notes);
                text(h, t.measureLabel());
                number(h, Value.of(plain(t.before()), Reason.NO_LEADS), language, notes);
                number(h, Value.of(plain(t.after()), Reason.NO_LEADS), language, notes);
            }
            h.append("</tr>");
        }
        return h.append("</tbody></table>").append(notes(notes, language)).toString();
    }

    private static String headline(ReportViews.Review r, Language language) {
        Views.ConversionRow t = r.total();
        Set<Reason> notes = new LinkedHashSet<>();
        String rate = inline(Value.of(t.conversionRate().percent(), Reason.NO_LEADS), language, notes);
        String cycle = t.averageCycleDays() == null ? inline(new Value(null, Reason.NO_WON), language, notes)
                : words(language, "days", t.averageCycleDays().toPlainString());
        String leads = String.valueOf(t.leads());
        String won = String.valueOf(t.won());
        String line = r.rateChangePoints() == null ? words(language, "headline", leads, won, rate, cycle)
                : words(language, "headline.compared", leads, won, rate, cycle, signed(r.rateChangePoints()),
                esc(r.previousMonth()));
        return "<p class=\"headline\">" + line + "</p>" + notes(notes, language);
    }

    private static String sourceTable(Views.SourceTable table, Language language, Set<Reason> notes) {
        StringBuilder h = new StringBuilder("<table class=\"sources\"><thead><tr>");
        header(h, List.of("source", "#leads", "#won", "#rate", "#cycleDays", "winFactors", "lossReasons",
                "suggestions"), language);
        h.append("</thead><tbody>");
        for (Views.SourceRow s : table.rows()) {
            h.append("<tr>");
            text(h, s.sourceLabel());
            number(h, new Value(String.valueOf(s.leads()), null), language, notes);
            number(h, new Value(String.valueOf(s.won()), null), language, notes);
            number(h, Value.of(s.conversionRate().percent(), Reason.NO_LEADS), language, notes);
            number(h, Value.of(plain(s.averageCycleDays()), Reason.NO_WON), language, notes);
            text(h, ConversionResource.counted(s.winFactors()));
            text(h, ConversionResource.counted(s.lossReasons()));
            text(h, suggestions(s.suggestions(), language));
            h.append("</tr>");
        }
        return h.append("</tbody></table>").toString();
    }

    /** Conversion, change from last month, cycle and first response per grade, in the charts' grade order. */
    private static String gradeTable(ReportViews.Review r, Language language, Set<Reason> notes) {
        Map<String, ReportViews.ResponseRow> response = new HashMap<>();
        for (ReportViews.ResponseRow row : r.responseTimes().rows()) {
            response.put(row.group().get("grade"), row);
        }
        StringBuilder h = new StringBuilder("<table class=\"grades\"><thead><tr>");
        header(h, List.of("grade", "#leads", "#won", "#rate", "#changePoints", "#cycleDays", "#responseMedianHours",
                "#slaKept"), language);
        h.append("</thead><tbody>");
        for (ReportViews.ReviewSourceRow g : r.byGrade()) {
            Views.ConversionRow now = g.now();
            if (now == null) {
                continue;
            }
            ReportViews.ResponseRow rt = response.get(now.group().get("grade"));
            h.append("<tr>");
            text(h, now.labels().get("grade"));
            number(h, new Value(String.valueOf(now.leads()), null), language, notes);
            number(h, new Value(String.valueOf(now.won()), null), language, notes);
            number(h, Value.of(now.conversionRate().percent(), Reason.NO_LEADS), language, notes);
            number(h, Value.of(g.rateChangePoints() == null ? null : signed(g.rateChangePoints()),
                    Reason.NO_PREVIOUS), language, notes);
            number(h, Value.of(plain(now.averageCycleDays()), Reason.NO_WON), language, notes);
            number(h, Value.of(rt == null ? null : plain(rt.firstResponseMedianHours()), Reason.NO_RESPONSE), language,
                    notes);
            number(h, Value.of(rt == null ? null : rt.slaKept().percent(), Reason.NO_ASSIGNED), language, notes);
            h.append("</tr>");
        }
        return h.append("</tbody></table>").toString();
    }

    /**
     * Header cells, each the bundle's {@code column.<name>}; a leading # marks a numeric column (right-aligned like
     * its numbers).
     */
    private static void header(StringBuilder h, List<String> columns, Language language) {
        for (String c : columns) {
            boolean num = c.startsWith("#");
            h.append(num ? "<th class=\"num\">" : "<th>")
                    .append(words(language, "column." + (num ? c.substring(1) : c))).append("</th>");
        }
        h.append("</tr>");
    }

    /** Joined two at a time ({@code suggestions.join}), so a language chooses its separator without edge spaces. */
    private static String suggestions(List<Views.SuggestionView> suggestions, Language language) {
        String list = "";
        for (int i = 0; i < suggestions.size(); i++) {
            String item = suggestions.get(i).text();
            list = i == 0 ? item : ReviewWords.text(language, "suggestions.join", list, item);
        }
        return list;
    }

    private static void text(StringBuilder h, String value) {
        h.append("<td>").append(esc(value)).append("</td>");
    }

    private static void number(StringBuilder h, Value v, Language language, Set<Reason> notes) {
        if (v.text() != null) {
            h.append("<td class=\"num\">").append(esc(v.text())).append("</td>");
        } else {
            notes.add(v.missing());
            h.append("<td class=\"num empty\" title=\"").append(v.missing().html(language)).append("\">").append(EMPTY)
                    .append("</td>");
        }
    }

    private static String inline(Value v, Language language, Set<Reason> notes) {
        if (v.text() != null) {
            return esc(v.text());
        }
        notes.add(v.missing());
        return "<span class=\"empty\" title=\"" + v.missing().html(language) + "\">" + EMPTY + "</span>";
    }

    /** The reasons behind the table's or chart's "—", spelled out for a printed page (where no title shows). */
    private static String notes(Set<Reason> reasons, Language language) {
        if (reasons.isEmpty()) {
            return "";
        }
        StringBuilder h = new StringBuilder("<p class=\"note\">");
        for (Reason reason : reasons) {
            h.append(words(language, "note", EMPTY, reason.html(language)));
        }
        return h.append("</p>").toString();
    }

    private static List<Bar> rateBars(List<ReportViews.ReviewSourceRow> rows, String dim) {
        List<Bar> bars = new ArrayList<>();
        for (ReportViews.ReviewSourceRow row : rows) {
            if (row.now() != null) {
                bars.add(rate(row.now().labels().get(dim), row.now().conversionRate(), Reason.NO_LEADS));
            }
        }
        return bars;
    }

    private static Bar rate(String label, Views.RateView rate, Reason ifMissing) {
        BigDecimal v = rate.value();
        return new Bar(label, v == null ? null : v.movePointRight(2), Value.of(rate.percent(), ifMissing));
    }

    private static Bar count(String label, long n) {
        return new Bar(label, BigDecimal.valueOf(n), new Value(String.valueOf(n), null));
    }

    private static ChartScale counts(List<Bar> bars) {
        return ChartScale.counts(bars.stream().map(Bar::value).filter(Objects::nonNull).toList());
    }

    /**
     * Horizontal bars on the chart's one scale, with the axis drawn and its ticks labelled under them. A value
     * that does not exist draws no bar and shows "—" with the reason (a title, and a note under the chart).
     */
    private static String chart(String name, List<Bar> bars, ChartScale scale, Language language) {
        String range = "0–" + scale.max().stripTrailingZeros().toPlainString() + scale.unit();
        StringBuilder h = new StringBuilder("<p class=\"scale\">").append(words(language, "chart.scale", esc(range)))
                .append("</p>");
        if (bars.isEmpty()) {
            return h.append("<p class=\"note\">").append(words(language, "chart.none")).append("</p>").toString();
        }
        int axisY = bars.size() * ROW_HEIGHT + 4;
        int height = axisY + 28;
        h.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" data-chart=\"").append(name)
                .append("\" width=\"").append(PLOT_X + PLOT_WIDTH + 80).append("\" height=\"").append(height)
                .append("\" role=\"img\" aria-label=\"").append(esc(range)).append("\">");
        for (BigDecimal t : scale.ticks()) {
            double x = PLOT_X + PLOT_WIDTH * scale.share(t);
            h.append("<line class=\"grid\" x1=\"").append(px(x)).append("\" x2=\"").append(px(x))
                    .append("\" y1=\"0\" y2=\"").append(axisY + 4).append("\" stroke=\"#e2e2e2\"/>")
                    .append("<text class=\"tick\" x=\"").append(px(x)).append("\" y=\"").append(axisY + 18)
                    .append("\" font-size=\"11\" text-anchor=\"middle\" fill=\"#555\">")
                    .append(t.stripTrailingZeros().toPlainString()).append(esc(scale.unit())).append("</text>");
        }
        h.append("<line class=\"axis\" x1=\"").append(PLOT_X).append("\" x2=\"").append(PLOT_X + PLOT_WIDTH)
                .append("\" y1=\"").append(axisY).append("\" y2=\"").append(axisY).append("\" stroke=\"#333\"/>");
        Set<Reason> notes = new LinkedHashSet<>();
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            int y = i * ROW_HEIGHT + 4;
            double width = PLOT_WIDTH * scale.share(b.value());
            h.append("<g class=\"bar-row\">");
            if (b.shown().text() == null) {
                notes.add(b.shown().missing());
                h.append("<title>").append(b.shown().missing().html(language)).append("</title>");
            }
            h.append("<text class=\"bar-label\" x=\"0\" y=\"").append(y + 14).append("\" font-size=\"13\">")
                    .append(esc(b.label())).append("</text>");
            if (b.value() != null) {
                h.append("<rect class=\"bar\" x=\"").append(PLOT_X).append("\" y=\"").append(y).append("\" width=\"")
                        .append(px(width)).append("\" height=\"18\" fill=\"#4a7bd0\"/>");
            }
            h.append("<text class=\"bar-value\" x=\"").append(px(PLOT_X + width + 6)).append("\" y=\"").append(y + 14)
                    .append("\" font-size=\"12\">");
            h.append(b.shown().text() != null ? esc(b.shown().text()) : EMPTY).append("</text></g>");
        }
        return h.append("</svg>").append(notes(notes, language)).toString();
    }

    /** A trend's word ({@code trend.<code>}); a trend the bundle has no word for shows as its code. */
    private static String trend(String code, Language language) {
        String key = "trend." + code;
        return ReviewWords.has(language, key) ? words(language, key) : esc(code);
    }

    /** The bundle's words as HTML: see {@link ReviewWords#html(Language, String, String...)}. */
    private static String words(Language language, String key, String... html) {
        return ReviewWords.html(language, key, html);
    }

    private static String px(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String plain(BigDecimal v) {
        return v == null ? null : v.toPlainString();
    }

    private static String signed(BigDecimal v) {
        return (v.signum() > 0 ? "+" : "") + v.toPlainString();
    }

    static String esc(String s) {
        return io.leadflow.events.rest.Html.escape(s);
    }
}
