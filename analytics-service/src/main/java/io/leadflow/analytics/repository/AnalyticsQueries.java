package io.leadflow.analytics.repository;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.inject.Singleton;

import io.leadflow.analytics.domain.Aggregates;
import io.leadflow.analytics.domain.ConversionCounts;
import io.leadflow.analytics.domain.Dimension;
import io.leadflow.analytics.domain.Distribution;
import io.leadflow.analytics.domain.LeadFacts;
import io.leadflow.analytics.domain.LeadFilter;
import io.leadflow.analytics.domain.MonthSplit;
import io.leadflow.analytics.domain.Period;
import io.leadflow.analytics.domain.ValueBuckets;

/**
 * The read side: aggregates over the active generation's lead facts. Every query filters by registration date
 * and the optional source, grade and owner on the indexed columns, and hands whole-number measurements back as
 * histograms (value, count) so that medians and percentiles are computed exactly in the domain.
 *
 * <p>This is the planner: each table reads its whole months from the cube ({@link CubeReads}) when a slice keeps
 * what it needs, and the rest from the facts ({@link FactsReads}) or, for a few days' edge, from those days' facts
 * read once ({@link EdgeReads}).
 */
@Singleton
public class AnalyticsQueries extends QuerySupport {

    private final FactsReads facts;
    private final EdgeReads edges;
    private final CubeReads cells;

    public AnalyticsQueries(DataSource dataSource, RequestModel requestModel,
                            FactsReads facts, EdgeReads edges, CubeReads cells) {
        super(dataSource, requestModel);
        this.facts = facts;
        this.edges = edges;
        this.cells = cells;
    }

    // ---- one lead, and the export's pages ------------------------------------------------------------------

    public List<LeadFacts> leads(LeadFilter filter, String outcome, int offset, int limit) {
        return facts.leads(filter, outcome, offset, limit);
    }

    public java.util.Optional<LeadFacts> lead(String leadId) {
        return facts.lead(leadId);
    }

    public List<GradeChange> gradeHistory(String leadId) {
        return facts.gradeHistory(leadId);
    }

    public List<StageMove> stageHistory(String leadId) {
        return facts.stageHistory(leadId);
    }

    public List<SlaBreach> slaBreaches(String leadId) {
        return facts.slaBreaches(leadId);
    }

    // ---- the tables' reads: whole months from the cube, partial months (and what no slice keeps) from the facts --

    /** The cube's plan for {@code dims} under {@code filter}, or null when the facts must answer it all. */
    Plan plan(List<Dimension> dims, LeadFilter filter, Set<Aggregates.Hist> hists) {
        ActiveModel model = model();
        int generation = model.generation();
        if (!cubeEnabled || !model.cubeReady()) {
            return null;
        }
        Set<Dimension> needed = EnumSet.noneOf(Dimension.class);
        needed.addAll(dims);
        if (filter.source() != null) {
            needed.add(Dimension.SOURCE);
        }
        if (filter.grade() != null) {
            needed.add(Dimension.GRADE);
        }
        if (filter.ownerId() != null) {
            needed.add(Dimension.OWNER);
        }
        Aggregates.Slice slice = Aggregates.Slice.best(needed, hists);
        if (slice == null) {
            return null;
        }
        return new Plan(generation, slice, MonthSplit.of(filter.period()));
    }

    /** For tests and the benchmark's comparison: false makes every table read the facts. */
    private volatile boolean cubeEnabled = true;

    public void useCube(boolean enabled) {
        this.cubeEnabled = enabled;
    }

    /** Lead counts per group. */
    public Map<GroupKey, ConversionCounts> conversionCounts(List<Dimension> dims, LeadFilter filter) {
        return once(() -> conversionCountsNow(dims, filter), "conversionCounts", dims, filter);
    }

    private Map<GroupKey, ConversionCounts> conversionCountsNow(List<Dimension> dims, LeadFilter filter) {
        Plan plan = plan(dims, filter, Set.of());
        if (plan == null) {
            return facts.factsConversionCounts(dims, filter);
        }
        Map<GroupKey, ConversionCounts> out = new LinkedHashMap<>();
        if (plan.split().months()) {
            Where w = cells.cubeWhere(plan, filter);
            String keys = cells.cubeKeys(dims);
            query("select " + keys + (keys.isEmpty() ? "" : ", ") + "sum(leads) as leads, sum(qualified) as qualified, "
                    + "sum(rejected) as rejected, sum(open) as open, sum(won) as won, sum(lost) as lost, "
                    + "sum(won_amount) as won_amount from lead_cube where " + w.sql() + groupBy(dims)
                    + " having sum(leads) > 0", w.params(), rs -> {
                        out.put(key(rs, dims.size()), new ConversionCounts(rs.getLong("leads"), rs.getLong("qualified"),
                                rs.getLong("rejected"), rs.getLong("open"), rs.getLong("won"), rs.getLong("lost"),
                                amount(rs.getBigDecimal("won_amount"))));
                        return null;
                    });
        }
        for (Period edge : plan.split().edges()) {
            edges.edgeConversionCounts(dims, filter, edge).forEach((k, v) -> out.merge(k, v, ConversionCounts::plus));
        }
        return out;
    }

    /** Conversion cycle (registration to won, days) per group. */
    public Histogram cycleDays(List<Dimension> dims, LeadFilter filter) {
        return once(() -> cycleDaysNow(dims, filter), "cycleDays", dims, filter);
    }

    private Histogram cycleDaysNow(List<Dimension> dims, LeadFilter filter) {
        Plan plan = plan(dims, filter, Set.of(Aggregates.Hist.CYCLE));
        if (plan == null) {
            return facts.factsCycleDays(dims, filter);
        }
        Histogram out = cells.cubeHistogram(plan, dims, filter, Aggregates.Hist.CYCLE);
        for (Period edge : plan.split().edges()) {
            merge(out, edges.edgeCycleDays(dims, filter, edge));
        }
        return out;
    }

    /** First response in minutes after registration, per group, for leads that had one. */
    public Histogram firstResponseMinutes(List<Dimension> dims, LeadFilter filter) {
        return once(() -> firstResponseMinutesNow(dims, filter), "firstResponseMinutes", dims, filter);
    }

    private Histogram firstResponseMinutesNow(List<Dimension> dims, LeadFilter filter) {
        Plan plan = plan(dims, filter, Set.of(Aggregates.Hist.RESPONSE));
        if (plan == null) {
            return facts.factsFirstResponseMinutes(dims, filter);
        }
        // 1. per group, leads per bucket and the minutes' sum: from the whole months' cells and the edges' facts
        Map<GroupKey, Map<Integer, Long>> buckets = new LinkedHashMap<>();
        Map<GroupKey, BigDecimal> sums = new LinkedHashMap<>();
        cells.cubeValues(plan, dims, filter, Aggregates.RESPONSE_BUCKETS).forEach((k, values) -> values.forEach((b, n) ->
                buckets.computeIfAbsent(k, x -> new java.util.TreeMap<>()).merge(Integer.parseInt(b), n, Long::sum)));
        cells.cubeValues(plan, dims, filter, Aggregates.RESPONSE_SUM).forEach((k, values) ->
                sums.put(k, BigDecimal.valueOf(values.getOrDefault(Aggregates.RESPONSE_SUM_KEY, 0L))));
        Histogram edgeMinutes = new Histogram(new LinkedHashMap<>());
        for (Period edge : plan.split().edges()) {
            merge(edgeMinutes, edges.edgeFirstResponseMinutes(dims, filter, edge));
        }
        edgeMinutes.byGroup().forEach((k, d) -> d.histogram().forEach((v, n) -> {
            buckets.computeIfAbsent(k, x -> new java.util.TreeMap<>()).merge(ValueBuckets.bucket(v), n, Long::sum);
            sums.merge(k, BigDecimal.valueOf(v).multiply(BigDecimal.valueOf(n)), BigDecimal::add);
        }));
        // 2. a distribution per group that knows its counts; a bucket's exact minutes are read when a statistic needs
        // them, those of the median and the 90th percentile of every group at once
        Map<GroupKey, Distribution> out = new LinkedHashMap<>();
        buckets.forEach((k, counts) -> out.put(k, Distribution.bucketed(counts, sums.getOrDefault(k, BigDecimal.ZERO),
                b -> cells.responseMinutesOf(plan, dims, filter, Map.of(k, java.util.Set.of(b)), edgeMinutes).getOrDefault(k,
                        Map.of()).getOrDefault(b, Map.of()))));
        Map<GroupKey, java.util.Set<Integer>> needed = new LinkedHashMap<>();
        out.forEach((k, d) -> needed.put(k, d.neededBuckets()));
        cells.responseMinutesOf(plan, dims, filter, needed, edgeMinutes).forEach((k, byBucket) ->
                byBucket.forEach((b, exact) -> out.get(k).resolve(b, exact)));
        needed.forEach((k, bs) -> bs.forEach(b -> out.get(k).resolve(b, Map.of())));
        return new Histogram(out);
    }

    public Map<GroupKey, SlaCounts> slaCounts(List<Dimension> dims, LeadFilter filter) {
        return once(() -> slaCountsNow(dims, filter), "slaCounts", dims, filter);
    }

    private Map<GroupKey, SlaCounts> slaCountsNow(List<Dimension> dims, LeadFilter filter) {
        Plan plan = plan(dims, filter, Set.of());
        if (plan == null) {
            return facts.factsSlaCounts(dims, filter);
        }
        Map<GroupKey, SlaCounts> out = new LinkedHashMap<>();
        if (plan.split().months()) {
            Where w = cells.cubeWhere(plan, filter);
            String keys = cells.cubeKeys(dims);
            query("select " + keys + (keys.isEmpty() ? "" : ", ") + "sum(leads) as leads, sum(assigned) as assigned, "
                    + "sum(responded) as responded, sum(breached) as breached from lead_cube where " + w.sql()
                    + groupBy(dims) + " having sum(leads) > 0", w.params(), rs -> {
                        out.put(key(rs, dims.size()), new SlaCounts(rs.getLong("leads"), rs.getLong("assigned"),
                                rs.getLong("responded"), rs.getLong("breached")));
                        return null;
                    });
        }
        for (Period edge : plan.split().edges()) {
            edges.edgeSlaCounts(dims, filter, edge).forEach((k, v) -> out.merge(k, v, (a, b) -> new SlaCounts(
                    a.leads() + b.leads(), a.assigned() + b.assigned(), a.responded() + b.responded(),
                    a.breached() + b.breached())));
        }
        return out;
    }

    /** How often each value of an array or text column occurs per source, e.g. win factors of won leads. */
    public Map<String, Map<String, Long>> countsPerSource(LeadFilter filter, String what) {
        return once(() -> countsPerSourceNow(filter, what), "countsPerSource", filter, what);
    }

    private Map<String, Map<String, Long>> countsPerSourceNow(LeadFilter filter, String what) {
        Aggregates.Hist hist = switch (what) {
            case "winFactors" -> Aggregates.Hist.WIN_FACTORS;
            case "lossReasons" -> Aggregates.Hist.LOSS_REASONS;
            case "rejectionReasons" -> Aggregates.Hist.REJECTION_REASONS;
            default -> throw new IllegalArgumentException(what);
        };
        List<Dimension> bySource = List.of(Dimension.SOURCE);
        Plan plan = plan(bySource, filter, Set.of(hist));
        if (plan == null) {
            return facts.factsCountsPerSource(filter, what);
        }
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        cells.cubeValues(plan, bySource, filter, hist).forEach((k, values) -> out.put(k.values().get(0), values));
        for (Period edge : plan.split().edges()) {
            edges.edgeCountsPerSource(filter, edge, what).forEach((source, values) -> values.forEach((v, n) ->
                    out.computeIfAbsent(source, x -> new LinkedHashMap<>()).merge(v, n, Long::sum)));
        }
        return out;
    }

    /** SLA breaches per owner or source (from the breach events, so a lead breached twice counts twice). */
    public Map<String, Long> breachesBy(LeadFilter filter, Dimension dim) {
        return once(() -> breachesByNow(filter, dim), "breachesBy", filter, dim);
    }

    private Map<String, Long> breachesByNow(LeadFilter filter, Dimension dim) {
        Aggregates.Hist hist = dim == Dimension.OWNER ? Aggregates.Hist.BREACH_OWNER : Aggregates.Hist.BREACH_SOURCE;
        Plan plan = plan(List.of(), filter, Set.of(hist));
        if (plan == null) {
            return facts.factsBreachesBy(filter, dim);
        }
        Map<String, Long> out = new LinkedHashMap<>(cells.cubeValues(plan, List.of(), filter, hist)
                .getOrDefault(new GroupKey(List.of()), Map.of()));
        for (Period edge : plan.split().edges()) {
            edges.edgeBreachesBy(filter, edge, dim).forEach((k, n) -> out.merge(k, n, Long::sum));
        }
        return out;
    }

    /** How many leads reached each funnel rank (a won lead reached every step before it). */
    public Map<Integer, Long> funnelReach(LeadFilter filter, int maxRank) {
        Plan plan = plan(List.of(), filter, Set.of(Aggregates.Hist.RANK));
        if (plan == null) {
            return facts.factsFunnelReach(filter, maxRank);
        }
        Map<String, Long> ranks = cells.cubeValues(plan, List.of(), filter, Aggregates.Hist.RANK)
                .getOrDefault(new GroupKey(List.of()), Map.of());
        Map<Integer, Long> out = new LinkedHashMap<>();
        for (int rank = 1; rank <= maxRank; rank++) {
            int r = rank;
            out.put(rank, ranks.entrySet().stream().filter(e -> Integer.parseInt(e.getKey()) >= r)
                    .mapToLong(Map.Entry::getValue).sum());
        }
        for (Period edge : plan.split().edges()) {
            facts.factsFunnelReach(filter.withPeriod(edge), maxRank).forEach((k, n) -> out.merge(k, n, Long::sum));
        }
        return out;
    }

    /** Hours spent in each stage before the next move, as a histogram per stage. */
    public Map<String, Distribution> hoursInStage(LeadFilter filter) {
        Plan plan = plan(List.of(), filter, Set.of(Aggregates.Hist.STAGE_HOURS));
        if (plan == null) {
            return facts.factsHoursInStage(filter);
        }
        Map<String, Distribution> out = new LinkedHashMap<>();
        cells.cubeValues(plan, List.of(), filter, Aggregates.Hist.STAGE_HOURS).getOrDefault(new GroupKey(List.of()), Map.of())
                .forEach((key, n) -> {
                    int bar = key.lastIndexOf('|');
                    out.computeIfAbsent(key.substring(0, bar), k -> new Distribution())
                            .add(Long.parseLong(key.substring(bar + 1)), n);
                });
        for (Period edge : plan.split().edges()) {
            facts.factsHoursInStage(filter.withPeriod(edge)).forEach((stage, d) ->
                    out.computeIfAbsent(stage, k -> new Distribution()).addAll(d));
        }
        return out;
    }

    public List<CohortCell> cohorts(LeadFilter filter) {
        List<Dimension> byMonth = List.of(Dimension.MONTH);
        Plan plan = plan(byMonth, filter, Set.of(Aggregates.Hist.WON_AGE));
        if (plan == null) {
            return facts.factsCohorts(filter);
        }
        java.util.TreeMap<LocalDate, CohortCell> byCohort = new java.util.TreeMap<>();
        Map<GroupKey, ConversionCounts> leads = conversionCounts(byMonth, filter.withPeriod(monthsOnly(plan)));
        Map<GroupKey, Map<String, Long>> won = plan.split().months()
                ? cells.cubeValues(plan, byMonth, filter, Aggregates.Hist.WON_AGE) : Map.of();
        leads.forEach((k, c) -> {
            Map<Integer, Long> byAge = new LinkedHashMap<>();
            won.getOrDefault(k, Map.of()).forEach((age, n) -> byAge.put(Integer.parseInt(age), n));
            LocalDate month = java.time.YearMonth.parse(k.values().get(0)).atDay(1);
            byCohort.put(month, new CohortCell(month, c.leads(), byAge));
        });
        for (Period edge : plan.split().edges()) {
            for (CohortCell c : facts.factsCohorts(filter.withPeriod(edge))) {
                byCohort.merge(c.cohort(), c, (a, b) -> {
                    Map<Integer, Long> byAge = new LinkedHashMap<>(a.wonByAge());
                    b.wonByAge().forEach((age, n) -> byAge.merge(age, n, Long::sum));
                    return new CohortCell(a.cohort(), a.leads() + b.leads(), byAge);
                });
            }
        }
        return new ArrayList<>(byCohort.values());
    }

    // ---- a period's ragged edges of a few days: their facts read once per request, every table computed from them --

    /** The whole months of the plan as a period (nothing when it has none). */
    private static Period monthsOnly(Plan plan) {
        MonthSplit s = plan.split();
        if (!s.months()) {
            return new Period(LocalDate.of(1, 1, 1), LocalDate.of(1, 1, 1));
        }
        return new Period(s.firstMonth(), s.lastMonth() == null ? null
                : java.time.YearMonth.from(s.lastMonth()).atEndOfMonth());
    }

    /** How many leads the export lists; from the cube when a period is given (the export then lists registered leads). */
    public long countLeads(LeadFilter filter, String outcome) {
        Plan plan = filter.period().from() == null && filter.period().to() == null ? null
                : plan(List.of(), filter, Set.of());
        if (plan == null) {
            return facts.factsCountLeads(filter, outcome);
        }
        long n = 0;
        if (plan.split().months()) {
            String col = outcome == null ? "leads" : switch (outcome) {
                case "WON" -> "won";
                case "LOST" -> "lost";
                default -> "no_outcome";
            };
            Where w = cells.cubeWhere(plan, filter);
            n += query("select coalesce(sum(" + col + "), 0) from lead_cube where " + w.sql(), w.params(),
                    rs -> rs.getLong(1)).get(0);
        }
        for (Period edge : plan.split().edges()) {
            n += facts.factsCountLeads(filter.withPeriod(edge), outcome);
        }
        return n;
    }


    private static void merge(Histogram into, Histogram more) {
        more.byGroup().forEach((k, d) -> into.byGroup().computeIfAbsent(k, x -> new Distribution()).addAll(d));
    }

    private static BigDecimal amount(BigDecimal v) {
        return v == null || v.signum() == 0 ? BigDecimal.ZERO : v;
    }
}
