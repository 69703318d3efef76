package io.leadflow.analytics.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.leadflow.analytics.domain.Generation;

/** The model generations: which one answers queries, which one a rebuild is filling, and their clean-up. */
@ApplicationScoped
public class GenerationRepository {

    private final DataSource dataSource;

    public GenerationRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public int startBuilding(String startedBy, String note) {
        List<Generation> building = list("where status = 'BUILDING'");
        if (!building.isEmpty()) {
            return -building.get(0).generation();
        }
        // A new generation starts empty, so its cube is right from the first event on.
        return query("insert into model_generation (generation, status, started_by, note, aggregates_ready) "
                + "select coalesce(max(generation), 0) + 1, 'BUILDING', ?, ?, true from model_generation "
                + "returning generation",
                java.util.Arrays.asList(startedBy, note), rs -> rs.getInt(1)).get(0);
    }

    /** Makes {@code generation} the one that answers; the previously active one is retired. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void switchTo(int generation, long events) {
        update("update model_generation set status = 'RETIRED', switched_at = now() where status = 'ACTIVE'",
                List.of());
        update("update model_generation set status = 'ACTIVE', switched_at = now(), events = ? where generation = ?",
                List.of(events, generation));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void progress(int generation, long events) {
        update("update model_generation set events = ? where generation = ?", List.of(events, generation));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void fail(int generation, String why) {
        update("update model_generation set status = 'FAILED', note = ? where generation = ? and status = 'BUILDING'",
                List.of(why.length() > 1000 ? why.substring(0, 1000) : why, generation));
    }

    /** Deletes the rows of generations that no longer answer nor build. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int purgeInactive() {
        int rows = 0;
        for (String table : List.of("lead_cube", "lead_fact", "lead_grade_history", "lead_stage_history", "sla_breach",
                "generation_event")) {
            rows += update("delete from " + table + " where generation in (select generation from model_generation "
                    + "where status in ('RETIRED', 'FAILED'))", List.of());
        }
        return rows;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public List<Generation> failStaleBuilds(String why) {
        List<Generation> stale = list("where status = 'BUILDING'");
        stale.forEach(g -> fail(g.generation(), why));
        return stale;
    }

    public List<Generation> recent() {
        return list("order by generation desc limit 5");
    }

    private List<Generation> list(String tail) {
        return query("select generation, status, started_at, started_by, switched_at, events, note "
                + "from model_generation " + tail, List.of(), rs -> new Generation(rs.getInt(1), rs.getString(2),
                Jdbc.instant(rs, "started_at"), rs.getString("started_by"), Jdbc.instant(rs, "switched_at"),
                rs.getLong("events"), rs.getString("note")));
    }

    private <T> List<T> query(String sql, List<Object> params, FactsRepository.Row<T> row) {
        return Jdbc.query(dataSource, "Generation query", sql, params, row);
    }

    private int update(String sql, List<Object> params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            Jdbc.bind(c, ps, params);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Generation update failed: " + e.getMessage(), e);
        }
    }
}
