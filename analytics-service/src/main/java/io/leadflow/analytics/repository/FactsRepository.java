package io.leadflow.analytics.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

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
            last_event_at""";

    private final DataSource dataSource;

    public FactsRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Generations an event must be applied to: the active one and one being rebuilt, if any. */
    public List<Integer> liveGenerations() {
        return query("select generation from model_generation where status in ('ACTIVE', 'BUILDING') "
                + "order by generation", List.of(), rs -> rs.getInt(1));
    }

    /** Records that {@code generation} applied {@code eventId}; false when it already had. */
    public boolean markApplied(int generation, UUID eventId) {
        return update("insert into generation_event (generation, event_id) values (?, ?) on conflict do nothing",
                List.of(generation, eventId)) == 1;
    }

    /**
     * Creates the lead's row if missing, then locks it. Inserting first (rather than reading an absent row and
     * inserting later) makes a concurrent first event for the same lead wait instead of overwriting this one.
     */
    public LeadFacts lockOrCreate(int generation, String leadId, java.time.Instant at) {
        update("insert into lead_fact (generation, lead_id, last_event_at) values (?, ?, ?) on conflict do nothing",
                List.of(generation, leadId, at));
        return lockFacts(generation, leadId).orElseThrow();
    }

    public Optional<LeadFacts> lockFacts(int generation, String leadId) {
        List<LeadFacts> rows = query("select " + COLUMNS + " from lead_fact where generation = ? and lead_id = ? "
                + "for update", List.of(generation, leadId), FactsRepository::read);
        return rows.stream().findFirst();
    }

    public void saveFacts(int generation, LeadFacts f) {
        List<Object> values = new ArrayList<>(List.of(generation));
        values.addAll(java.util.Arrays.asList(f.leadId, f.profileAt, f.channel, f.source, f.sourceDetail,
                f.utmSource, f.utmMedium, f.utmCampaign, f.utmTerm, f.utmContent, f.industry, f.region,
                f.companySize, f.customerType, f.declaredIntent, f.decisionCycleDays, f.registeredAt, f.registeredOn,
                f.registeredMonth, f.screening, f.screeningAt, f.rejectionReasons, f.mergedTouches, f.grade,
                f.gradeScore, f.gradeAt, f.gradeChanges, f.ownerId, f.ownerAt, f.assignedAt, f.reassignments,
                f.firstResponseAt, f.touches, f.stage, f.stageAt, f.maxStageRank, f.outcome, f.outcomeAt, f.wonOn,
                f.lostOn, f.amount, f.currency, f.winFactors, f.lossReason, f.cycleDays, f.slaBreaches,
                f.slaDeadline, f.erasedAt, f.lastEventAt));
        String[] cols = ("generation, " + COLUMNS).replaceAll("\\s+", " ").split(", ");
        StringBuilder set = new StringBuilder();
        for (String col : cols) {
            String c = col.trim();
            if (c.equals("generation") || c.equals("lead_id")) {
                continue;
            }
            if (!set.isEmpty()) {
                set.append(", ");
            }
            set.append(c).append(" = excluded.").append(c);
        }
        String sql = "insert into lead_fact (generation, " + COLUMNS + ") values ("
                + "?, ".repeat(cols.length - 1) + "?) on conflict (generation, lead_id) do update set " + set;
        update(sql, values);
    }

    public void saveHistory(int generation, String leadId, List<FactsProjection.HistoryEntry> entries) {
        for (FactsProjection.HistoryEntry entry : entries) {
            if (entry instanceof FactsProjection.GradeEntry g) {
                update("""
                        insert into lead_grade_history (generation, event_id, lead_id, grade, score, previous_grade,
                            given, occurred_at) values (?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""",
                        java.util.Arrays.asList(generation, g.eventId(), leadId, g.grade(), g.score(),
                                g.previousGrade(), g.given(), g.occurredAt()));
            } else if (entry instanceof FactsProjection.StageEntry s) {
                update("""
                        insert into lead_stage_history (generation, event_id, lead_id, from_stage, to_stage, owner_id,
                            occurred_at) values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing""",
                        java.util.Arrays.asList(generation, s.eventId(), leadId, s.fromStage(), s.toStage(),
                                s.ownerId(), s.occurredAt()));
            } else if (entry instanceof FactsProjection.SlaBreachEntry b) {
                update("""
                        insert into sla_breach (generation, event_id, lead_id, grade, source, owner_id, assigned_at,
                            deadline, occurred_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""",
                        java.util.Arrays.asList(generation, b.eventId(), leadId, b.grade(), b.source(), b.ownerId(),
                                b.assignedAt(), b.deadline(), b.occurredAt()));
            }
        }
    }

    /** The lead's stage moves, for the cube's hours in stage. */
    public List<io.leadflow.analytics.domain.Aggregates.Move> moves(int generation, String leadId) {
        return query("select to_stage, occurred_at from lead_stage_history where generation = ? and lead_id = ?",
                List.of(generation, leadId), rs -> new io.leadflow.analytics.domain.Aggregates.Move(rs.getString(1),
                        Jdbc.instant(rs, "occurred_at")));
    }

    /** The lead's SLA breaches (owner and source as the breach events named them), for the cube. */
    public List<io.leadflow.analytics.domain.Aggregates.Breach> breaches(int generation, String leadId) {
        return query("select owner_id, source from sla_breach where generation = ? and lead_id = ?",
                List.of(generation, leadId), rs -> new io.leadflow.analytics.domain.Aggregates.Breach(rs.getString(1),
                        rs.getString(2)));
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
        f.lastEventAt = Jdbc.instant(rs, "last_event_at");
        return f;
    }

    interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    <T> List<T> query(String sql, List<Object> params, Row<T> row) {
        return Jdbc.query(dataSource, "Read-model query", sql, params, row);
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
