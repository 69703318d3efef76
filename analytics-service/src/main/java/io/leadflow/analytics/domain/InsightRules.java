package io.leadflow.analytics.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

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
 * A finding's title, detail and action are {@link Wording}s keyed {@code insight.<RULE>.title}, {@code .detail} and
 * {@code .action} (with a variant where the action depends on what was found); the edge words them.
 */
public final class InsightRules {

    private final InsightThresholds t;

    public InsightRules(InsightThresholds thresholds) {
        this.t = thresholds;
    }

    /** Findings of {@code current}, each marked against {@code previous} (null: no comparison). */
    public List<Finding> evaluate(InsightInput current, InsightInput previous) {
        List<Finding> now = findings(current);
        if (previous == null) {
            return now;
        }
        Map<String, Finding> before = findings(previous).stream()
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

    public List<Finding> findings(InsightInput in) {
        List<Finding> out = new ArrayList<>();
        highIntent(in, out);
        sourcesLowConversion(in, out);
        longCycle(in, out);
        breachConcentration(in.breachesByOwner(), "OWNER", out);
        breachConcentration(in.breachesBySource(), "SOURCE", out);
        dominantLoss(in, out);
        return out;
    }

    private void highIntent(InsightInput in, List<Finding> out) {
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
        out.add(finding("HIGH_INTENT_LOW_CONVERSION", t.highGrade(), "action", rate, true, numbers,
                high.counts().leads(), high.counts().won(), high.conversionRate().percent(),
                Rate.of(t.highIntentMinRate().movePointRight(4).longValue(), 10000).percent(), text(median), text(p90),
                t.highIntentResponseHours(), within, minutes.count()));
    }

    private void sourcesLowConversion(InsightInput in, List<Finding> out) {
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
            out.add(finding("SOURCE_MANY_LEADS_LOW_CONVERSION", source, "action", rate, true, numbers,
                    Wording.Code.source(source), Rate.of(s.counts().leads(), all).percent(), s.counts().leads(),
                    s.conversionRate().percent(), in.overall().conversionRate().percent(),
                    new Wording.ReasonCounts(rejections), new Wording.ReasonCounts(losses)));
        });
    }

    private void longCycle(InsightInput in, List<Finding> out) {
        BigDecimal avg = in.overall().averageCycleDays();
        if (avg == null || avg.compareTo(BigDecimal.valueOf(t.longCycleDays())) <= 0) {
            return;
        }
        Map<String, Object> numbers = new LinkedHashMap<>();
        numbers.put("won", in.overall().counts().won());
        numbers.put("averageCycleDays", avg);
        numbers.put("medianCycleDays", in.overall().medianCycleDays());
        numbers.put("thresholdDays", t.longCycleDays());
        out.add(finding("LONG_CYCLE", "ALL", "action", avg, false, numbers, avg, in.overall().medianCycleDays(),
                t.longCycleDays()));
    }

    private void breachConcentration(Map<String, Long> breaches, String kind, List<Finding> out) {
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
            // an owner is named by id, which has no word in any language
            Object who = kind.equals("SOURCE") ? Wording.Code.source(top.value()) : top.value();
            Map<String, Object> numbers = new LinkedHashMap<>();
            numbers.put(kind.equals("OWNER") ? "ownerId" : "source", top.value());
            numbers.put("breaches", top.count());
            numbers.put("allBreaches", total);
            numbers.put("share", share);
            out.add(finding("SLA_BREACHES_CONCENTRATED", kind + ":" + top.value(), "action." + kind, share, false,
                    numbers, who, top.count(), total, Rate.of(top.count(), total).percent()));
        }
    }

    private void dominantLoss(InsightInput in, List<Finding> out) {
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
            Map<String, Object> numbers = new LinkedHashMap<>();
            numbers.put("source", source);
            numbers.put("lost", lost);
            numbers.put("reason", reason.value());
            numbers.put("count", reason.count());
            numbers.put("share", share);
            out.add(finding("LOSS_REASON_DOMINANT", source + ":" + reason.value(), "action." + remedy(reason.value()),
                    share, false, numbers, Wording.Code.source(source), lost, Wording.Code.reason(reason.value()),
                    reason.count(), Rate.of(reason.count(), lost).percent()));
        });
    }

    /**
     * A rule's three sentences take the same arguments, so a translator reads one list per rule (in the bundle) and
     * any sentence may name any of them.
     *
     * @param action the action's key under the rule's: {@code action}, or {@code action.<VARIANT>} when the action
     *               depends on what was found
     */
    private static Finding finding(String rule, String subject, String action, BigDecimal metric,
                                   boolean higherIsBetter, Map<String, Object> numbers, Object... args) {
        return new Finding(rule, subject, say(rule, "title", args), say(rule, "detail", args), numbers,
                say(rule, action, args), metric, higherIsBetter, null, null, null);
    }

    /** The template's remedy for a loss reason, by its family; a family without one of its own is reviewed. */
    private static String remedy(String reason) {
        Reasons.Family family = Reasons.family(reason);
        return switch (family) {
            case BUDGET, RESPONSE, NEED_FIT, COMPETITOR, TIMING -> family.name();
            default -> "OTHER";
        };
    }

    private static Wording say(String rule, String part, Object[] args) {
        return Wording.of("insight." + rule + "." + part, args);
    }

    private static BigDecimal hours(BigDecimal minutes) {
        return minutes == null ? null : minutes.divide(BigDecimal.valueOf(60), 1, RoundingMode.HALF_UP);
    }

    /** A figure nobody measured reads as a dash in either language. */
    private static String text(BigDecimal v) {
        return v == null ? "-" : v.toPlainString();
    }
}
