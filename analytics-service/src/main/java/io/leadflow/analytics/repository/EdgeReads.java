package io.leadflow.analytics.repository;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Singleton;

import io.leadflow.analytics.domain.Aggregates;
import io.leadflow.analytics.domain.ConversionCounts;
import io.leadflow.analytics.domain.Dimension;
import io.leadflow.analytics.domain.Distribution;
import io.leadflow.analytics.domain.LeadFilter;
import io.leadflow.analytics.domain.Period;

/**
 * A period's ragged edges of a few days (a quarter that starts on the 31st): their facts read once per request, and
 * every table computed from them in memory; longer edges are read from the facts.
 */
@Singleton
class EdgeReads extends QuerySupport {

    private final FactsReads facts;

    EdgeReads(DataSource dataSource, RequestModel requestModel, FactsReads facts) {
        super(dataSource, requestModel);
        this.facts = facts;
    }

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

    static boolean shortEdge(Period edge) {
        return edge.from() != null && edge.to() != null && !edge.to().isAfter(edge.from().plusDays(EDGE_MEMO_DAYS - 1));
    }

    EdgeLeads edgeLeads(Period edge) {
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
    List<EdgeLead> edgeLeads(LeadFilter filter, Period edge) {
        return edgeLeads(edge).leads().stream()
                .filter(f -> (filter.source() == null || filter.source().equals(f.source()))
                        && (filter.grade() == null || filter.grade().equals(f.grade()))
                        && (filter.ownerId() == null || filter.ownerId().equals(f.ownerId())))
                .toList();
    }

    static GroupKey edgeKey(List<Dimension> dims, EdgeLead f) {
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

    Map<GroupKey, ConversionCounts> edgeConversionCounts(List<Dimension> dims, LeadFilter filter, Period edge) {
        if (!shortEdge(edge)) {
            return facts.factsConversionCounts(dims, filter.withPeriod(edge));
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

    Histogram edgeCycleDays(List<Dimension> dims, LeadFilter filter, Period edge) {
        if (!shortEdge(edge)) {
            return facts.factsCycleDays(dims, filter.withPeriod(edge));
        }
        Map<GroupKey, Distribution> out = new LinkedHashMap<>();
        for (EdgeLead f : edgeLeads(filter, edge)) {
            if (f.won() && f.cycleDays() != null) {
                out.computeIfAbsent(edgeKey(dims, f), k -> new Distribution()).add(f.cycleDays(), 1);
            }
        }
        return new Histogram(out);
    }

    Histogram edgeFirstResponseMinutes(List<Dimension> dims, LeadFilter filter, Period edge) {
        if (!shortEdge(edge)) {
            return facts.factsFirstResponseMinutes(dims, filter.withPeriod(edge));
        }
        Map<GroupKey, Distribution> out = new LinkedHashMap<>();
        for (EdgeLead f : edgeLeads(filter, edge)) {
            if (f.responseMinutes() != null) {
                out.computeIfAbsent(edgeKey(dims, f), k -> new Distribution()).add(f.responseMinutes(), 1);
            }
        }
        return new Histogram(out);
    }

    Map<GroupKey, SlaCounts> edgeSlaCounts(List<Dimension> dims, LeadFilter filter, Period edge) {
        if (!shortEdge(edge)) {
            return facts.factsSlaCounts(dims, filter.withPeriod(edge));
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

    Map<String, Map<String, Long>> edgeCountsPerSource(LeadFilter filter, Period edge, String what) {
        if (!shortEdge(edge)) {
            return facts.factsCountsPerSource(filter.withPeriod(edge), what);
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

    Map<String, Long> edgeBreachesBy(LeadFilter filter, Period edge, Dimension dim) {
        if (!shortEdge(edge)) {
            return facts.factsBreachesBy(filter.withPeriod(edge), dim);
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

}
