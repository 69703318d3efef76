package io.leadflow.intake.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Import bookkeeping in plain SQL: the upload row (unique by file hash) and the per-row outcomes, in batches. */
@ApplicationScoped
public class ImportStore {

    /** @param columnsJson the sheet's header row as a JSON array, as uploaded */
    public record ImportRecord(String id, String fileName, String format, String charset, String status,
                               int totalRows, int qualified, int rejected, int duplicates, int alreadyImported,
                               int invalid, String error, Instant createdAt, String createdBy, Instant finishedAt,
                               String columnsJson) {
    }

    /** @param cellsJson the row's cells as a JSON array, kept for a row that did not qualify; else null */
    public record RowRecord(int row, String outcome, String leadId, String reasonsJson, String cellsJson) {
    }

    private final DataSource dataSource;

    public ImportStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The id of the import of this file: a new one, or the existing one when the same bytes were uploaded before. */
    @Transactional
    public Optional<String> existingOrInsert(String id, String fileName, String format, String charset, String sha256,
                                             String columnsJson, Instant at, String actor) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement insert = c.prepareStatement("""
                    insert into lead_import (id, file_name, format, charset, sha256, status, created_at, created_by, columns)
                    values (?, ?, ?, ?, ?, 'PROCESSING', ?, ?, ?) on conflict (sha256) do nothing""")) {
                insert.setString(1, id);
                insert.setString(2, fileName);
                insert.setString(3, format);
                insert.setString(4, charset);
                insert.setString(5, sha256);
                insert.setTimestamp(6, Timestamp.from(at));
                insert.setString(7, actor);
                insert.setString(8, columnsJson);
                if (insert.executeUpdate() == 1) {
                    return Optional.empty();
                }
            }
            try (PreparedStatement q = c.prepareStatement("select id from lead_import where sha256 = ?")) {
                q.setString(1, sha256);
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    return Optional.of(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record the import", e);
        }
    }

    /** Appends row outcomes and adds them to the counts, in one transaction. */
    @Transactional
    public void record(String importId, List<RowRecord> rows) {
        if (rows.isEmpty()) {
            return;
        }
        int[] counts = new int[5];
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement insert = c.prepareStatement(
                    "insert into lead_import_row (import_id, row_number, outcome, lead_id, reasons, cells) values (?, ?, ?, ?, ?, ?)")) {
                for (RowRecord r : rows) {
                    insert.setString(1, importId);
                    insert.setInt(2, r.row());
                    insert.setString(3, r.outcome());
                    insert.setString(4, r.leadId());
                    insert.setString(5, r.reasonsJson());
                    insert.setString(6, r.cellsJson());
                    insert.addBatch();
                    switch (r.outcome()) {
                        case "QUALIFIED" -> counts[0]++;
                        case "REJECTED" -> counts[1]++;
                        case "DUPLICATE" -> counts[2]++;
                        case "ALREADY_IMPORTED" -> counts[3]++;
                        default -> counts[4]++;
                    }
                }
                insert.executeBatch();
            }
            try (PreparedStatement update = c.prepareStatement("""
                    update lead_import set total_rows = total_rows + ?, qualified = qualified + ?, rejected = rejected + ?,
                    duplicates = duplicates + ?, already_imported = already_imported + ?, invalid = invalid + ?
                    where id = ?""")) {
                update.setInt(1, rows.size());
                for (int i = 0; i < 5; i++) {
                    update.setInt(i + 2, counts[i]);
                }
                update.setString(7, importId);
                update.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record import rows", e);
        }
    }

    @Transactional
    public void finish(String importId, String status, String error, Instant at) {
        try (Connection c = dataSource.getConnection(); PreparedStatement update = c.prepareStatement(
                "update lead_import set status = ?, error = ?, finished_at = ? where id = ?")) {
            update.setString(1, status);
            update.setString(2, error);
            update.setTimestamp(3, Timestamp.from(at));
            update.setString(4, importId);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not finish the import", e);
        }
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<ImportRecord> find(String id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("select * from lead_import where id = ?")) {
            q.setString(1, id);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Timestamp finished = rs.getTimestamp("finished_at");
                return Optional.of(new ImportRecord(rs.getString("id"), rs.getString("file_name"),
                        rs.getString("format"), rs.getString("charset"), rs.getString("status"),
                        rs.getInt("total_rows"), rs.getInt("qualified"), rs.getInt("rejected"),
                        rs.getInt("duplicates"), rs.getInt("already_imported"), rs.getInt("invalid"),
                        rs.getString("error"), rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"),
                        finished == null ? null : finished.toInstant(), rs.getString("columns")));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the import", e);
        }
    }

    /** Rows in sheet order; {@code outcome} null for all, {@code "PROBLEMS"} for every row that did not qualify. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<RowRecord> rows(String importId, String outcome, int offset, int limit) {
        String filter = outcome == null ? "" : "PROBLEMS".equals(outcome) ? " and outcome <> 'QUALIFIED'" : " and outcome = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(
                "select row_number, outcome, lead_id, reasons, cells from lead_import_row where import_id = ?" + filter
                        + " order by row_number limit ? offset ?")) {
            int i = 1;
            q.setString(i++, importId);
            if (outcome != null && !"PROBLEMS".equals(outcome)) {
                q.setString(i++, outcome);
            }
            q.setInt(i++, limit);
            q.setInt(i, offset);
            List<RowRecord> rows = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    rows.add(new RowRecord(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read import rows", e);
        }
    }

    /**
     * Forgets the cells of problem rows of imports older than {@code before}: they are kept only for the sheet's
     * owner to fix and upload again, and an invalid row belongs to no lead that an erasure could reach.
     */
    @Transactional
    public int forgetCells(Instant before) {
        try (Connection c = dataSource.getConnection(); PreparedStatement update = c.prepareStatement("""
                update lead_import_row r set cells = null from lead_import i
                where i.id = r.import_id and i.created_at < ? and r.cells is not null""")) {
            update.setTimestamp(1, Timestamp.from(before));
            return update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not forget old import cells", e);
        }
    }
}
