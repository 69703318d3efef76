package io.leadflow.analytics.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.leadflow.analytics.domain.Aggregates;
import io.leadflow.analytics.domain.LeadFacts;

/**
 * Streams a generation's facts with each lead's stage moves and SLA breaches, three cursors walked side by side in
 * lead id order (byte order, so Java's and PostgreSQL's agree), for the cube's backfill.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class AggregatesBackfill {

    public interface LeadVisitor {
        void visit(LeadFacts facts, List<Aggregates.Move> moves, List<Aggregates.Breach> breaches);
    }

    private final DataSource dataSource;

    public AggregatesBackfill(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Blocks event handlers' writes to the facts until the caller's transaction ends. */
    public void lockFacts() {
        exec("lock table lead_fact in share mode");
    }

    public void markReady(int generation) {
        exec("update model_generation set aggregates_ready = true where generation = " + generation);
    }

    public long forEachLead(int generation, LeadVisitor visitor) {
        return forEachLead(generation, null, visitor);
    }

    /** Every lead of {@code generation} (registered in {@code month} when given). */
    public long forEachLead(int generation, LocalDate month, LeadVisitor visitor) {
        String leads = month == null ? "" : " and lead_id in (select lead_id from lead_fact where generation = "
                + generation + " and registered_month = '" + month + "')";
        try (Connection c = dataSource.getConnection();
             PreparedStatement f = c.prepareStatement("select " + FactsRepository.COLUMNS + " from lead_fact where "
                     + "generation = ? and registered_on is not null" + (month == null ? "" : " and registered_month = ?")
                     + " order by lead_id collate \"C\"");
             PreparedStatement m = c.prepareStatement("select lead_id, to_stage, occurred_at from lead_stage_history "
                     + "where generation = ?" + leads + " order by lead_id collate \"C\"");
             PreparedStatement b = c.prepareStatement("select lead_id, owner_id, source from sla_breach "
                     + "where generation = ?" + leads + " order by lead_id collate \"C\"")) {
            for (PreparedStatement ps : List.of(f, m, b)) {
                ps.setFetchSize(5000);
                ps.setInt(1, generation);
            }
            if (month != null) {
                f.setObject(2, month);
            }
            long n = 0;
            try (ResultSet fr = f.executeQuery(); ResultSet mr = m.executeQuery(); ResultSet br = b.executeQuery()) {
                Cursor moves = new Cursor(mr);
                Cursor breaches = new Cursor(br);
                while (fr.next()) {
                    LeadFacts facts = FactsRepository.read(fr);
                    List<Aggregates.Move> ms = new ArrayList<>();
                    moves.skipBefore(facts.leadId);
                    while (moves.at(facts.leadId)) {
                        ms.add(new Aggregates.Move(mr.getString("to_stage"), Jdbc.instant(mr, "occurred_at")));
                        moves.next();
                    }
                    List<Aggregates.Breach> bs = new ArrayList<>();
                    breaches.skipBefore(facts.leadId);
                    while (breaches.at(facts.leadId)) {
                        bs.add(new Aggregates.Breach(br.getString("owner_id"), br.getString("source")));
                        breaches.next();
                    }
                    visitor.visit(facts, ms, bs);
                    n++;
                }
            }
            return n;
        } catch (SQLException e) {
            throw new IllegalStateException("Aggregates backfill failed: " + e.getMessage(), e);
        }
    }

    /** A result set ordered by lead id, positioned on its current row (or past the end). */
    private static final class Cursor {
        private final ResultSet rs;
        private String leadId;

        Cursor(ResultSet rs) throws SQLException {
            this.rs = rs;
            next();
        }

        void next() throws SQLException {
            leadId = rs.next() ? rs.getString("lead_id") : null;
        }

        /** Skips rows of leads before {@code id} (rows without facts, or unregistered leads). */
        void skipBefore(String id) throws SQLException {
            while (leadId != null && leadId.compareTo(id) < 0) {
                next();
            }
        }

        boolean at(String id) {
            return id.equals(leadId);
        }
    }

    private void exec(String sql) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.execute();
        } catch (SQLException e) {
            throw new IllegalStateException("Aggregates backfill failed: " + e.getMessage(), e);
        }
    }
}
