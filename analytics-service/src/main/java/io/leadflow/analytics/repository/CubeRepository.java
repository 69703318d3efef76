package io.leadflow.analytics.repository;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadflow.analytics.domain.Aggregates;
import io.leadflow.analytics.domain.Aggregates.Cell;
import io.leadflow.analytics.domain.Aggregates.Count;
import io.leadflow.analytics.domain.Aggregates.Delta;
import io.leadflow.analytics.domain.Aggregates.Slice;
import io.leadflow.analytics.domain.Dimension;
import io.leadflow.events.contract.EventJson;

/** The cube's rows (V13__aggregates.sql): adding deltas on the caller's transaction, and reading cells back. */
@ApplicationScoped
public class CubeRepository {

    static final String[] COUNT_COLUMNS = {"leads", "qualified", "rejected", "open", "won", "lost", "no_outcome",
        "assigned", "responded", "breached"};

    private final DataSource dataSource;

    public CubeRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public static String column(Dimension d) {
        return switch (d) {
            case SOURCE -> "source";
            case GRADE -> "grade";
            case OWNER -> "owner_id";
            case REGION -> "region";
            case INDUSTRY -> "industry";
            case MONTH -> "to_char(month, 'YYYY-MM')";
        };
    }

    /**
     * The jsonb column a hist map is kept in: the first-response bucket counts and sum in {@code resp_b} and the
     * exact minutes per bucket in {@code resp_x} (V14), apart from the other maps in {@code hist}, so that reading
     * the few bucket counts of a cell does not decompress all its maps.
     */
    public static String histColumn(String name) {
        if (name.equals(Aggregates.RESPONSE_BUCKETS) || name.equals(Aggregates.RESPONSE_SUM)) {
            return "resp_b";
        }
        return name.startsWith(Aggregates.RESPONSE_MINUTES) ? "resp_x" : "hist";
    }

    private static final String[] HIST_COLUMNS = {"hist", "resp_b", "resp_x"};

    /** Whether {@code generation}'s cube matches its facts (else tables read the facts). */
    public boolean ready(int generation) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "select aggregates_ready from model_generation where generation = ?")) {
            ps.setInt(1, generation);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cube query failed: " + e.getMessage(), e);
        }
    }

    /** Adds every delta to its cell, creating cells as needed; one statement per batch of cells. */
    public void add(int generation, Map<Cell, Delta> deltas) {
        if (deltas.isEmpty()) {
            return;
        }
        StringBuilder set = new StringBuilder();
        for (String col : COUNT_COLUMNS) {
            set.append(col).append(" = lead_cube.").append(col).append(" + excluded.").append(col).append(", ");
        }
        set.append("won_amount = lead_cube.won_amount + excluded.won_amount");
        for (String col : HIST_COLUMNS) {
            set.append(", ").append(col).append(" = cube_hist_add(lead_cube.").append(col).append(", excluded.")
                    .append(col).append(")");
        }
        String head = "insert into lead_cube (generation, slice, month, source, grade, owner_id, region, industry, "
                + String.join(", ", COUNT_COLUMNS) + ", won_amount, " + String.join(", ", HIST_COLUMNS) + ") values ";
        String row = "(?, ?, ?, ?, ?, ?, ?, ?" + ", ?".repeat(COUNT_COLUMNS.length) + ", ?"
                + ", ?::jsonb".repeat(HIST_COLUMNS.length) + ")";
        // A stable order of cells, so that two transactions adding to the same cells lock them in the same order
        // (each cell's sort key built once, not at every comparison).
        java.util.TreeMap<String, Map.Entry<Cell, Delta>> sorted = new java.util.TreeMap<>();
        deltas.entrySet().forEach(e -> sorted.put(e.getKey().toString(), e));
        List<Map.Entry<Cell, Delta>> entries = new ArrayList<>(sorted.values());
        try (Connection c = dataSource.getConnection()) {
            for (int from = 0; from < entries.size(); from += 500) {
                List<Map.Entry<Cell, Delta>> batch = entries.subList(from, Math.min(entries.size(), from + 500));
                String sql = head + String.join(", ", java.util.Collections.nCopies(batch.size(), row))
                        + " on conflict (generation, slice, month, source, grade, owner_id, region, industry) "
                        + "do update set " + set;
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    int i = 1;
                    for (Map.Entry<Cell, Delta> e : batch) {
                        Cell cell = e.getKey();
                        Delta d = e.getValue();
                        ps.setInt(i++, generation);
                        ps.setString(i++, cell.slice().code());
                        ps.setObject(i++, cell.month());
                        ps.setString(i++, cell.source());
                        ps.setString(i++, cell.grade());
                        ps.setString(i++, cell.ownerId());
                        ps.setString(i++, cell.region());
                        ps.setString(i++, cell.industry());
                        for (Count count : Count.values()) {
                            ps.setLong(i++, d.count(count));
                        }
                        ps.setBigDecimal(i++, d.wonAmount);
                        Map<String, Map<String, Map<String, Long>>> byColumn = new java.util.HashMap<>();
                        for (String col : HIST_COLUMNS) {
                            byColumn.put(col, new java.util.TreeMap<>());
                        }
                        d.hist.forEach((name, values) -> byColumn.get(histColumn(name)).put(name, values));
                        for (String col : HIST_COLUMNS) {
                            ps.setString(i++, EventJson.mapper().writeValueAsString(byColumn.get(col)));
                        }
                    }
                    ps.executeUpdate();
                }
            }
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Cube write failed: " + e.getMessage(), e);
        }
    }

    public void clear(int generation) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("delete from lead_cube where generation = ?")) {
            ps.setInt(1, generation);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cube write failed: " + e.getMessage(), e);
        }
    }

    /** Every stored cell of {@code generation} registered in {@code month} (for checks against a recomputation). */
    public Map<Cell, Delta> cells(int generation, LocalDate month) {
        Map<Cell, Delta> out = new java.util.HashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select * from lead_cube where generation = ? and month = ?")) {
            ps.setInt(1, generation);
            ps.setObject(2, month);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Slice slice = java.util.Arrays.stream(Slice.values())
                            .filter(s -> s.code().equals(uncheckedString(rs, "slice"))).findFirst().orElseThrow();
                    Cell cell = new Cell(slice, month, rs.getString("source"), rs.getString("grade"),
                            rs.getString("owner_id"), rs.getString("region"), rs.getString("industry"));
                    Delta d = new Delta();
                    for (Count count : Count.values()) {
                        d.counts[count.ordinal()] = rs.getLong(COUNT_COLUMNS[count.ordinal()]);
                    }
                    d.wonAmount = rs.getBigDecimal("won_amount");
                    for (String col : HIST_COLUMNS) {
                        Map<String, Map<String, Long>> hist = EventJson.mapper().readValue(rs.getString(col),
                                new com.fasterxml.jackson.core.type.TypeReference<Map<String, Map<String, Long>>>() { });
                        hist.forEach((k, v) -> d.hist.put(k, new java.util.TreeMap<>(v)));
                    }
                    if (!d.isZero()) {
                        out.put(cell, d);
                    }
                }
            }
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Cube query failed: " + e.getMessage(), e);
        }
        return out;
    }

    private static String uncheckedString(ResultSet rs, String col) {
        try {
            return rs.getString(col);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static BigDecimal zeroIfNull(BigDecimal v) {
        return v == null ? BigDecimal.ZERO : v;
    }
}
