package io.leadflow.analytics.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadflow.analytics.domain.Aggregates;
import io.leadflow.analytics.domain.ConversionCounts;
import io.leadflow.analytics.domain.Dimension;
import io.leadflow.analytics.domain.Distribution;
import io.leadflow.analytics.domain.ValueBuckets;
import io.leadflow.analytics.domain.LeadFacts;
import io.leadflow.analytics.domain.LeadFilter;
import io.leadflow.analytics.domain.MonthSplit;
import io.leadflow.analytics.domain.Period;
import io.leadflow.events.vocabulary.Coded;
import io.leadflow.events.vocabulary.Term;

/**
 * The read side: aggregates over the active generation's lead facts. Every query filters by registration date
 * and the optional source, grade and owner on the indexed columns, and hands whole-number measurements back as
 * histograms (value, count) so that medians and percentiles are computed exactly in the domain.
 */
@ApplicationScoped
public class AnalyticsQueries {

    /** One group's key values (in the order of the dimensions asked for). */
    public record GroupKey(List<String> values) {
    }

    public record Histogram(Map<GroupKey, Distribution> byGroup) {
        public Distribution of(GroupKey key) {
            return byGroup.getOrDefault(key, new Distribution());
        }
    }

    private final DataSource dataSource;
    private final CubeRepository cube;
    private final java.time.ZoneId zone;

    private final jakarta.enterprise.inject.Instance<RequestModel> requestModel;

    public AnalyticsQueries(DataSource dataSource, CubeRepository cube, io.leadflow.events.time.BusinessTime time,
                            jakarta.enterprise.inject.Instance<RequestModel> requestModel) {
        this.dataSource = dataSource;
        this.cube = cube;
        this.zone = time.zone();
        this.requestModel = requestModel;
    }

    public static String column(Dimension d) {
        return switch (d) {
            case SOURCE -> "source";
            case GRADE -> "grade";
            case OWNER -> "owner_id";
            case REGION -> "region";
            case INDUSTRY -> "industry";
            case MONTH -> "to_char(registered_month, 'YYYY-MM')";
        };
    }

    /** The generation that answers, and whether its cube matches its facts. */
    public record Model(int generation, boolean cubeReady) {
    }

    public int activeGeneration() {
        return model().generation();
    }

    /** Read once per HTTP request (a review runs dozens of queries), else on every call. */
    Model model() {
        io.quarkus.arc.ManagedContext context = io.quarkus.arc.Arc.container().requestContext();
        if (context.isActive()) {
            RequestModel holder = requestModel.get();
            if (holder.model() == null) {
                holder.model(loadModel());
            }
            return holder.model();
        }
        return loadModel();
    }

    /** {@code query}'s answer, computed once per request for the same arguments; callers do not modify it. */
    @SuppressWarnings("unchecked")
    private <T> T once(java.util.function.Supplier<T> query, Object... key) {
        io.quarkus.arc.ManagedContext context = io.quarkus.arc.Arc.container().requestContext();
        if (!context.isActive()) {
            return query.get();
        }
        List<Object> k = java.util.Arrays.asList(key);
        RequestModel holder = requestModel.get();
        Object hit = holder.result(k);
        if (hit == null) {
            hit = query.get();
            holder.result(k, hit);
        }
        return (T) hit;
    }

    private Model loadModel() {
        List<Model> g = query("select generation, aggregates_ready from model_generation where status = 'ACTIVE'",
                List.of(), rs -> new Model(rs.getInt(1), rs.getBoolean(2)));
        return g.isEmpty() ? new Model(1, false) : g.get(0);
    }

    /** Lead counts per group. */
    Map<GroupKey, ConversionCounts> factsConversionCounts(List<Dimension> dims, LeadFilter filter) {
        Where where = where(filter);
        String keys = keys(dims);
        String sql = "select " + keys + (keys.isEmpty() ? "" : ", ") + """
                count(*) as leads,
                count(*) filter (where screening = 'QUALIFIED') as qualified,
                count(*) filter (where screening = 'REJECTED') as rejected,
                count(*) filter (where outcome is null and screening is distinct from 'REJECTED') as open,
                count(*) filter (where outcome = 'WON') as won,
                count(*) filter (where outcome = 'LOST') as lost,
                coalesce(sum(amount) filter (where outcome = 'WON'), 0) as won_amount
                from lead_fact where\s""" + where.sql + groupBy(dims);
        Map<GroupKey, ConversionCounts> out = new LinkedHashMap<>();
        query(sql, where.params, rs -> {
            out.put(key(rs, dims.size()), new ConversionCounts(rs.getLong("leads"), rs.getLong("qualified"),
                    rs.getLong("rejected"), rs.getLong("open"), rs.getLong("won"), rs.getLong("lost"),
                    rs.getBigDecimal("won_amount")));
            return null;
        });
        return out;
    }

    /** Conversion cycle (registration to won, days) per group. */
    Histogram factsCycleDays(List<Dimension> dims, LeadFilter filter) {
        return histogram(dims, filter, "cycle_days", "outcome = 'WON' and cycle_days is not null");
    }

    /** First response in minutes after registration, per group, for leads that had one. */
    Histogram factsFirstResponseMinutes(List<Dimension> dims, LeadFilter filter) {
        return histogram(dims, filter,
                "floor(extract(epoch from (first_response_at - registered_at)) / 60)::bigint",
                "first_response_at is not null and first_response_at >= registered_at");
    }

    private Histogram histogram(List<Dimension> dims, LeadFilter filter, String value, String condition) {
        Where where = where(filter);
        String keys = keys(dims);
        String sql = "select " + keys + (keys.isEmpty() ? "" : ", ") + value + " as v, count(*) as n from lead_fact "
                + "where " + where.sql + " and " + condition + " group by "
                + (dims.isEmpty() ? "1" : groupBy(dims).replace(" group by ", "") + ", " + (dims.size() + 1));
        Map<GroupKey, Distribution> out = new LinkedHashMap<>();
        query(sql, where.params, rs -> {
            out.computeIfAbsent(key(rs, dims.size()), k -> new Distribution()).add(rs.getLong("v"), rs.getLong("n"));
            return null;
        });
        return new Histogram(out);
    }

    /** SLA figures per group: leads assigned, leads answered at all, leads with a first-response breach. */
    public record SlaCounts(long leads, long assigned, long responded, long breached) {
    }

    Map<GroupKey, SlaCounts> factsSlaCounts(List<Dimension> dims, LeadFilter filter) {
        Where where = where(filter);
        String keys = keys(dims);
        String sql = "select " + keys + (keys.isEmpty() ? "" : ", ") + """
                count(*) as leads,
                count(*) filter (where assigned_at is not null or sla_breaches > 0) as assigned,
                count(*) filter (where first_response_at is not null) as responded,
                count(*) filter (where sla_breaches > 0) as breached
                from lead_fact where\s""" + where.sql + groupBy(dims);
        Map<GroupKey, SlaCounts> out = new LinkedHashMap<>();
        query(sql, where.params, rs -> {
            out.put(key(rs, dims.size()), new SlaCounts(rs.getLong("leads"), rs.getLong("assigned"),
                    rs.getLong("responded"), rs.getLong("breached")));
            return null;
        });
        return out;
    }

    /** How often each value of an array or text column occurs per source, e.g. win factors of won leads. */
    Map<String, Map<String, Long>> factsCountsPerSource(LeadFilter filter, String what) {
        Where where = where(filter);
        String sql = switch (what) {
            case "winFactors" -> "select source, f as v, count(*) as n from lead_fact, unnest(win_factors) f where "
                    + where.sql + " and outcome = 'WON' group by source, f";
            case "lossReasons" -> "select source, loss_reason as v, count(*) as n from lead_fact where " + where.sql
                    + " and outcome = 'LOST' and loss_reason is not null group by source, loss_reason";
            case "rejectionReasons" -> "select source, r as v, count(*) as n from lead_fact, "
                    + "unnest(rejection_reasons) r where " + where.sql
                    + " and screening = 'REJECTED' group by source, r";
            default -> throw new IllegalArgumentException(what);
        };
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        query(sql, where.params, rs -> {
            out.computeIfAbsent(rs.getString("source"), k -> new LinkedHashMap<>())
                    .put(rs.getString("v"), rs.getLong("n"));
            return null;
        });
        return out;
    }

    /** SLA breaches per owner or source (from the breach events, so a lead breached twice counts twice). */
    Map<String, Long> factsBreachesBy(LeadFilter filter, Dimension dim) {
        Where where = where(filter, "f.");
        String col = dim == Dimension.OWNER ? "coalesce(b.owner_id, f.owner_id)" : "coalesce(b.source, f.source)";
        Period p = filter.period();
        boolean few = p.from() != null && p.to() != null && !p.to().isAfter(p.from().plusDays(62));
        // A few days' leads (a period's ragged edge) look their breaches up one lead at a time (sla_breach_lead);
        // joined as a whole, the planner hashes every breach of the model (~200,000 rows at 1M leads, ~30 ms).
        String sql = few
                ? "select " + col + " as k, count(*) as n from lead_fact f cross join lateral (select b.owner_id, "
                        + "b.source from sla_breach b where b.generation = f.generation and b.lead_id = f.lead_id "
                        + "offset 0) b where " + where.sql + " group by 1"
                : "select " + col + " as k, count(*) as n from sla_breach b join lead_fact f on "
                        + "f.generation = b.generation and f.lead_id = b.lead_id where "
                        + where.sql + " group by 1";
        Map<String, Long> out = new LinkedHashMap<>();
        query(sql, where.params, rs -> {
            out.put(rs.getString("k"), rs.getLong("n"));
            return null;
        });
        return out;
    }

    /** How many leads reached each funnel rank (a won lead reached every step before it). */
    Map<Integer, Long> factsFunnelReach(LeadFilter filter, int maxRank) {
        Where where = where(filter);
        StringBuilder cols = new StringBuilder();
        for (int rank = 1; rank <= maxRank; rank++) {
            cols.append(rank == 1 ? "" : ", ").append("count(*) filter (where greatest(max_stage_rank, 1) >= ")
                    .append(rank).append(") as r").append(rank);
        }
        Map<Integer, Long> out = new LinkedHashMap<>();
        query("select " + cols + " from lead_fact where " + where.sql, where.params, rs -> {
            for (int rank = 1; rank <= maxRank; rank++) {
                out.put(rank, rs.getLong("r" + rank));
            }
            return null;
        });
        return out;
    }

    /** Hours spent in each stage before the next move, as a histogram per stage. */
    Map<String, Distribution> factsHoursInStage(LeadFilter filter) {
        Where where = where(filter, "f.");
        String sql = """
                select to_stage, floor(extract(epoch from (next_at - occurred_at)) / 3600)::bigint as v, count(*) as n
                from (select h.to_stage, h.occurred_at,
                             lead(h.occurred_at) over (partition by h.lead_id order by h.occurred_at) as next_at
                      from lead_stage_history h
                      join lead_fact f on f.generation = h.generation and f.lead_id = h.lead_id
                      where\s""" + where.sql
                + ") x where next_at is not null group by to_stage, v";
        Map<String, Distribution> out = new LinkedHashMap<>();
        query(sql, where.params, rs -> {
            out.computeIfAbsent(rs.getString("to_stage"), k -> new Distribution()).add(rs.getLong("v"), rs.getLong("n"));
            return null;
        });
        return out;
    }

    /** Won leads per registration month and age in months at the deal (0 = won in the month registered). */
    public record CohortCell(LocalDate cohort, long leads, Map<Integer, Long> wonByAge) {
    }

    List<CohortCell> factsCohorts(LeadFilter filter) {
        Where where = where(filter);
        Map<LocalDate, long[]> leads = new LinkedHashMap<>();
        query("select registered_month, count(*) from lead_fact where " + where.sql
                + " group by registered_month order by registered_month", where.params, rs -> {
                    leads.put(Jdbc.date(rs, "registered_month"), new long[] {rs.getLong(2)});
                    return null;
                });
        Map<LocalDate, Map<Integer, Long>> won = new LinkedHashMap<>();
        query("select registered_month, ((extract(year from won_on) - extract(year from registered_month)) * 12 "
                + "+ extract(month from won_on) - extract(month from registered_month))::int as age, count(*) "
                + "from lead_fact where " + where.sql + " and outcome = 'WON' and won_on is not null "
                + "group by 1, 2", where.params, rs -> {
                    won.computeIfAbsent(Jdbc.date(rs, "registered_month"), k -> new LinkedHashMap<>())
                            .put(rs.getInt("age"), rs.getLong(3));
                    return null;
                });
        List<CohortCell> out = new ArrayList<>();
        leads.forEach((month, n) -> out.add(new CohortCell(month, n[0], won.getOrDefault(month, Map.of()))));
        return out;
    }

    /** A page of lead facts, newest registration first. */
    public List<LeadFacts> leads(LeadFilter filter, String outcome, int offset, int limit) {
        Where where = exportWhere(filter);
        List<Object> params = new ArrayList<>(where.params);
        String extra = "";
        if (outcome != null) {
            extra = "OPEN".equals(outcome) ? " and outcome is null" : " and outcome = ?";
            if (!"OPEN".equals(outcome)) {
                params.add(outcome);
            }
        }
        // The same period as registration instants too, so that the newest-first export index starts at its end.
        if (filter.period().from() != null) {
            extra += " and registered_at >= ?";
            params.add(filter.period().from().atStartOfDay(zone).toInstant());
        }
        if (filter.period().to() != null) {
            extra += " and registered_at < ?";
            params.add(filter.period().to().plusDays(1).atStartOfDay(zone).toInstant());
        }
        params.add(limit);
        params.add(offset);
        return query("select " + FactsRepository.COLUMNS + " from lead_fact where " + where.sql + extra
                + " order by registered_at desc nulls first, lead_id limit ? offset ?", params, FactsRepository::read);
    }

    long factsCountLeads(LeadFilter filter, String outcome) {
        Where where = exportWhere(filter);
        List<Object> params = new ArrayList<>(where.params);
        String extra = "";
        if (outcome != null) {
            extra = "OPEN".equals(outcome) ? " and outcome is null" : " and outcome = ?";
            if (!"OPEN".equals(outcome)) {
                params.add(outcome);
            }
        }
        return query("select count(*) from lead_fact where " + where.sql + extra, params, rs -> rs.getLong(1)).get(0);
    }

    public java.util.Optional<LeadFacts> lead(String leadId) {
        return query("select " + FactsRepository.COLUMNS + " from lead_fact where generation = ? and lead_id = ?",
                List.of(activeGeneration(), leadId), FactsRepository::read).stream().findFirst();
    }

    /** A grade and when it was given; the reason a person typed for a regrade stays with routing's audit. */
    public record GradeChange(@Coded(Term.GRADE) String grade, Integer score, @Coded(Term.GRADE) String previousGrade,
                              boolean given, java.time.Instant at) {
    }

    public List<GradeChange> gradeHistory(String leadId) {
        return query("select grade, score, previous_grade, given, occurred_at from lead_grade_history "
                + "where generation = ? and lead_id = ? order by occurred_at", List.of(activeGeneration(), leadId),
                rs -> new GradeChange(rs.getString(1), Jdbc.integer(rs, "score"), rs.getString(3), rs.getBoolean(4),
                        Jdbc.instant(rs, "occurred_at")));
    }

    public record StageMove(@Coded(Term.STAGE) String fromStage, @Coded(Term.STAGE) String toStage, String ownerId,
                            java.time.Instant at) {
    }

    public List<StageMove> stageHistory(String leadId) {
        return query("select from_stage, to_stage, owner_id, occurred_at from lead_stage_history "
                + "where generation = ? and lead_id = ? order by occurred_at", List.of(activeGeneration(), leadId),
                rs -> new StageMove(rs.getString(1), rs.getString(2), rs.getString(3), Jdbc.instant(rs, "occurred_at")));
    }

    public record SlaBreach(@Coded(Term.GRADE) String grade, @Coded(Term.SOURCE) String source, String ownerId,
                            java.time.Instant deadline, java.time.Instant at) {
    }

    public List<SlaBreach> slaBreaches(String leadId) {
        return query("select grade, source, owner_id, deadline, occurred_at from sla_breach "
                + "where generation = ? and lead_id = ? order by occurred_at", List.of(activeGeneration(), leadId),
                rs -> new SlaBreach(rs.getString(1), rs.getString(2), rs.getString(3), Jdbc.instant(rs, "deadline"),
                        Jdbc.instant(rs, "occurred_at")));
    }


    // ---- the tables' reads: whole months from the cube, partial months (and what no slice keeps) from the facts --

    /** Where a table's numbers come from: a slice of the cube for the whole months, the facts for the rest. */
    record Plan(int generation, Aggregates.Slice slice, MonthSplit split) {
    }

    /** The cube's plan for {@code dims} under {@code filter}, or null when the facts must answer it all. */
    Plan plan(List<Dimension> dims, LeadFilter filter, Set<Aggregates.Hist> hists) {
        Model model = model();
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
            return factsConversionCounts(dims, filter);
        }
        Map<GroupKey, ConversionCounts> out = new LinkedHashMap<>();
        if (plan.split().months()) {
            Where w = cubeWhere(plan, filter);
            String keys = cubeKeys(dims);
            query("select " + keys + (keys.isEmpty() ? "" : ", ") + "sum(leads) as leads, sum(qualified) as qualified, "
                    + "sum(rejected) as rejected, sum(open) as open, sum(won) as won, sum(lost) as lost, "
                    + "sum(won_amount) as won_amount from lead_cube where " + w.sql + groupBy(dims)
                    + " having sum(leads) > 0", w.params, rs -> {
                        out.put(key(rs, dims.size()), new ConversionCounts(rs.getLong("leads"), rs.getLong("qualified"),
                                rs.getLong("rejected"), rs.getLong("open"), rs.getLong("won"), rs.getLong("lost"),
                                amount(rs.getBigDecimal("won_amount"))));
                        return null;
                    });
        }
        for (Period edge : plan.split().edges()) {
            edgeConversionCounts(dims, filter, edge).forEach((k, v) -> out.merge(k, v, ConversionCounts::plus));
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
            return factsCycleDays(dims, filter);
        }
        Histogram out = cubeHistogram(plan, dims, filter, Aggregates.Hist.CYCLE);
        for (Period edge : plan.split().edges()) {
            merge(out, edgeCycleDays(dims, filter, edge));
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
            return factsFirstResponseMinutes(dims, filter);
        }
        // 1. per group, leads per bucket and the minutes' sum: from the whole months' cells and the edges' facts
        Map<GroupKey, Map<Integer, Long>> buckets = new LinkedHashMap<>();
        Map<GroupKey, BigDecimal> sums = new LinkedHashMap<>();
        cubeValues(plan, dims, filter, Aggregates.RESPONSE_BUCKETS).forEach((k, values) -> values.forEach((b, n) ->
                buckets.computeIfAbsent(k, x -> new java.util.TreeMap<>()).merge(Integer.parseInt(b), n, Long::sum)));
        cubeValues(plan, dims, filter, Aggregates.RESPONSE_SUM).forEach((k, values) ->
                sums.put(k, BigDecimal.valueOf(values.getOrDefault(Aggregates.RESPONSE_SUM_KEY, 0L))));
        Histogram edges = new Histogram(new LinkedHashMap<>());
        for (Period edge : plan.split().edges()) {
            merge(edges, edgeFirstResponseMinutes(dims, filter, edge));
        }
        edges.byGroup().forEach((k, d) -> d.histogram().forEach((v, n) -> {
            buckets.computeIfAbsent(k, x -> new java.util.TreeMap<>()).merge(ValueBuckets.bucket(v), n, Long::sum);
            sums.merge(k, BigDecimal.valueOf(v).multiply(BigDecimal.valueOf(n)), BigDecimal::add);
        }));
        // 2. a distribution per group that knows its counts; a bucket's exact minutes are read when a statistic needs
        // them, those of the median and the 90th percentile of every group at once
        Map<GroupKey, Distribution> out = new LinkedHashMap<>();
        buckets.forEach((k, counts) -> out.put(k, Distribution.bucketed(counts, sums.getOrDefault(k, BigDecimal.ZERO),
                b -> responseMinutesOf(plan, dims, filter, Map.of(k, java.util.Set.of(b)), edges).getOrDefault(k,
                        Map.of()).getOrDefault(b, Map.of()))));
        Map<GroupKey, java.util.Set<Integer>> needed = new LinkedHashMap<>();
        out.forEach((k, d) -> needed.put(k, d.neededBuckets()));
        responseMinutesOf(plan, dims, filter, needed, edges).forEach((k, byBucket) ->
                byBucket.forEach((b, exact) -> out.get(k).resolve(b, exact)));
        needed.forEach((k, bs) -> bs.forEach(b -> out.get(k).resolve(b, Map.of())));
        return new Histogram(out);
    }

    /** The exact first-response minutes of the asked buckets of each group: group -> bucket -> minute -> leads. */
    private Map<GroupKey, Map<Integer, Map<Long, Long>>> responseMinutesOf(Plan plan, List<Dimension> dims,
            LeadFilter filter, Map<GroupKey, ? extends java.util.Collection<Integer>> asked, Histogram edges) {
        Map<GroupKey, Map<Integer, Map<Long, Long>>> out = new LinkedHashMap<>();
        List<Object> params = new ArrayList<>();
        StringBuilder values = new StringBuilder();
        asked.forEach((k, bs) -> {
            if (bs.isEmpty()) {
                return;
            }
            values.append(values.isEmpty() ? "" : ", ").append("(?::text[]");
            params.add(bs.stream().map(b -> Aggregates.RESPONSE_MINUTES + b).toList());
            for (String v : k.values()) {
                values.append(", ?::text");
                params.add(v == null ? "" : v);
            }
            values.append(")");
            // the edges' facts of the asked buckets
            Distribution e = edges.byGroup().get(k);
            if (e != null) {
                e.histogram().forEach((minute, n) -> {
                    int b = ValueBuckets.bucket(minute);
                    if (bs.contains(b)) {
                        out.computeIfAbsent(k, x -> new java.util.TreeMap<>()).computeIfAbsent(b,
                                x -> new java.util.TreeMap<>()).merge(minute, n, Long::sum);
                    }
                });
            }
        });
        if (values.isEmpty() || !plan.split().months()) {
            return out;
        }
        Where w = cubeWhere(plan, filter);
        List<String> cols = new ArrayList<>(List.of("names"));
        StringBuilder on = new StringBuilder("true");
        for (int i = 0; i < dims.size(); i++) {
            cols.add("g" + i);
            on.append(" and ").append(CubeRepository.column(dims.get(i))).append(" = q.g").append(i);
        }
        String keys = cubeKeys(dims);
        params.addAll(w.params);
        // Each cell's resp_x is read once, by one jsonb_each keeping the group's asked buckets: "resp_x -> name" per
        // bucket would decompress it once per bucket, and a join on jsonb_each's rows makes the planner memoize it.
        query("select " + keys + (keys.isEmpty() ? "" : ", ") + "(select jsonb_object_agg(e.key, e.value) "
                + "from jsonb_each(resp_x) e where e.key = any(q.names))::text as h from lead_cube "
                + "join (values " + values + ") q(" + String.join(", ", cols) + ") on " + on
                + " where " + w.sql, params, rs -> {
                    String h = rs.getString("h");
                    if (h != null) {
                        Map<Integer, Map<Long, Long>> byBucket = out.computeIfAbsent(key(rs, dims.size()),
                                x -> new java.util.TreeMap<>());
                        addMaps(h, (name, minute, n) -> byBucket.computeIfAbsent(
                                Integer.parseInt(name.substring(Aggregates.RESPONSE_MINUTES.length())),
                                x -> new java.util.TreeMap<>()).merge(Long.parseLong(minute), n, Long::sum));
                    }
                    return null;
                });
        out.values().forEach(byBucket -> byBucket.values().forEach(m -> m.values().removeIf(n -> n == 0)));
        return out;
    }

    public Map<GroupKey, SlaCounts> slaCounts(List<Dimension> dims, LeadFilter filter) {
        return once(() -> slaCountsNow(dims, filter), "slaCounts", dims, filter);
    }

    private Map<GroupKey, SlaCounts> slaCountsNow(List<Dimension> dims, LeadFilter filter) {
        Plan plan = plan(dims, filter, Set.of());
        if (plan == null) {
            return factsSlaCounts(dims, filter);
        }
        Map<GroupKey, SlaCounts> out = new LinkedHashMap<>();
        if (plan.split().months()) {
            Where w = cubeWhere(plan, filter);
            String keys = cubeKeys(dims);
            query("select " + keys + (keys.isEmpty() ? "" : ", ") + "sum(leads) as leads, sum(assigned) as assigned, "
                    + "sum(responded) as responded, sum(breached) as breached from lead_cube where " + w.sql
                    + groupBy(dims) + " having sum(leads) > 0", w.params, rs -> {
                        out.put(key(rs, dims.size()), new SlaCounts(rs.getLong("leads"), rs.getLong("assigned"),
                                rs.getLong("responded"), rs.getLong("breached")));
                        return null;
                    });
        }
        for (Period edge : plan.split().edges()) {
            edgeSlaCounts(dims, filter, edge).forEach((k, v) -> out.merge(k, v, (a, b) -> new SlaCounts(
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
            return factsCountsPerSource(filter, what);
        }
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        cubeValues(plan, bySource, filter, hist).forEach((k, values) -> out.put(k.values().get(0), values));
        for (Period edge : plan.split().edges()) {
            edgeCountsPerSource(filter, edge, what).forEach((source, values) -> values.forEach((v, n) ->
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
            return factsBreachesBy(filter, dim);
        }
        Map<String, Long> out = new LinkedHashMap<>(cubeValues(plan, List.of(), filter, hist)
                .getOrDefault(new GroupKey(List.of()), Map.of()));
        for (Period edge : plan.split().edges()) {
            edgeBreachesBy(filter, edge, dim).forEach((k, n) -> out.merge(k, n, Long::sum));
        }
        return out;
    }

    /** How many leads reached each funnel rank (a won lead reached every step before it). */
    public Map<Integer, Long> funnelReach(LeadFilter filter, int maxRank) {
        Plan plan = plan(List.of(), filter, Set.of(Aggregates.Hist.RANK));
        if (plan == null) {
            return factsFunnelReach(filter, maxRank);
        }
        Map<String, Long> ranks = cubeValues(plan, List.of(), filter, Aggregates.Hist.RANK)
                .getOrDefault(new GroupKey(List.of()), Map.of());
        Map<Integer, Long> out = new LinkedHashMap<>();
        for (int rank = 1; rank <= maxRank; rank++) {
            int r = rank;
            out.put(rank, ranks.entrySet().stream().filter(e -> Integer.parseInt(e.getKey()) >= r)
                    .mapToLong(Map.Entry::getValue).sum());
        }
        for (Period edge : plan.split().edges()) {
            factsFunnelReach(filter.withPeriod(edge), maxRank).forEach((k, n) -> out.merge(k, n, Long::sum));
        }
        return out;
    }

    /** Hours spent in each stage before the next move, as a histogram per stage. */
    public Map<String, Distribution> hoursInStage(LeadFilter filter) {
        Plan plan = plan(List.of(), filter, Set.of(Aggregates.Hist.STAGE_HOURS));
        if (plan == null) {
            return factsHoursInStage(filter);
        }
        Map<String, Distribution> out = new LinkedHashMap<>();
        cubeValues(plan, List.of(), filter, Aggregates.Hist.STAGE_HOURS).getOrDefault(new GroupKey(List.of()), Map.of())
                .forEach((key, n) -> {
                    int bar = key.lastIndexOf('|');
                    out.computeIfAbsent(key.substring(0, bar), k -> new Distribution())
                            .add(Long.parseLong(key.substring(bar + 1)), n);
                });
        for (Period edge : plan.split().edges()) {
            factsHoursInStage(filter.withPeriod(edge)).forEach((stage, d) ->
                    out.computeIfAbsent(stage, k -> new Distribution()).addAll(d));
        }
        return out;
    }

    public List<CohortCell> cohorts(LeadFilter filter) {
        List<Dimension> byMonth = List.of(Dimension.MONTH);
        Plan plan = plan(byMonth, filter, Set.of(Aggregates.Hist.WON_AGE));
        if (plan == null) {
            return factsCohorts(filter);
        }
        java.util.TreeMap<LocalDate, CohortCell> cells = new java.util.TreeMap<>();
        Map<GroupKey, ConversionCounts> leads = conversionCounts(byMonth, filter.withPeriod(monthsOnly(plan)));
        Map<GroupKey, Map<String, Long>> won = plan.split().months()
                ? cubeValues(plan, byMonth, filter, Aggregates.Hist.WON_AGE) : Map.of();
        leads.forEach((k, c) -> {
            Map<Integer, Long> byAge = new LinkedHashMap<>();
            won.getOrDefault(k, Map.of()).forEach((age, n) -> byAge.put(Integer.parseInt(age), n));
            LocalDate month = java.time.YearMonth.parse(k.values().get(0)).atDay(1);
            cells.put(month, new CohortCell(month, c.leads(), byAge));
        });
        for (Period edge : plan.split().edges()) {
            for (CohortCell c : factsCohorts(filter.withPeriod(edge))) {
                cells.merge(c.cohort(), c, (a, b) -> {
                    Map<Integer, Long> byAge = new LinkedHashMap<>(a.wonByAge());
                    b.wonByAge().forEach((age, n) -> byAge.merge(age, n, Long::sum));
                    return new CohortCell(a.cohort(), a.leads() + b.leads(), byAge);
                });
            }
        }
        return new ArrayList<>(cells.values());
    }

    // ---- a period's ragged edges of a few days: their facts read once per request, every table computed from them --

    /** Edges up to this many days are read whole once per request (a quarter's previous 92 days start on the 31st). */
    static final int EDGE_MEMO_DAYS = 3;

    /** One lead of a short edge: what the tables read of its facts. */
    record EdgeLead(String leadId, String source, String grade, String ownerId, String region, String industry,
                    LocalDate registeredOn, String screening, List<String> rejectionReasons, boolean assigned,
                    boolean responded, Long responseMinutes, String outcome, BigDecimal amount,
                    List<String> winFactors, String lossReason, Integer cycleDays, int slaBreaches) {
        boolean won() {
            return "WON".equals(outcome);
        }

        boolean lost() {
            return "LOST".equals(outcome);
        }
    }

    /** The leads registered in a short edge and their SLA breaches (lead id -> breaches). */
    record EdgeLeads(List<EdgeLead> leads, Map<String, List<Aggregates.Breach>> breaches) {
    }

    private static boolean shortEdge(Period edge) {
        return edge.from() != null && edge.to() != null && !edge.to().isAfter(edge.from().plusDays(EDGE_MEMO_DAYS - 1));
    }

    private EdgeLeads edgeLeads(Period edge) {
        return once(() -> {
            // only what the tables read, the response minutes as the fact queries compute them
            List<EdgeLead> leads = query("select lead_id, source, grade, owner_id, region, industry, registered_on, "
                    + "screening, case when screening = 'REJECTED' then rejection_reasons end as rejection_reasons, "
                    + "assigned_at is not null as assigned, first_response_at is not null as responded, "
                    + "case when first_response_at >= registered_at then floor(extract(epoch from (first_response_at "
                    + "- registered_at)) / 60)::bigint end as response_minutes, outcome, amount, "
                    + "case when outcome = 'WON' then win_factors end as win_factors, loss_reason, cycle_days, "
                    + "sla_breaches from lead_fact where generation = ? and registered_on is not null "
                    + "and registered_on >= ? and registered_on <= ?",
                    List.of(activeGeneration(), edge.from(), edge.to()),
                    rs -> new EdgeLead(rs.getString("lead_id"), rs.getString("source"), rs.getString("grade"),
                            rs.getString("owner_id"), rs.getString("region"), rs.getString("industry"),
                            Jdbc.date(rs, "registered_on"), rs.getString("screening"),
                            Jdbc.texts(rs, "rejection_reasons"), rs.getBoolean("assigned"), rs.getBoolean("responded"),
                            Jdbc.longValue(rs, "response_minutes"), rs.getString("outcome"), rs.getBigDecimal("amount"),
                            Jdbc.texts(rs, "win_factors"), rs.getString("loss_reason"), Jdbc.integer(rs, "cycle_days"),
                            rs.getInt("sla_breaches")));
            // a lead's breaches are rows of sla_breach only when its facts count some (as the event handler assumes)
            List<String> breached = leads.stream().filter(l -> l.slaBreaches() > 0).map(EdgeLead::leadId).toList();
            Map<String, List<Aggregates.Breach>> breaches = new java.util.HashMap<>();
            if (!breached.isEmpty()) {
                query("select lead_id, owner_id, source from sla_breach where generation = ? and lead_id = any(?)",
                        List.of(activeGeneration(), breached), rs -> breaches.computeIfAbsent(rs.getString(1),
                                k -> new ArrayList<>()).add(new Aggregates.Breach(rs.getString(2), rs.getString(3))));
            }
            return new EdgeLeads(leads, breaches);
        }, "edgeLeads", edge);
    }

    /** The edge's leads that pass the filter's source, grade and owner (as the facts queries' where clause). */
    private List<EdgeLead> edgeLeads(LeadFilter filter, Period edge) {
        return edgeLeads(edge).leads().stream()
                .filter(f -> (filter.source() == null || filter.source().equals(f.source()))
                        && (filter.grade() == null || filter.grade().equals(f.grade()))
                        && (filter.ownerId() == null || filter.ownerId().equals(f.ownerId())))
                .toList();
    }

    private static GroupKey edgeKey(List<Dimension> dims, EdgeLead f) {
        List<String> values = new ArrayList<>(dims.size());
        for (Dimension d : dims) {
            values.add(switch (d) {
                case SOURCE -> f.source();
                case GRADE -> f.grade();
                case OWNER -> f.ownerId();
                case REGION -> f.region();
                case INDUSTRY -> f.industry();
                case MONTH -> java.time.YearMonth.from(f.registeredOn()).toString();
            });
        }
        return new GroupKey(values);
    }

    private Map<GroupKey, ConversionCounts> edgeConversionCounts(List<Dimension> dims, LeadFilter filter, Period edge) {
        if (!shortEdge(edge)) {
            return factsConversionCounts(dims, filter.withPeriod(edge));
        }
        Map<GroupKey, ConversionCounts> out = new LinkedHashMap<>();
        for (EdgeLead f : edgeLeads(filter, edge)) {
            boolean rejected = "REJECTED".equals(f.screening());
            out.merge(edgeKey(dims, f), new ConversionCounts(1, "QUALIFIED".equals(f.screening()) ? 1 : 0,
                    rejected ? 1 : 0, f.outcome() == null && !rejected ? 1 : 0, f.won() ? 1 : 0, f.lost() ? 1 : 0,
                    f.won() && f.amount() != null ? f.amount() : BigDecimal.ZERO), ConversionCounts::plus);
        }
        return out;
    }

    private Histogram edgeCycleDays(List<Dimension> dims, LeadFilter filter, Period edge) {
        if (!shortEdge(edge)) {
            return factsCycleDays(dims, filter.withPeriod(edge));
        }
        Map<GroupKey, Distribution> out = new LinkedHashMap<>();
        for (EdgeLead f : edgeLeads(filter, edge)) {
            if (f.won() && f.cycleDays() != null) {
                out.computeIfAbsent(edgeKey(dims, f), k -> new Distribution()).add(f.cycleDays(), 1);
            }
        }
        return new Histogram(out);
    }

    private Histogram edgeFirstResponseMinutes(List<Dimension> dims, LeadFilter filter, Period edge) {
        if (!shortEdge(edge)) {
            return factsFirstResponseMinutes(dims, filter.withPeriod(edge));
        }
        Map<GroupKey, Distribution> out = new LinkedHashMap<>();
        for (EdgeLead f : edgeLeads(filter, edge)) {
            if (f.responseMinutes() != null) {
                out.computeIfAbsent(edgeKey(dims, f), k -> new Distribution()).add(f.responseMinutes(), 1);
            }
        }
        return new Histogram(out);
    }

    private Map<GroupKey, SlaCounts> edgeSlaCounts(List<Dimension> dims, LeadFilter filter, Period edge) {
        if (!shortEdge(edge)) {
            return factsSlaCounts(dims, filter.withPeriod(edge));
        }
        Map<GroupKey, SlaCounts> out = new LinkedHashMap<>();
        for (EdgeLead f : edgeLeads(filter, edge)) {
            out.merge(edgeKey(dims, f), new SlaCounts(1, f.assigned() || f.slaBreaches() > 0 ? 1 : 0,
                    f.responded() ? 1 : 0, f.slaBreaches() > 0 ? 1 : 0), (a, b) -> new SlaCounts(
                    a.leads() + b.leads(), a.assigned() + b.assigned(), a.responded() + b.responded(),
                    a.breached() + b.breached()));
        }
        return out;
    }

    private Map<String, Map<String, Long>> edgeCountsPerSource(LeadFilter filter, Period edge, String what) {
        if (!shortEdge(edge)) {
            return factsCountsPerSource(filter.withPeriod(edge), what);
        }
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        for (EdgeLead f : edgeLeads(filter, edge)) {
            List<String> values = switch (what) {
                case "winFactors" -> f.won() ? f.winFactors() : List.of();
                case "lossReasons" -> f.lost() && f.lossReason() != null ? List.of(f.lossReason()) : List.of();
                case "rejectionReasons" -> "REJECTED".equals(f.screening()) ? f.rejectionReasons() : List.<String>of();
                default -> throw new IllegalArgumentException(what);
            };
            for (String v : values) {
                out.computeIfAbsent(f.source(), k -> new LinkedHashMap<>()).merge(v, 1L, Long::sum);
            }
        }
        return out;
    }

    private Map<String, Long> edgeBreachesBy(LeadFilter filter, Period edge, Dimension dim) {
        if (!shortEdge(edge)) {
            return factsBreachesBy(filter.withPeriod(edge), dim);
        }
        Map<String, Long> out = new LinkedHashMap<>();
        Map<String, List<Aggregates.Breach>> breaches = edgeLeads(edge).breaches();
        for (EdgeLead f : edgeLeads(filter, edge)) {
            for (Aggregates.Breach b : breaches.getOrDefault(f.leadId(), List.of())) {
                String k = dim == Dimension.OWNER ? (b.ownerId() != null ? b.ownerId() : f.ownerId())
                        : (b.source() != null ? b.source() : f.source());
                out.merge(k, 1L, Long::sum);
            }
        }
        return out;
    }

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
            return factsCountLeads(filter, outcome);
        }
        long n = 0;
        if (plan.split().months()) {
            String col = outcome == null ? "leads" : switch (outcome) {
                case "WON" -> "won";
                case "LOST" -> "lost";
                default -> "no_outcome";
            };
            Where w = cubeWhere(plan, filter);
            n += query("select coalesce(sum(" + col + "), 0) from lead_cube where " + w.sql, w.params,
                    rs -> rs.getLong(1)).get(0);
        }
        for (Period edge : plan.split().edges()) {
            n += factsCountLeads(filter.withPeriod(edge), outcome);
        }
        return n;
    }

    private Histogram cubeHistogram(Plan plan, List<Dimension> dims, LeadFilter filter, Aggregates.Hist hist) {
        Map<GroupKey, Distribution> out = new LinkedHashMap<>();
        if (plan.split().months()) {
            cubeValues(plan, dims, filter, hist).forEach((k, values) -> {
                Distribution d = new Distribution();
                values.forEach((v, n) -> d.add(Long.parseLong(v), n));
                out.put(k, d);
            });
        }
        return new Histogram(out);
    }

    /**
     * One distribution of the plan's cells, summed per group: group -> value -> count. The database hands over each
     * cell's map as it is stored and the maps are summed here: a year by owner is ~500 cells of a few hundred
     * first-response minutes each, and expanding and regrouping those ~200,000 entries in SQL (jsonb_each_text, group
     * by) cost ten times more than reading the maps' text and adding them up in Java.
     */
    private Map<GroupKey, Map<String, Long>> cubeValues(Plan plan, List<Dimension> dims, LeadFilter filter,
                                                        Aggregates.Hist hist) {
        Map<GroupKey, Map<String, Long>> out = new LinkedHashMap<>();
        cubeValues(plan, dims, filter, hist.key()).forEach((k, values) -> values.forEach((v, n) ->
                out.computeIfAbsent(k, x -> new LinkedHashMap<>())
                        .put(v.isEmpty() && hist != Aggregates.Hist.CYCLE ? null : v, n)));
        return out;
    }

    /** One map of the plan's cells by its name in hist, summed per group (values summing to 0 left out). */
    private Map<GroupKey, Map<String, Long>> cubeValues(Plan plan, List<Dimension> dims, LeadFilter filter,
                                                        String name) {
        Map<GroupKey, Map<String, Long>> sums = new LinkedHashMap<>();
        if (!plan.split().months()) {
            return sums;
        }
        Where w = cubeWhere(plan, filter);
        String keys = cubeKeys(dims);
        List<Object> params = new ArrayList<>();
        params.add(name);
        params.addAll(w.params);
        query("select " + keys + (keys.isEmpty() ? "" : ", ") + "(" + CubeRepository.histColumn(name)
                + " -> ?)::text as h from lead_cube where " + w.sql,
                params, rs -> {
                    String h = rs.getString("h");
                    if (h != null) {
                        addMap(sums.computeIfAbsent(key(rs, dims.size()), k -> new java.util.HashMap<>()), h);
                    }
                    return null;
                });
        Map<GroupKey, Map<String, Long>> out = new LinkedHashMap<>();
        sums.forEach((k, values) -> values.forEach((v, n) -> {
            if (n != 0) {
                out.computeIfAbsent(k, x -> new LinkedHashMap<>()).put(v, n);
            }
        }));
        return out;
    }

    /** Adds a stored {"value": count, ...} map into {@code into}. */
    static void addMap(Map<String, Long> into, String json) throws SQLException {
        try (com.fasterxml.jackson.core.JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                return;
            }
            while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                String value = p.currentName();
                p.nextToken();
                into.merge(value, p.getValueAsLong(), Long::sum);
            }
        } catch (java.io.IOException e) {
            throw new SQLException("Unreadable cube map: " + e.getMessage(), e);
        }
    }

    interface Entry {
        void add(String name, String value, long n);
    }

    /** Reads a stored {"name": {"value": count, ...}, ...} object entry by entry. */
    static void addMaps(String json, Entry entry) throws SQLException {
        try (com.fasterxml.jackson.core.JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                return;
            }
            while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                String name = p.currentName();
                if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                    p.skipChildren();
                    continue;
                }
                while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                    String value = p.currentName();
                    p.nextToken();
                    entry.add(name, value, p.getValueAsLong());
                }
            }
        } catch (java.io.IOException e) {
            throw new SQLException("Unreadable cube maps: " + e.getMessage(), e);
        }
    }

    private static final com.fasterxml.jackson.core.JsonFactory JSON = new com.fasterxml.jackson.core.JsonFactory();

    private static void merge(Histogram into, Histogram more) {
        more.byGroup().forEach((k, d) -> into.byGroup().computeIfAbsent(k, x -> new Distribution()).addAll(d));
    }

    private static BigDecimal amount(BigDecimal v) {
        return v == null || v.signum() == 0 ? BigDecimal.ZERO : v;
    }

    private Where cubeWhere(Plan plan, LeadFilter filter) {
        StringBuilder sql = new StringBuilder("generation = ? and slice = ?");
        List<Object> params = new ArrayList<>(List.of(plan.generation(), plan.slice().code()));
        if (plan.split().firstMonth() != null) {
            sql.append(" and month >= ?");
            params.add(plan.split().firstMonth());
        }
        if (plan.split().lastMonth() != null) {
            sql.append(" and month <= ?");
            params.add(plan.split().lastMonth());
        }
        if (filter.source() != null) {
            sql.append(" and source = ?");
            params.add(filter.source());
        }
        if (filter.grade() != null) {
            sql.append(" and grade = ?");
            params.add(filter.grade());
        }
        if (filter.ownerId() != null) {
            sql.append(" and owner_id = ?");
            params.add(filter.ownerId());
        }
        return new Where(sql.toString(), params);
    }

    /** The group's key columns; '' in a keyed column is an unknown value, null in the facts. */
    private static String cubeKeys(List<Dimension> dims) {
        List<String> cols = new ArrayList<>();
        for (int i = 0; i < dims.size(); i++) {
            Dimension d = dims.get(i);
            cols.add((d == Dimension.MONTH ? CubeRepository.column(d) : "nullif(" + CubeRepository.column(d) + ", '')")
                    + " as k" + i);
        }
        return String.join(", ", cols);
    }

    // ---- plumbing -----------------------------------------------------------------------------------------

    private record Where(String sql, List<Object> params) {
    }

    /** Only leads whose registration is known take part: a LeadWon read before its capture waits for it. */
    private Where where(LeadFilter filter) {
        return where(filter, "");
    }

    /** The export also lists leads still waiting for their capture event, unless a period is asked for. */
    private Where exportWhere(LeadFilter filter) {
        Where w = where(filter, "");
        if (filter.period().from() == null && filter.period().to() == null) {
            return new Where(w.sql.replace(" and registered_on is not null", ""), w.params);
        }
        return w;
    }

    /** {@code alias} qualifies the fact columns (e.g. {@code "f."}) when the query joins a history table. */
    private Where where(LeadFilter filter, String alias) {
        String a = alias;
        StringBuilder sql = new StringBuilder(a + "generation = ? and " + a + "registered_on is not null");
        List<Object> params = new ArrayList<>();
        params.add(activeGeneration());
        if (filter.period().from() != null) {
            sql.append(" and " + a + "registered_on >= ?");
            params.add(filter.period().from());
        }
        if (filter.period().to() != null) {
            sql.append(" and " + a + "registered_on <= ?");
            params.add(filter.period().to());
        }
        if (filter.source() != null) {
            sql.append(" and " + a + "source = ?");
            params.add(filter.source());
        }
        if (filter.grade() != null) {
            sql.append(" and " + a + "grade = ?");
            params.add(filter.grade());
        }
        if (filter.ownerId() != null) {
            sql.append(" and " + a + "owner_id = ?");
            params.add(filter.ownerId());
        }
        return new Where(sql.toString(), params);
    }

    private static String keys(List<Dimension> dims) {
        List<String> cols = new ArrayList<>();
        for (int i = 0; i < dims.size(); i++) {
            cols.add(column(dims.get(i)) + " as k" + i);
        }
        return String.join(", ", cols);
    }

    private static String groupBy(List<Dimension> dims) {
        if (dims.isEmpty()) {
            return "";
        }
        List<String> idx = new ArrayList<>();
        for (int i = 0; i < dims.size(); i++) {
            idx.add(String.valueOf(i + 1));
        }
        return " group by " + String.join(", ", idx);
    }

    private static GroupKey key(ResultSet rs, int n) throws SQLException {
        List<String> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values.add(rs.getString("k" + i));
        }
        return new GroupKey(values);
    }

    <T> List<T> query(String sql, List<Object> params, FactsRepository.Row<T> row) {
        return Jdbc.query(dataSource, "Analytics query", sql, params, row);
    }


}
