package io.leadflow.analytics.repository;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Singleton;

import io.leadflow.analytics.domain.ConversionCounts;
import io.leadflow.analytics.domain.Dimension;
import io.leadflow.analytics.domain.Distribution;
import io.leadflow.analytics.domain.LeadFacts;
import io.leadflow.analytics.domain.LeadFilter;
import io.leadflow.analytics.domain.Period;

/** The tables' numbers read straight from the lead facts, and one lead's facts and histories. */
@Singleton
class FactsReads extends QuerySupport {

    private final java.time.ZoneId zone;

    FactsReads(DataSource dataSource, io.leadflow.events.time.BusinessTime time,
               RequestModel requestModel) {
        super(dataSource, requestModel);
        this.zone = time.zone();
    }

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
                from lead_fact where\s""" + where.sql() + groupBy(dims);
        Map<GroupKey, ConversionCounts> out = new LinkedHashMap<>();
        query(sql, where.params(), rs -> {
            out.put(key(rs, dims.size()), new ConversionCounts(rs.getLong("leads"), rs.getLong("qualified"),
                    rs.getLong("rejected"), rs.getLong("open"), rs.getLong("won"), rs.getLong("lost"),
                    rs.getBigDecimal("won_amount")));
            return null;
        });
        return out;
    }

    Histogram factsCycleDays(List<Dimension> dims, LeadFilter filter) {
        return histogram(dims, filter, "cycle_days", "outcome = 'WON' and cycle_days is not null");
    }

    Histogram factsFirstResponseMinutes(List<Dimension> dims, LeadFilter filter) {
        return histogram(dims, filter,
                "floor(extract(epoch from (first_response_at - registered_at)) / 60)::bigint",
                "first_response_at is not null and first_response_at >= registered_at");
    }

    Histogram histogram(List<Dimension> dims, LeadFilter filter, String value, String condition) {
        Where where = where(filter);
        String keys = keys(dims);
        String sql = "select " + keys + (keys.isEmpty() ? "" : ", ") + value + " as v, count(*) as n from lead_fact "
                + "where " + where.sql() + " and " + condition + " group by "
                + (dims.isEmpty() ? "1" : groupBy(dims).replace(" group by ", "") + ", " + (dims.size() + 1));
        Map<GroupKey, Distribution> out = new LinkedHashMap<>();
        query(sql, where.params(), rs -> {
            out.computeIfAbsent(key(rs, dims.size()), k -> new Distribution()).add(rs.getLong("v"), rs.getLong("n"));
            return null;
        });
        return new Histogram(out);
    }

    Map<GroupKey, SlaCounts> factsSlaCounts(List<Dimension> dims, LeadFilter filter) {
        Where where = where(filter);
        String keys = keys(dims);
        String sql = "select " + keys + (keys.isEmpty() ? "" : ", ") + """
                count(*) as leads,
                count(*) filter (where assigned_at is not null or sla_breaches > 0) as assigned,
                count(*) filter (where first_response_at is not null) as responded,
                count(*) filter (where sla_breaches > 0) as breached
                from lead_fact where\s""" + where.sql() + groupBy(dims);
        Map<GroupKey, SlaCounts> out = new LinkedHashMap<>();
        query(sql, where.params(), rs -> {
            out.put(key(rs, dims.size()), new SlaCounts(rs.getLong("leads"), rs.getLong("assigned"),
                    rs.getLong("responded"), rs.getLong("breached")));
            return null;
        });
        return out;
    }

    Map<String, Map<String, Long>> factsCountsPerSource(LeadFilter filter, String what) {
        Where where = where(filter);
        String sql = switch (what) {
            case "winFactors" -> "select source, f as v, count(*) as n from lead_fact, unnest(win_factors) f where "
                    + where.sql() + " and outcome = 'WON' group by source, f";
            case "lossReasons" -> "select source, loss_reason as v, count(*) as n from lead_fact where " + where.sql()
                    + " and outcome = 'LOST' and loss_reason is not null group by source, loss_reason";
            case "rejectionReasons" -> "select source, r as v, count(*) as n from lead_fact, "
                    + "unnest(rejection_reasons) r where " + where.sql()
                    + " and screening = 'REJECTED' group by source, r";
            default -> throw new IllegalArgumentException(what);
        };
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        query(sql, where.params(), rs -> {
            out.computeIfAbsent(rs.getString("source"), k -> new LinkedHashMap<>())
                    .put(rs.getString("v"), rs.getLong("n"));
            return null;
        });
        return out;
    }

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
                        + "offset 0) b where " + where.sql() + " group by 1"
                : "select " + col + " as k, count(*) as n from sla_breach b join lead_fact f on "
                        + "f.generation = b.generation and f.lead_id = b.lead_id where "
                        + where.sql() + " group by 1";
        Map<String, Long> out = new LinkedHashMap<>();
        query(sql, where.params(), rs -> {
            out.put(rs.getString("k"), rs.getLong("n"));
            return null;
        });
        return out;
    }

    Map<Integer, Long> factsFunnelReach(LeadFilter filter, int maxRank) {
        Where where = where(filter);
        StringBuilder cols = new StringBuilder();
        for (int rank = 1; rank <= maxRank; rank++) {
            cols.append(rank == 1 ? "" : ", ").append("count(*) filter (where greatest(max_stage_rank, 1) >= ")
                    .append(rank).append(") as r").append(rank);
        }
        Map<Integer, Long> out = new LinkedHashMap<>();
        query("select " + cols + " from lead_fact where " + where.sql(), where.params(), rs -> {
            for (int rank = 1; rank <= maxRank; rank++) {
                out.put(rank, rs.getLong("r" + rank));
            }
            return null;
        });
        return out;
    }

    Map<String, Distribution> factsHoursInStage(LeadFilter filter) {
        Where where = where(filter, "f.");
        String sql = """
                select to_stage, floor(extract(epoch from (next_at - occurred_at)) / 3600)::bigint as v, count(*) as n
                from (select h.to_stage, h.occurred_at,
                             lead(h.occurred_at) over (partition by h.lead_id order by h.occurred_at) as next_at
                      from lead_stage_history h
                      join lead_fact f on f.generation = h.generation and f.lead_id = h.lead_id
                      where\s""" + where.sql()
                + ") x where next_at is not null group by to_stage, v";
        Map<String, Distribution> out = new LinkedHashMap<>();
        query(sql, where.params(), rs -> {
            out.computeIfAbsent(rs.getString("to_stage"), k -> new Distribution()).add(rs.getLong("v"), rs.getLong("n"));
            return null;
        });
        return out;
    }

    List<CohortCell> factsCohorts(LeadFilter filter) {
        Where where = where(filter);
        Map<LocalDate, long[]> leads = new LinkedHashMap<>();
        query("select registered_month, count(*) from lead_fact where " + where.sql()
                + " group by registered_month order by registered_month", where.params(), rs -> {
                    leads.put(Jdbc.date(rs, "registered_month"), new long[] {rs.getLong(2)});
                    return null;
                });
        Map<LocalDate, Map<Integer, Long>> won = new LinkedHashMap<>();
        query("select registered_month, ((extract(year from won_on) - extract(year from registered_month)) * 12 "
                + "+ extract(month from won_on) - extract(month from registered_month))::int as age, count(*) "
                + "from lead_fact where " + where.sql() + " and outcome = 'WON' and won_on is not null "
                + "group by 1, 2", where.params(), rs -> {
                    won.computeIfAbsent(Jdbc.date(rs, "registered_month"), k -> new LinkedHashMap<>())
                            .put(rs.getInt("age"), rs.getLong(3));
                    return null;
                });
        List<CohortCell> out = new ArrayList<>();
        leads.forEach((month, n) -> out.add(new CohortCell(month, n[0], won.getOrDefault(month, Map.of()))));
        return out;
    }

    public List<LeadFacts> leads(LeadFilter filter, String outcome, int offset, int limit) {
        Where where = exportWhere(filter);
        List<Object> params = new ArrayList<>(where.params());
        String extra = outcomeClause(outcome, params);
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
        return query("select " + FactsRepository.COLUMNS + " from lead_fact where " + where.sql() + extra
                + " order by registered_at desc nulls first, lead_id limit ? offset ?", params, FactsRepository::read);
    }

    /** The export's outcome filter: OPEN is a lead without an outcome; any other value is that outcome. */
    private static String outcomeClause(String outcome, List<Object> params) {
        if (outcome == null) {
            return "";
        }
        if ("OPEN".equals(outcome)) {
            return " and outcome is null";
        }
        params.add(outcome);
        return " and outcome = ?";
    }

    long factsCountLeads(LeadFilter filter, String outcome) {
        Where where = exportWhere(filter);
        List<Object> params = new ArrayList<>(where.params());
        String extra = outcomeClause(outcome, params);
        return query("select count(*) from lead_fact where " + where.sql() + extra, params, rs -> rs.getLong(1)).get(0);
    }

    public java.util.Optional<LeadFacts> lead(String leadId) {
        return query("select " + FactsRepository.COLUMNS + " from lead_fact where generation = ? and lead_id = ?",
                List.of(activeGeneration(), leadId), FactsRepository::read).stream().findFirst();
    }

    public List<GradeChange> gradeHistory(String leadId) {
        return query("select grade, score, previous_grade, given, occurred_at from lead_grade_history "
                + "where generation = ? and lead_id = ? order by occurred_at", List.of(activeGeneration(), leadId),
                rs -> new GradeChange(rs.getString(1), Jdbc.integer(rs, "score"), rs.getString(3), rs.getBoolean(4),
                        Jdbc.instant(rs, "occurred_at")));
    }

    public List<StageMove> stageHistory(String leadId) {
        return query("select from_stage, to_stage, owner_id, occurred_at from lead_stage_history "
                + "where generation = ? and lead_id = ? order by occurred_at", List.of(activeGeneration(), leadId),
                rs -> new StageMove(rs.getString(1), rs.getString(2), rs.getString(3), Jdbc.instant(rs, "occurred_at")));
    }

    public List<SlaBreach> slaBreaches(String leadId) {
        return query("select grade, source, owner_id, deadline, occurred_at from sla_breach "
                + "where generation = ? and lead_id = ? order by occurred_at", List.of(activeGeneration(), leadId),
                rs -> new SlaBreach(rs.getString(1), rs.getString(2), rs.getString(3), Jdbc.instant(rs, "deadline"),
                        Jdbc.instant(rs, "occurred_at")));
    }
}
