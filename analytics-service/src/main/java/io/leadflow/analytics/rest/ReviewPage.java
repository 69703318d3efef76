package io.leadflow.analytics.rest;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.leadflow.analytics.domain.Finding;
import io.leadflow.analytics.service.ReportViews;
import io.leadflow.analytics.service.Views;

/**
 * The monthly review as a printable page (charts drawn server-side as inline SVG, no script, no external assets)
 * and as long-format CSV rows (section, group, metric, value, previous, change).
 */
final class ReviewPage {

    private ReviewPage() {
    }

    static List<List<Object>> csvRows(ReportViews.Review r) {
        List<List<Object>> rows = new ArrayList<>();
        conversionRows(rows, "total", "", r.total(), r.totalBefore());
        for (ReportViews.ReviewSourceRow s : r.bySource()) {
            conversionRows(rows, "source", key(s, "source"), s.now(), s.before());
        }
        for (ReportViews.ReviewSourceRow s : r.byGrade()) {
            conversionRows(rows, "grade", key(s, "grade"), s.now(), s.before());
        }
        for (ReportViews.FunnelStepView f : r.funnel().steps()) {
            rows.add(Arrays.asList("funnel", f.stage(), "reached", f.reached(), null, null));
            rows.add(Arrays.asList("funnel", f.stage(), "median_days_in_stage", f.medianDaysInStage(), null, null));
        }
        for (ReportViews.ResponseRow t : r.responseTimes().rows()) {
            String g = t.group().get("grade");
            rows.add(Arrays.asList("response_times", g, "first_response_median_hours", t.firstResponseMedianHours(),
                    null, null));
            rows.add(Arrays.asList("response_times", g, "first_response_p90_hours", t.firstResponseP90Hours(), null,
                    null));
            rows.add(Arrays.asList("response_times", g, "sla_kept_rate", t.slaKept().value(), null, null));
        }
        r.cycleDaysHistogram().forEach((days, n) -> rows.add(Arrays.asList("cycle_days", days, "won", n, null, null)));
        for (Finding f : r.findings()) {
            rows.add(Arrays.asList("insight", f.rule() + ":" + f.subject(), "metric", f.metric(), f.previousMetric(),
                    f.trend()));
        }
        return rows;
    }

    private static String key(ReportViews.ReviewSourceRow s, String dim) {
        Views.ConversionRow any = s.now() != null ? s.now() : s.before();
        return any.group().get(dim);
    }

    private static void conversionRows(List<List<Object>> rows, String section, String group, Views.ConversionRow now,
                                       Views.ConversionRow before) {
        metric(rows, section, group, "leads", now == null ? null : BigDecimal.valueOf(now.leads()),
                before == null ? null : BigDecimal.valueOf(before.leads()));
        metric(rows, section, group, "won", now == null ? null : BigDecimal.valueOf(now.won()),
                before == null ? null : BigDecimal.valueOf(before.won()));
        metric(rows, section, group, "conversion_rate", now == null ? null : now.conversionRate().value(),
                before == null ? null : before.conversionRate().value());
        metric(rows, section, group, "average_cycle_days", now == null ? null : now.averageCycleDays(),
                before == null ? null : before.averageCycleDays());
        metric(rows, section, group, "won_amount", now == null ? null : now.wonAmount().amount(),
                before == null ? null : before.wonAmount().amount());
    }

    private static void metric(List<List<Object>> rows, String section, String group, String name, BigDecimal now,
                               BigDecimal before) {
        rows.add(Arrays.asList(section, group, name, now, before,
                now == null || before == null ? null : now.subtract(before)));
    }

    static String render(ReportViews.Review r, boolean zh) {
        StringBuilder h = new StringBuilder();
        String title = zh ? r.month() + " 销售复盘" : "Sales review " + r.month();
        h.append("<!DOCTYPE html><html lang=\"").append(zh ? "zh-CN" : "en").append("\"><head><meta charset=\"utf-8\">")
                .append("<title>").append(esc(title)).append("</title><style>")
                .append("body{font-family:system-ui,'PingFang SC','Microsoft YaHei',sans-serif;margin:2em;color:#222}")
                .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;")
                .append("text-align:right}th:first-child,td:first-child{text-align:left}h2{margin-top:1.5em}")
                .append(".worse{color:#b00}.better{color:#070}@media print{h2{page-break-after:avoid}}")
                .append("</style></head><body>");
        h.append("<h1>").append(esc(title)).append("</h1>");
        Views.ConversionRow t = r.total();
        h.append("<p>").append(zh ? "线索 " : "Leads ").append(t.leads()).append(zh ? ",成交 " : ", won ")
                .append(t.won()).append(zh ? ",转化率 " : ", conversion ").append(esc(t.conversionRate().percent()))
                .append(r.rateChangePoints() == null ? "" : " (" + signed(r.rateChangePoints())
                        + (zh ? " 个百分点,对比 " : " points vs ") + r.previousMonth() + ")")
                .append(zh ? ",平均转化周期 " : ", average cycle ").append(text(t.averageCycleDays()))
                .append(zh ? " 天" : " days").append("</p>");

        h.append("<h2>").append(zh ? "各来源转化率" : "Conversion by source").append("</h2>");
        h.append(bars(rateBars(r.bySource(), "source"), "%"));
        h.append(sourceTable(r.sources(), zh));
        h.append("<h2>").append(zh ? "各意向等级转化率" : "Conversion by grade").append("</h2>");
        h.append(bars(rateBars(r.byGrade(), "grade"), "%"));
        h.append("<h2>").append(zh ? "销售漏斗" : "Funnel").append("</h2>");
        List<Object[]> funnel = new ArrayList<>();
        for (ReportViews.FunnelStepView s : r.funnel().steps()) {
            funnel.add(new Object[] {s.label(), BigDecimal.valueOf(s.reached())});
        }
        h.append(bars(funnel, ""));
        h.append("<h2>").append(zh ? "转化周期分布(天)" : "Conversion cycle (days)").append("</h2>");
        List<Object[]> cycle = new ArrayList<>();
        for (Map.Entry<Long, Long> e : r.cycleDaysHistogram().entrySet()) {
            cycle.add(new Object[] {e.getKey() + (zh ? " 天" : " d"), BigDecimal.valueOf(e.getValue())});
        }
        h.append(cycle.isEmpty() ? "<p>" + (zh ? "本月无成交" : "No deals this month") + "</p>" : bars(cycle, ""));
        h.append("<h2>").append(zh ? "首次响应 SLA 达成率" : "First-response SLA kept").append("</h2>");
        List<Object[]> sla = new ArrayList<>();
        for (ReportViews.ResponseRow row : r.responseTimes().rows()) {
            BigDecimal v = row.slaKept().value();
            sla.add(new Object[] {row.labels().get("grade"), v == null ? BigDecimal.ZERO : v.movePointRight(2)});
        }
        h.append(bars(sla, "%"));
        h.append("<h2>").append(zh ? "发现与建议" : "Findings and actions").append("</h2><ul>");
        if (r.findings().isEmpty()) {
            h.append("<li>").append(zh ? "本月无异常" : "Nothing stands out this month").append("</li>");
        }
        for (Finding f : r.findings()) {
            String trend = f.trend() == null ? "" : f.trend();
            h.append("<li class=\"").append(trend.equals("WORSE") || trend.equals("NEW") ? "worse"
                            : trend.equals("BETTER") || trend.equals("RESOLVED") ? "better" : "")
                    .append("\"><strong>").append(esc(f.title())).append("</strong> [").append(esc(trend))
                    .append("] ").append(esc(f.detail())).append(" → ").append(esc(f.action())).append("</li>");
        }
        h.append("</ul></body></html>");
        return h.toString();
    }

    private static String sourceTable(Views.SourceTable table, boolean zh) {
        StringBuilder h = new StringBuilder("<table><tr>");
        for (String c : zh ? List.of("线索来源", "线索数量", "成交数量", "转化率", "平均转化周期", "主要转化因素", "主要流失因素",
                "优化建议") : List.of("Source", "Leads", "Won", "Rate", "Avg cycle", "Win factors", "Loss reasons",
                "Suggestions")) {
            h.append("<th>").append(esc(c)).append("</th>");
        }
        h.append("</tr>");
        for (Views.SourceRow s : table.rows()) {
            h.append("<tr><td>").append(esc(s.sourceLabel())).append("</td><td>").append(s.leads())
                    .append("</td><td>").append(s.won()).append("</td><td>").append(esc(s.conversionRate().percent()))
                    .append("</td><td>").append(text(s.averageCycleDays())).append(zh ? "天" : " d")
                    .append("</td><td>").append(esc(ConversionResource.counted(s.winFactors())))
                    .append("</td><td>").append(esc(ConversionResource.counted(s.lossReasons())))
                    .append("</td><td>").append(esc(String.join(zh ? ";" : "; ",
                            s.suggestions().stream().map(x -> x.text()).toList()))).append("</td></tr>");
        }
        return h.append("</table>").toString();
    }

    private static List<Object[]> rateBars(List<ReportViews.ReviewSourceRow> rows, String dim) {
        List<Object[]> bars = new ArrayList<>();
        for (ReportViews.ReviewSourceRow row : rows) {
            if (row.now() == null) {
                continue;
            }
            BigDecimal v = row.now().conversionRate().value();
            bars.add(new Object[] {row.now().labels().get(dim), v == null ? BigDecimal.ZERO : v.movePointRight(2)});
        }
        return bars;
    }

    /** Horizontal bars: label, bar scaled to the largest value, the value. */
    private static String bars(List<Object[]> data, String unit) {
        if (data.isEmpty()) {
            return "<p>-</p>";
        }
        BigDecimal max = data.stream().map(d -> (BigDecimal) d[1]).reduce(BigDecimal.ONE, BigDecimal::max);
        int rowHeight = 22;
        StringBuilder s = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"")
                .append(data.size() * rowHeight + 4).append("\" role=\"img\">");
        for (int i = 0; i < data.size(); i++) {
            BigDecimal v = (BigDecimal) data.get(i)[1];
            int width = v.multiply(BigDecimal.valueOf(400)).divide(max, 0, java.math.RoundingMode.HALF_UP).intValue();
            int y = i * rowHeight + 2;
            s.append("<text x=\"0\" y=\"").append(y + 15).append("\" font-size=\"13\">")
                    .append(esc(String.valueOf(data.get(i)[0]))).append("</text>")
                    .append("<rect x=\"140\" y=\"").append(y + 2).append("\" width=\"").append(width)
                    .append("\" height=\"16\" fill=\"#4a7bd0\"/>")
                    .append("<text x=\"").append(146 + width).append("\" y=\"").append(y + 15)
                    .append("\" font-size=\"12\">").append(v.stripTrailingZeros().toPlainString()).append(unit)
                    .append("</text>");
        }
        return s.append("</svg>").toString();
    }

    private static String signed(BigDecimal v) {
        return (v.signum() > 0 ? "+" : "") + v.toPlainString();
    }

    private static String text(BigDecimal v) {
        return v == null ? "-" : v.toPlainString();
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
