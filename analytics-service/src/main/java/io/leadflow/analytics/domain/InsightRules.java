package io.leadflow.analytics.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.leadflow.events.vocabulary.Language;

/**
 * The template's step 4.2 as rules: each looks at one period's numbers and names a problem with the numbers behind
 * it and the action the template recommends.
 * <ul>
 * <li>HIGH_INTENT_LOW_CONVERSION — high-intent leads convert below the threshold: check response speed (measured
 * first-response times beside it) and solution fit;</li>
 * <li>SOURCE_MANY_LEADS_LOW_CONVERSION — a source brings many leads but converts well below the overall rate:
 * tighten that channel's screening (its rejection and loss reasons beside it);</li>
 * <li>LONG_CYCLE — the average cycle is long: shorten follow-up intervals or simplify the decision process;</li>
 * <li>SLA_BREACHES_CONCENTRATED — one owner or source holds most first-response breaches;</li>
 * <li>LOSS_REASON_DOMINANT — one cause accounts for most of a source's losses.</li>
 * </ul>
 */
public final class InsightRules {

    private final InsightThresholds t;

    public InsightRules(InsightThresholds thresholds) {
        this.t = thresholds;
    }

    /** Findings of {@code current}, each marked against {@code previous} (null: no comparison). */
    public List<Finding> evaluate(InsightInput current, InsightInput previous, Language language) {
        List<Finding> now = findings(current, language);
        if (previous == null) {
            return now;
        }
        Map<String, Finding> before = findings(previous, language).stream()
                .collect(Collectors.toMap(Finding::key, Function.identity(), (a, b) -> a, LinkedHashMap::new));
        List<Finding> out = new ArrayList<>();
        for (Finding f : now) {
            Finding old = before.remove(f.key());
            if (old == null) {
                out.add(f.withTrend("NEW", null));
            } else {
                int c = f.metric().compareTo(old.metric());
                String trend = c == 0 ? "UNCHANGED" : (c > 0) == f.higherIsBetter() ? "BETTER" : "WORSE";
                out.add(f.withTrend(trend, old.metric()));
            }
        }
        before.values().forEach(f -> out.add(f.withTrend("RESOLVED", f.metric())));
        return out;
    }

    public List<Finding> findings(InsightInput in, Language language) {
        List<Finding> out = new ArrayList<>();
        highIntent(in, language, out);
        sourcesLowConversion(in, language, out);
        longCycle(in, language, out);
        breachConcentration(in.breachesByOwner(), "OWNER", language, out);
        breachConcentration(in.breachesBySource(), "SOURCE", language, out);
        dominantLoss(in, language, out);
        return out;
    }

    private void highIntent(InsightInput in, Language language, List<Finding> out) {
        ConversionStats high = in.byGrade().get(t.highGrade());
        if (high == null || high.counts().leads() < t.minLeads()) {
            return;
        }
        BigDecimal rate = high.conversionRate().value();
        if (rate == null || rate.compareTo(t.highIntentMinRate()) >= 0) {
            return;
        }
        Distribution minutes = in.highGradeResponseMinutes();
        BigDecimal median = hours(minutes.median());
        BigDecimal p90 = minutes.percentile(90) == null ? null : hours(BigDecimal.valueOf(minutes.percentile(90)));
        long within = minutes.countAtMost(t.highIntentResponseHours() * 60);
        Map<String, Object> numbers = new LinkedHashMap<>();
        numbers.put("leads", high.counts().leads());
        numbers.put("won", high.counts().won());
        numbers.put("conversionRate", rate);
        numbers.put("threshold", t.highIntentMinRate());
        numbers.put("firstResponseMedianHours", median);
        numbers.put("firstResponseP90Hours", p90);
        numbers.put("respondedWithinPromise", within);
        numbers.put("responded", minutes.count());
        numbers.put("slaBreaches", in.highGradeBreaches());
        String pct = high.conversionRate().percent();
        out.add(finding("HIGH_INTENT_LOW_CONVERSION", t.highGrade(),
                language.pick("高意向线索转化率偏低", "High-intent leads convert poorly"),
                language.chinese() ? "高意向线索 " + high.counts().leads() + " 条成交 " + high.counts().won() + " 条,转化率 " + pct
                        + ",低于 " + Rate.of(t.highIntentMinRate().movePointRight(4).longValue(), 10000).percent()
                        + ";首次响应中位数 " + text(median) + " 小时,P90 " + text(p90) + " 小时,"
                        + t.highIntentResponseHours() + " 小时内响应 " + within + "/" + minutes.count()
                        : high.counts().won() + " of " + high.counts().leads() + " high-intent leads won (" + pct
                        + "); first response median " + text(median) + " h, p90 " + text(p90) + " h, "
                        + within + " of " + minutes.count() + " answered within " + t.highIntentResponseHours() + " h",
                language.chinese() ? "检查跟进响应速度(承诺 " + t.highIntentResponseHours() + " 小时内首次响应)和方案匹配度"
                        : "Check response speed (first response promised within " + t.highIntentResponseHours()
                        + " h) and how well the proposal fits the need",
                rate, true, numbers));
    }

    private void sourcesLowConversion(InsightInput in, Language language, List<Finding> out) {
        long all = in.overall().counts().leads();
        BigDecimal overallRate = in.overall().conversionRate().value();
        if (all == 0 || overallRate == null) {
            return;
        }
        BigDecimal bar = overallRate.multiply(t.lowConversionFactor());
        in.bySource().forEach((source, s) -> {
            if (source == null || s.counts().leads() < t.minLeads()) {
                return;
            }
            BigDecimal share = BigDecimal.valueOf(s.counts().leads())
                    .divide(BigDecimal.valueOf(all), 4, RoundingMode.HALF_UP);
            BigDecimal rate = s.conversionRate().value();
            if (share.compareTo(t.manyLeadsShare()) < 0 || rate.compareTo(bar) >= 0) {
                return;
            }
            List<Ranking.Counted> rejections = Ranking.top(in.rejectionReasonsBySource().getOrDefault(source,
                    Map.of()), 3);
            List<Ranking.Counted> losses = Ranking.top(in.lossReasonsBySource().getOrDefault(source, Map.of()), 3);
            Map<String, Object> numbers = new LinkedHashMap<>();
            numbers.put("leads", s.counts().leads());
            numbers.put("shareOfLeads", share);
            numbers.put("won", s.counts().won());
            numbers.put("conversionRate", rate);
            numbers.put("overallConversionRate", overallRate);
            numbers.put("rejected", s.counts().rejected());
            numbers.put("rejectionReasons", rejections);
            numbers.put("lossReasons", losses);
            String label = Vocabulary.label(Dimension.SOURCE, source, language);
            out.add(finding("SOURCE_MANY_LEADS_LOW_CONVERSION", source,
                    language.pick(label + "线索数量多但转化率低", label + " brings many leads but converts poorly"),
                    language.chinese() ? label + "占线索 " + Rate.of(s.counts().leads(), all).percent() + "(" + s.counts().leads()
                            + " 条),转化率 " + s.conversionRate().percent() + ",整体 "
                            + in.overall().conversionRate().percent() + ";主要剔除原因:" + words(rejections, language)
                            + ";主要流失原因:" + words(losses, language)
                            : label + " is " + Rate.of(s.counts().leads(), all).percent() + " of leads ("
                            + s.counts().leads() + ") converting at " + s.conversionRate().percent() + " against "
                            + in.overall().conversionRate().percent() + " overall; rejected for "
                            + words(rejections, language) + "; lost to " + words(losses, language),
                    language.pick("优化" + label + "渠道的线索筛选标准", "Tighten the screening standard of " + label),
                    rate, true, numbers));
        });
    }

    private void longCycle(InsightInput in, Language language, List<Finding> out) {
        BigDecimal avg = in.overall().averageCycleDays();
        if (avg == null || avg.compareTo(BigDecimal.valueOf(t.longCycleDays())) <= 0) {
            return;
        }
        Map<String, Object> numbers = new LinkedHashMap<>();
        numbers.put("won", in.overall().counts().won());
        numbers.put("averageCycleDays", avg);
        numbers.put("medianCycleDays", in.overall().medianCycleDays());
        numbers.put("thresholdDays", t.longCycleDays());
        out.add(finding("LONG_CYCLE", "ALL", language.pick("平均转化周期过长", "The conversion cycle is long"),
                language.chinese() ? "平均转化周期 " + avg + " 天(中位数 " + in.overall().medianCycleDays() + " 天),超过 "
                        + t.longCycleDays() + " 天"
                        : "Average cycle " + avg + " days (median " + in.overall().medianCycleDays() + "), above "
                        + t.longCycleDays() + " days",
                language.pick("缩短跟进间隔或简化决策流程", "Shorten follow-up intervals or simplify the decision process"),
                avg, false, numbers));
    }

    private void breachConcentration(Map<String, Long> breaches, String kind, Language language, List<Finding> out) {
        long total = Ranking.total(breaches);
        if (total < t.minBreaches()) {
            return;
        }
        for (Ranking.Counted top : Ranking.top(breaches, 1)) {
            BigDecimal share = BigDecimal.valueOf(top.count()).divide(BigDecimal.valueOf(total), 4,
                    RoundingMode.HALF_UP);
            if (share.compareTo(t.breachConcentrationShare()) < 0) {
                continue;
            }
            String who = kind.equals("SOURCE") ? Vocabulary.label(Dimension.SOURCE, top.value(), language) : top.value();
            Map<String, Object> numbers = new LinkedHashMap<>();
            numbers.put(kind.equals("OWNER") ? "ownerId" : "source", top.value());
            numbers.put("breaches", top.count());
            numbers.put("allBreaches", total);
            numbers.put("share", share);
            out.add(finding("SLA_BREACHES_CONCENTRATED", kind + ":" + top.value(),
                    language.pick("首次响应超时集中在" + who, "First-response breaches concentrate on " + who),
                    language.chinese() ? who + " 占首次响应超时 " + top.count() + "/" + total + "(" + Rate.of(top.count(), total)
                            .percent() + ")"
                            : who + " holds " + top.count() + " of " + total + " breaches ("
                            + Rate.of(top.count(), total).percent() + ")",
                    kind.equals("OWNER")
                            ? (language.chinese() ? "复核该跟进人的线索负载与首次响应安排,必要时重新分配"
                            : "Review this owner's load and first-response routine; reassign if needed")
                            : language.pick("为该来源设置更短的响应时限并优先分配",
                            "Give this source a tighter response SLA and assign it first"),
                    share, false, numbers));
        }
    }

    private void dominantLoss(InsightInput in, Language language, List<Finding> out) {
        in.lossReasonsBySource().forEach((source, reasons) -> {
            long lost = Ranking.total(reasons);
            if (source == null || lost < t.minLost()) {
                return;
            }
            List<Ranking.Counted> top = Ranking.top(reasons, 1);
            if (top.size() != 1) {
                return; // a tie has no single dominant cause
            }
            Ranking.Counted reason = top.get(0);
            BigDecimal share = BigDecimal.valueOf(reason.count()).divide(BigDecimal.valueOf(lost), 4,
                    RoundingMode.HALF_UP);
            if (share.compareTo(t.dominantLossShare()) < 0) {
                return;
            }
            String label = Vocabulary.label(Dimension.SOURCE, source, language);
            String why = Reasons.label(reason.value(), language);
            Map<String, Object> numbers = new LinkedHashMap<>();
            numbers.put("source", source);
            numbers.put("lost", lost);
            numbers.put("reason", reason.value());
            numbers.put("count", reason.count());
            numbers.put("share", share);
            out.add(finding("LOSS_REASON_DOMINANT", source + ":" + reason.value(),
                    language.pick(label + "流失主要因为" + why, label + " leads are mostly lost to " + why),
                    language.chinese() ? label + "流失 " + lost + " 条,其中" + why + " " + reason.count() + " 条("
                            + Rate.of(reason.count(), lost).percent() + ")"
                            : reason.count() + " of " + lost + " lost " + label + " leads (" + Rate.of(reason.count(),
                            lost).percent() + "): " + why,
                    action(reason.value(), label, language), share, false, numbers));
        });
    }

    private static Finding finding(String rule, String subject, String title, String detail, String action,
                                   BigDecimal metric, boolean higherIsBetter, Map<String, Object> numbers) {
        return new Finding(rule, subject, title, detail, numbers, action, metric, higherIsBetter, null, null, null);
    }

    private static String action(String reason, String label, Language language) {
        return switch (Reasons.family(reason)) {
            case BUDGET -> language.pick("增加" + label + "前客户筛选,提前沟通预算", "Qualify budget early for " + label);
            case RESPONSE -> language.pick("缩短" + label + "线索响应时间至24小时内", "Answer " + label + " leads within 24 hours");
            case NEED_FIT -> language.pick("优化" + label + "渠道的线索筛选标准", "Tighten the screening of " + label);
            case COMPETITOR -> language.pick("方案中补充竞品对比", "Add a competitor comparison to proposals");
            case TIMING -> language.pick("将暂不决策的客户转入培育,定期推送资讯", "Move undecided customers to nurturing");
            default -> language.pick("在销售复盘会上复盘该原因并制定对策", "Review this cause at the monthly sales review");
        };
    }

    private static String words(List<Ranking.Counted> counted, Language language) {
        if (counted.isEmpty()) {
            return language.pick("无", "none");
        }
        return counted.stream().map(c -> Reasons.label(c.value(), language) + " " + c.count())
                .collect(Collectors.joining(language.pick("、", ", ")));
    }

    private static BigDecimal hours(BigDecimal minutes) {
        return minutes == null ? null : minutes.divide(BigDecimal.valueOf(60), 1, RoundingMode.HALF_UP);
    }

    private static String text(BigDecimal v) {
        return v == null ? "-" : v.toPlainString();
    }
}
