package io.leadflow.analytics.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.leadflow.analytics.domain.Aggregates;
import io.leadflow.analytics.domain.FactsProjection;
import io.leadflow.analytics.domain.LeadFacts;

/**
 * Reads and writes lead facts of one model generation, on the caller's transaction. A fact row is locked while an
 * event is folded into it, so two consumers (the live one and a replay) never interleave on one lead.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class FactsRepository {

    static final String COLUMNS = """
            lead_id, profile_at, channel, source, source_detail, utm_source, utm_medium, utm_campaign, utm_term,
            utm_content, industry, region, company_size, customer_type, declared_intent, decision_cycle_days,
            registered_at, registered_on, registered_month, screening, screening_at, rejection_reasons,
            merged_touches, grade, grade_score, grade_at, grade_changes, owner_id, owner_at, assigned_at,
            reassignments, first_response_at, touches, stage, stage_at, max_stage_rank, outcome, outcome_at, won_on,
            lost_on, amount, currency, win_factors, loss_reason, cycle_days, sla_breaches, sla_deadline, erased_at,
            merged_into, last_event_at""";

    private final DataSource dataSource;

    public FactsRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Generations an event must be applied to: the active one and one being rebuilt, if any. */
    public List<Integer> liveGenerations() {
        return query("select generation from model_generation where status in ('ACTIVE', 'BUILDING') "
                + "order by generation", List.of(), rs -> rs.getInt(1));
    }

    /**
     * Records that {@code generation} applied these events, in one statement; ids are inserted in sorted order, so
     * two transactions marking overlapping sets (the live consumer and a replay) wait for each other, never deadlock.
     *
     * @return the ids {@code generation} had not applied yet
     */
    public Set<UUID> markApplied(int generation, Collection<UUID> eventIds) {
        UUID[] ids = eventIds.stream().distinct().sorted().toArray(UUID[]::new);
        return new HashSet<>(query("""
                insert into generation_event (generation, event_id)
                select ?, id from unnest(?) with ordinality as t(id, n) order by n
                on conflict do nothing
                returning event_id""", List.of(generation, new Uuids(ids)), rs -> rs.getObject(1, UUID.class)));
    }

    /**
     * Creates the leads' rows where missing, then locks them all, in lead order (so that two transactions over
     * overlapping leads queue instead of deadlocking). Inserting first (rather than reading an absent row and
     * inserting later) makes a concurrent first event for the same lead wait instead of overwriting this one.
     *
     * @param firstEventAt each lead and the time of its first event here (a new row's {@code last_event_at})
     */
    public Map<String, LeadFacts> lockOrCreate(int generation, Map<String, java.time.Instant> firstEventAt) {
        List<String> leadIds = firstEventAt.keySet().stream().sorted().toList();
        java.sql.Timestamp[] at = leadIds.stream().map(id -> java.sql.Timestamp.from(firstEventAt.get(id)))
                .toArray(java.sql.Timestamp[]::new);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                insert into lead_fact (generation, lead_id, last_event_at)
                select ?, id, at from unnest(?, ?) with ordinality as t(id, at, n) order by n
                on conflict do nothing""")) {
            ps.setInt(1, generation);
            ps.setArray(2, c.createArrayOf("text", leadIds.toArray()));
            ps.setArray(3, c.createArrayOf("timestamptz", at));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Read-model write failed: " + e.getMessage(), e);
        }
        Map<String, LeadFacts> locked = new LinkedHashMap<>();
        query("select " + COLUMNS + " from lead_fact where generation = ? and lead_id = any(?) order by lead_id "
                + "for update", List.of(generation, leadIds), FactsRepository::read)
                .forEach(f -> locked.put(f.leadId, f));
        return locked;
    }

    private static final String SAVE_FACTS = saveFactsSql();

    private static String saveFactsSql() {
        String[] cols = COLUMNS.replaceAll("\\s+", " ").strip().split(", ");
        StringBuilder set = new StringBuilder();
        for (String col : cols) {
            if (!col.equals("lead_id")) {
                set.append(set.isEmpty() ? "" : ", ").append(col).append(" = excluded.").append(col);
            }
        }
        return "insert into lead_fact (generation, " + COLUMNS + ") values (" + "?, ".repeat(cols.length)
                + "?) on conflict (generation, lead_id) do update set " + set;
    }

    /** Writes the leads' facts, one batch of statements in one round trip. */
    public void saveFacts(int generation, Collection<LeadFacts> leads) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SAVE_FACTS)) {
            for (LeadFacts f : leads) {
                Jdbc.bind(c, ps, java.util.Arrays.asList(generation, f.leadId, f.profileAt, f.channel, f.source,
                        f.sourceDetail, f.utmSource, f.utmMedium, f.utmCampaign, f.utmTerm, f.utmContent, f.industry,
                        f.region, f.companySize, f.customerType, f.declaredIntent, f.decisionCycleDays,
                        f.registeredAt, f.registeredOn, f.registeredMonth, f.screening, f.screeningAt,
                        f.rejectionReasons, f.mergedTouches, f.grade, f.gradeScore, f.gradeAt, f.gradeChanges,
                        f.ownerId, f.ownerAt, f.assignedAt, f.reassignments, f.firstResponseAt, f.touches, f.stage,
                        f.stageAt, f.maxStageRank, f.outcome, f.outcomeAt, f.wonOn, f.lostOn, f.amount, f.currency,
                        f.winFactors, f.lossReason, f.cycleDays, f.slaBreaches, f.slaDeadline, f.erasedAt,
                        f.mergedInto, f.lastEventAt));
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("Read-model write failed: " + e.getMessage(), e);
        }
    }

    /** A history entry of a lead, as projected from one event. */
    public record History(String leadId, FactsProjection.HistoryEntry entry) {
    }

    /** Writes the leads' new history rows (grades, stage moves, breaches), one batch per table. */
    public void saveHistory(int generation, List<History> rows) {
        if (rows.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement grades = c.prepareStatement("""
                     insert into lead_grade_history (generation, event_id, lead_id, grade, score, previous_grade,
                         given, occurred_at) values (?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""");
             PreparedStatement stages = c.prepareStatement("""
                     insert into lead_stage_history (generation, event_id, lead_id, from_stage, to_stage, owner_id,
                         occurred_at) values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing""");
             PreparedStatement breaches = c.prepareStatement("""
                     insert into sla_breach (generation, event_id, lead_id, grade, source, owner_id, assigned_at,
                         deadline, occurred_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")) {
            int[] counts = new int[3];
            for (History row : rows) {
                String leadId = row.leadId();
                if (row.entry() instanceof FactsProjection.GradeEntry g) {
                    Jdbc.bind(c, grades, java.util.Arrays.asList(generation, g.eventId(), leadId, g.grade(),
                            g.score(), g.previousGrade(), g.given(), g.occurredAt()));
                    grades.addBatch();
                    counts[0]++;
                } else if (row.entry() instanceof FactsProjection.StageEntry st) {
                    Jdbc.bind(c, stages, java.util.Arrays.asList(generation, st.eventId(), leadId, st.fromStage(),
                            st.toStage(), st.ownerId(), st.occurredAt()));
                    stages.addBatch();
                    counts[1]++;
                } else if (row.entry() instanceof FactsProjection.SlaBreachEntry b) {
                    Jdbc.bind(c, breaches, java.util.Arrays.asList(generation, b.eventId(), leadId, b.grade(),
                            b.source(), b.ownerId(), b.assignedAt(), b.deadline(), b.occurredAt()));
                    breaches.addBatch();
                    counts[2]++;
                }
            }
            if (counts[0] > 0) {
                grades.executeBatch();
            }
            if (counts[1] > 0) {
                stages.executeBatch();
            }
            if (counts[2] > 0) {
                breaches.executeBatch();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Read-model write failed: " + e.getMessage(), e);
        }
    }

    /** The leads' stage moves, for the cube's hours in stage. */
    public Map<String, List<Aggregates.Move>> moves(int generation, Collection<String> leadIds) {
        Map<String, List<Aggregates.Move>> out = new HashMap<>();
        if (!leadIds.isEmpty()) {
            query("select lead_id, to_stage, occurred_at from lead_stage_history where generation = ? "
                    + "and lead_id = any(?)", List.of(generation, List.copyOf(leadIds)), rs -> {
                        out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                                .add(new Aggregates.Move(rs.getString(2), Jdbc.instant(rs, "occurred_at")));
                        return null;
                    });
        }
        return out;
    }

    /** The leads' SLA breaches (owner and source as the breach events named them), for the cube. */
    public Map<String, List<Aggregates.Breach>> breaches(int generation, Collection<String> leadIds) {
        Map<String, List<Aggregates.Breach>> out = new HashMap<>();
        if (!leadIds.isEmpty()) {
            query("select lead_id, owner_id, source from sla_breach where generation = ? and lead_id = any(?)",
                    List.of(generation, List.copyOf(leadIds)), rs -> {
                        out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                                .add(new Aggregates.Breach(rs.getString(2), rs.getString(3)));
                        return null;
                    });
        }
        return out;
    }

    static LeadFacts read(ResultSet rs) throws SQLException {
        LeadFacts f = new LeadFacts(rs.getString("lead_id"));
        f.profileAt = Jdbc.instant(rs, "profile_at");
        f.channel = rs.getString("channel");
        f.source = rs.getString("source");
        f.sourceDetail = rs.getString("source_detail");
        f.utmSource = rs.getString("utm_source");
        f.utmMedium = rs.getString("utm_medium");
        f.utmCampaign = rs.getString("utm_campaign");
        f.utmTerm = rs.getString("utm_term");
        f.utmContent = rs.getString("utm_content");
        f.industry = rs.getString("industry");
        f.region = rs.getString("region");
        f.companySize = Jdbc.integer(rs, "company_size");
        f.customerType = rs.getString("customer_type");
        f.declaredIntent = rs.getString("declared_intent");
        f.decisionCycleDays = Jdbc.integer(rs, "decision_cycle_days");
        f.registeredAt = Jdbc.instant(rs, "registered_at");
        f.registeredOn = Jdbc.date(rs, "registered_on");
        f.registeredMonth = Jdbc.date(rs, "registered_month");
        f.screening = rs.getString("screening");
        f.screeningAt = Jdbc.instant(rs, "screening_at");
        f.rejectionReasons = Jdbc.texts(rs, "rejection_reasons");
        f.mergedTouches = rs.getInt("merged_touches");
        f.grade = rs.getString("grade");
        f.gradeScore = Jdbc.integer(rs, "grade_score");
        f.gradeAt = Jdbc.instant(rs, "grade_at");
        f.gradeChanges = rs.getInt("grade_changes");
        f.ownerId = rs.getString("owner_id");
        f.ownerAt = Jdbc.instant(rs, "owner_at");
        f.assignedAt = Jdbc.instant(rs, "assigned_at");
        f.reassignments = rs.getInt("reassignments");
        f.firstResponseAt = Jdbc.instant(rs, "first_response_at");
        f.touches = rs.getInt("touches");
        f.stage = rs.getString("stage");
        f.stageAt = Jdbc.instant(rs, "stage_at");
        f.maxStageRank = rs.getInt("max_stage_rank");
        f.outcome = rs.getString("outcome");
        f.outcomeAt = Jdbc.instant(rs, "outcome_at");
        f.wonOn = Jdbc.date(rs, "won_on");
        f.lostOn = Jdbc.date(rs, "lost_on");
        f.amount = Jdbc.decimal(rs, "amount");
        f.currency = rs.getString("currency");
        f.winFactors = Jdbc.texts(rs, "win_factors");
        f.lossReason = rs.getString("loss_reason");
        f.cycleDays = Jdbc.integer(rs, "cycle_days");
        f.slaBreaches = rs.getInt("sla_breaches");
        f.slaDeadline = Jdbc.instant(rs, "sla_deadline");
        f.erasedAt = Jdbc.instant(rs, "erased_at");
        f.mergedInto = rs.getString("merged_into");
        f.lastEventAt = Jdbc.instant(rs, "last_event_at");
        return f;
    }

    interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    <T> List<T> query(String sql, List<Object> params, Row<T> row) {
        return Jdbc.query(dataSource, "Read-model query", sql, params, row);
    }

    /** A uuid[] parameter (a {@code List} binds as text[]). */
    record Uuids(UUID[] ids) {
    }

    int update(String sql, List<Object> params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            Jdbc.bind(c, ps, params);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Read-model write failed: " + e.getMessage(), e);
        }
    }
}
