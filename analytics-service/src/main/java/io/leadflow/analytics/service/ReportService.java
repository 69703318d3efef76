package io.leadflow.analytics.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadflow.analytics.config.AnalyticsConfig;
import io.leadflow.analytics.domain.Cohort;
import io.leadflow.analytics.domain.ConversionStats;
import io.leadflow.analytics.domain.Dimension;
import io.leadflow.analytics.domain.Distribution;
import io.leadflow.analytics.domain.FunnelStep;
import io.leadflow.analytics.domain.InsightInput;
import io.leadflow.analytics.domain.InsightRules;
import io.leadflow.analytics.domain.InvalidQueryException;
import io.leadflow.analytics.domain.LeadFilter;
import io.leadflow.analytics.domain.Period;
import io.leadflow.analytics.domain.Rate;
import io.leadflow.analytics.domain.Trials;
import io.leadflow.analytics.domain.Vocabulary;
import io.leadflow.analytics.repository.AnalyticsQueries;
import io.leadflow.analytics.repository.CohortCell;
import io.leadflow.analytics.repository.GroupKey;
import io.leadflow.analytics.repository.Histogram;
import io.leadflow.analytics.repository.PolicyVersionRepository;
import io.leadflow.analytics.repository.SlaCounts;
import io.leadflow.events.domain.NotFound;
import io.leadflow.events.rest.Page;
import io.leadflow.events.time.BusinessTime;
import io.leadflow.events.vocabulary.Language;
import io.leadflow.events.vocabulary.Stage;
import io.leadflow.events.vocabulary.Term;

/** Funnel, response times, cohorts, insights, the lead export and the monthly review. */
@ApplicationScoped
public class ReportService {

    private final AnalyticsQueries queries;
    private final ConversionService conversion;
    private final AnalyticsConfig config;
    private final Clock clock;
    private final BusinessTime businessTime;
    private final PolicyVersionRepository policyVersions;

    public ReportService(AnalyticsQueries queries, ConversionService conversion, AnalyticsConfig config, Clock clock,
                         BusinessTime businessTime, PolicyVersionRepository policyVersions) {
        this.policyVersions = policyVersions;
        this.queries = queries;
        this.conversion = conversion;
        this.config = config;
        this.clock = clock;
        this.businessTime = businessTime;
    }

    public ReportViews.Funnel funnel(LeadFilter filter, Language language) {
        Map<Integer, Long> reached = queries.funnelReach(filter, Stage.WON.rank());
        List<FunnelStep> steps = FunnelStep.build(reached, queries.hoursInStage(filter));
        var counts = conversion.total(filter).counts();
        return new ReportViews.Funnel(ConversionService.filters(filter), counts.leads(), counts.qualified(),
                counts.rejected(), steps.stream().map(s -> new ReportViews.FunnelStepView(s.stage().name(),
                        Term.STAGE.label(s.stage().name(), language), s.reached(), Views.RateView.of(s.ofAllLeads()),
                        Views.RateView.of(s.fromPreviousStep()), s.droppedHere(), s.medianDaysInStage(),
                        s.averageDaysInStage())).toList());
    }

    public ReportViews.ResponseTimes responseTimes(Dimension by, LeadFilter filter, Language language) {
        if (by != Dimension.GRADE && by != Dimension.SOURCE && by != Dimension.OWNER) {
            throw new InvalidQueryException("groupBy", "response times group by grade, source or owner");
        }
        List<Dimension> dims = List.of(by);
        Map<GroupKey, SlaCounts> sla = queries.slaCounts(dims, filter);
        Histogram minutes = queries.firstResponseMinutes(dims, filter);
        List<GroupKey> keys = new ArrayList<>(sla.keySet());
        keys.sort(ConversionService.order(dims));
        List<ReportViews.ResponseRow> rows = new ArrayList<>();
        SlaCounts sum = new SlaCounts(0, 0, 0, 0);
        // The total row's minutes: every group's, asked for at once (summing the groups' distributions would need
        // every bucket's exact minutes of every group).
        Distribution all = queries.firstResponseMinutes(List.of(), filter).of(new GroupKey(List.of()));
        for (GroupKey key : keys) {
            SlaCounts c = sla.get(key);
            Distribution d = minutes.of(key);
            sum = new SlaCounts(sum.leads() + c.leads(), sum.assigned() + c.assigned(),
                    sum.responded() + c.responded(), sum.breached() + c.breached());
            String value = key.values().get(0);
            // An unknown group is null here as in every other table (a HashMap: Map.of refuses null values).
            Map<String, String> group = new java.util.HashMap<>();
            group.put(by.key(), value);
            rows.add(responseRow(group, Map.of(by.key(), Vocabulary.label(by, value, language)), c, d));
        }
        return new ReportViews.ResponseTimes(by.key(), ConversionService.filters(filter), rows,
                responseRow(Map.of(), Map.of(), sum, all));
    }

    private static ReportViews.ResponseRow responseRow(Map<String, String> group, Map<String, String> labels,
                                                       SlaCounts c, Distribution minutes) {
        Long p90 = minutes.percentile(90);
        return new ReportViews.ResponseRow(group, labels, c.leads(), c.assigned(), c.responded(),
                hours(minutes.median()), p90 == null ? null : hours(BigDecimal.valueOf(p90)), hours(minutes.mean()),
                c.breached(), Views.RateView.of(Rate.of(c.assigned() - c.breached(), c.assigned())));
    }

    public ReportViews.Cohorts cohorts(LeadFilter filter, int maxAge) {
        if (maxAge < 0 || maxAge > 36) {
            throw new InvalidQueryException("months", "follow a cohort for 0 to 36 months");
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), businessTime.zone());
        List<ReportViews.CohortRow> rows = new ArrayList<>();
        for (CohortCell cell : queries.cohorts(filter)) {
            Cohort c = Cohort.of(cell.cohort(), cell.leads(), cell.wonByAge(), today, maxAge);
            rows.add(new ReportViews.CohortRow(c.month().toString(), c.leads(), c.won(), c.wonByAge(),
                    c.cumulativeRate().stream().map(Views.RateView::of).toList()));
        }
        return new ReportViews.Cohorts(ConversionService.filters(filter), maxAge, rows);
    }

    public ReportViews.Insights insights(LeadFilter filter, Language language) {
        InsightRules rules = new InsightRules(config.insights().thresholds());
        Period previous = filter.period().previous();
        InsightInput now = insightInput(filter);
        InsightInput before = previous == null ? null : insightInput(filter.withPeriod(previous));
        return new ReportViews.Insights(ConversionService.filters(filter),
                previous == null ? null : ConversionService.filters(filter.withPeriod(previous)),
                Trials.attach(rules.evaluate(now, before), filter.period(),
                        LocalDate.ofInstant(clock.instant(), businessTime.zone())).stream()
                        .map(f -> ReportViews.FindingView.of(f, language)).toList());
    }

    InsightInput insightInput(LeadFilter filter) {
        String high = config.insights().highGrade();
        LeadFilter highOnly = new LeadFilter(filter.period(), filter.source(), high, filter.ownerId());
        boolean otherGrade = filter.grade() != null && !filter.grade().equals(high);
        Distribution highResponse = otherGrade ? new Distribution()
                : queries.firstResponseMinutes(List.of(), highOnly).of(new GroupKey(List.of()));
        long highBreaches = otherGrade ? 0 : queries.breachesBy(highOnly, Dimension.OWNER).values().stream()
                .mapToLong(Long::longValue).sum();
        return new InsightInput(conversion.total(filter), byFirstKey(conversion.stats(List.of(Dimension.GRADE),
                filter)), byFirstKey(conversion.stats(List.of(Dimension.SOURCE), filter)), highResponse, highBreaches,
                queries.countsPerSource(filter, "lossReasons"), queries.countsPerSource(filter, "rejectionReasons"),
                queries.breachesBy(filter, Dimension.OWNER), queries.breachesBy(filter, Dimension.SOURCE));
    }

    public Page<ReportViews.LeadRow> leads(LeadFilter filter, String outcome, Page.PageRequest page,
                                           Language language) {
        long total = queries.countLeads(filter, outcome);
        List<ReportViews.LeadRow> items = queries.leads(filter, outcome, page.offset(), page.size()).stream()
                .map(f -> ReportViews.LeadRow.of(f, language)).toList();
        return page.of(items, total);
    }

    public ReportViews.LeadDetail lead(String leadId, Language language) {
        var facts = queries.lead(leadId).orElseThrow(() -> new io.leadflow.events.domain.NotFound(
                "Lead", leadId + " (no event of it has been read yet)"));
        return new ReportViews.LeadDetail(ReportViews.LeadRow.of(facts, language), queries.gradeHistory(leadId),
                queries.stageHistory(leadId), queries.slaBreaches(leadId), facts.mergedInto);
    }

    public ReportViews.Review review(YearMonth month, LeadFilter base, Language language) {
        LeadFilter now = base.withPeriod(Period.month(month));
        LeadFilter before = base.withPeriod(Period.month(month.minusMonths(1)));
        ConversionStats totalNow = conversion.total(now);
        ConversionStats totalBefore = conversion.total(before);
        return new ReportViews.Review(month.toString(), month.minusMonths(1).toString(),
                ConversionService.row(List.of(), new GroupKey(List.of()), totalNow, language),
                ConversionService.row(List.of(), new GroupKey(List.of()), totalBefore, language),
                totalNow.conversionRate().pointsSince(totalBefore.conversionRate()),
                compare(Dimension.SOURCE, now, before, language), compare(Dimension.GRADE, now, before, language),
                conversion.sources(now, language), funnel(now, language), responseTimes(Dimension.GRADE, now, language),
                totalNow.cycleDays().histogram(), insights(now, language).findings(), tried(month, language));
    }

    /** What we tried: the rule policy versions published in the month, with the lab figures each went live on. */
    private List<ReportViews.PolicyChange> tried(YearMonth month, Language language) {
        java.time.ZoneId zone = businessTime.zone();
        return policyVersions.publishedBetween(month.atDay(1).atStartOfDay(zone).toInstant(),
                        month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant()).stream()
                .map(p -> ReportViews.PolicyChange.of(p, language)).toList();
    }

    private List<ReportViews.ReviewSourceRow> compare(Dimension dim, LeadFilter now, LeadFilter before,
                                                      Language language) {
        List<Dimension> dims = List.of(dim);
        Map<GroupKey, ConversionStats> a = conversion.stats(dims, now);
        Map<GroupKey, ConversionStats> b = conversion.stats(dims, before);
        Map<GroupKey, Boolean> keys = new LinkedHashMap<>();
        a.keySet().forEach(k -> keys.put(k, true));
        b.keySet().forEach(k -> keys.putIfAbsent(k, true));
        List<GroupKey> ordered = new ArrayList<>(keys.keySet());
        ordered.sort(ConversionService.order(dims));
        List<ReportViews.ReviewSourceRow> rows = new ArrayList<>();
        for (GroupKey k : ordered) {
            ConversionStats x = a.get(k);
            ConversionStats y = b.get(k);
            rows.add(new ReportViews.ReviewSourceRow(
                    x == null ? null : ConversionService.row(dims, k, x, language),
                    y == null ? null : ConversionService.row(dims, k, y, language),
                    x == null || y == null ? null : x.conversionRate().pointsSince(y.conversionRate())));
        }
        return rows;
    }

    private static Map<String, ConversionStats> byFirstKey(Map<GroupKey, ConversionStats> stats) {
        Map<String, ConversionStats> out = new LinkedHashMap<>();
        stats.forEach((k, v) -> out.put(k.values().get(0), v));
        return out;
    }

    private static BigDecimal hours(BigDecimal minutes) {
        return minutes == null ? null : minutes.divide(BigDecimal.valueOf(60), 1, RoundingMode.HALF_UP);
    }
}
