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

import io.leadflow.intake.repository.ImportStore.RowRecord;

/** An import as its report reads it: the upload's counts and state, and its rows' outcomes in sheet order. */
@ApplicationScoped
public class ImportResults {

    /**
     * @param columnsJson the sheet's header row as a JSON array, as uploaded
     * @param rowsInFile  the file's non-blank data rows, counted at upload (null for imports from before)
     * @param attempts    how many times a worker took the import up; more than one means it was resumed
     * @param retryOf     the FAILED import of the same bytes this one continues, if any
     */
    public record ImportRecord(String id, String fileName, String format, String charset, String status,
                               int totalRows, int qualified, int rejected, int duplicates, int alreadyImported,
                               int invalid, String error, Instant createdAt, String createdBy, Instant finishedAt,
                               String columnsJson, Integer rowsInFile, int attempts, Instant startedAt,
                               String retryOf) {
    }

    private final DataSource dataSource;

    public ImportResults(DataSource dataSource) {
        this.dataSource = dataSource;
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
                Timestamp started = rs.getTimestamp("started_at");
                return Optional.of(new ImportRecord(rs.getString("id"), rs.getString("file_name"),
                        rs.getString("format"), rs.getString("charset"), rs.getString("status"),
                        rs.getInt("total_rows"), rs.getInt("qualified"), rs.getInt("rejected"),
                        rs.getInt("duplicates"), rs.getInt("already_imported"), rs.getInt("invalid"),
                        rs.getString("error"), rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"),
                        finished == null ? null : finished.toInstant(), rs.getString("columns"),
                        (Integer) rs.getObject("rows_in_file"), rs.getInt("attempts"),
                        started == null ? null : started.toInstant(), rs.getString("retry_of")));
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
                "select row_number, outcome, lead_id, reasons, cells, phone_key, email_key from lead_import_row "
                        + "where import_id = ?" + filter
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
                            rs.getString(5), rs.getString(6), rs.getString(7)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read import rows", e);
        }
    }
}
