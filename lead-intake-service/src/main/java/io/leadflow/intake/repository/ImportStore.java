package io.leadflow.intake.repository;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.leadflow.intake.domain.ImportStatus;

/**
 * Imports as jobs in plain SQL: the upload row (one live import per file hash), its file in chunks until it ends,
 * the claim a worker holds on it under a lease, and the per-row outcomes, each recorded in the transaction that
 * captured the row.
 */
@ApplicationScoped
public class ImportStore {

    /** Stored file chunks: small enough for one statement, few enough (20 for the largest upload) to stay cheap. */
    static final int CHUNK = 1024 * 1024;

    /**
     * @param cellsJson the row's cells as a JSON array, kept for a row that did not qualify; else null
     * @param phoneKey  the phone the row names, as a duplicate key (E.164); null when none could be read
     * @param emailKey  the email the row names, as a duplicate key
     */
    public record RowRecord(int row, String outcome, String leadId, String reasonsJson, String cellsJson,
                            String phoneKey, String emailKey) {
    }

    /** What an upload stores: the import's row; its file comes as the spooled upload. */
    public record NewImport(String id, String fileName, String format, String charset, String sha256,
                            String columnsJson, int rowsInFile, Instant at, String actor) {
    }

    /**
     * @param importId        the import that has these bytes: the new one, or the one that answered the upload
     * @param alreadyUploaded the same bytes are an import that has not failed; nothing new was stored
     * @param retryOf         the failed import of these bytes that the new one continues
     */
    public record Enqueued(String importId, boolean alreadyUploaded, String retryOf) {
    }

    /** A worker's hold on an import; every write of the worker is conditional on still holding it. */
    public record Claim(String importId, String claimant, String charset, int attempts) {
    }

    /** The worker no longer holds the import (its lease lapsed and another instance took it up). */
    public static final class ClaimLostException extends RuntimeException {
        public ClaimLostException(String importId) {
            super("The claim on import " + importId + " was lost to another worker");
        }
    }

    private final DataSource dataSource;

    public ImportStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Stores an upload as a QUEUED import with its file, in one transaction, unless the same bytes are an import that
     * has not failed: then that import answers. When they are a failed import, the new one takes over the rows the
     * failed one recorded (outcomes and counts), so that it goes on where that one stopped.
     */
    @Transactional
    public Enqueued enqueue(NewImport n, Path file) {
        try (Connection c = dataSource.getConnection()) {
            String failed = null;
            try (PreparedStatement q = c.prepareStatement(
                    "select id, status from lead_import where sha256 = ? order by created_at desc, id")) {
                q.setString(1, n.sha256());
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        if (ImportStatus.valueOf(rs.getString(2)).answersAReupload()) {
                            return new Enqueued(rs.getString(1), true, null);
                        }
                        if (failed == null) {
                            failed = rs.getString(1);
                        }
                    }
                }
            }
            try (PreparedStatement insert = c.prepareStatement("""
                    insert into lead_import (id, file_name, format, charset, sha256, status, created_at, created_by,
                    columns, rows_in_file, retry_of) values (?, ?, ?, ?, ?, 'QUEUED', ?, ?, ?, ?, ?)
                    on conflict (sha256) where status <> 'FAILED' do nothing""")) {
                insert.setString(1, n.id());
                insert.setString(2, n.fileName());
                insert.setString(3, n.format());
                insert.setString(4, n.charset());
                insert.setString(5, n.sha256());
                insert.setTimestamp(6, Timestamp.from(n.at()));
                insert.setString(7, n.actor());
                insert.setString(8, n.columnsJson());
                insert.setInt(9, n.rowsInFile());
                insert.setString(10, failed);
                if (insert.executeUpdate() == 0) {
                    // the same bytes, uploaded at the same moment by someone else: theirs answers
                    try (PreparedStatement q = c.prepareStatement(
                            "select id from lead_import where sha256 = ? and status <> 'FAILED'")) {
                        q.setString(1, n.sha256());
                        try (ResultSet rs = q.executeQuery()) {
                            rs.next();
                            return new Enqueued(rs.getString(1), true, null);
                        }
                    }
                }
            }
            if (failed != null) {
                carryOver(c, failed, n.id());
            }
            storeFile(c, n.id(), file);
            return new Enqueued(n.id(), false, failed);
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Could not store the import", e);
        }
    }

    private static void carryOver(Connection c, String from, String to) throws SQLException {
        try (PreparedStatement rows = c.prepareStatement("""
                insert into lead_import_row (import_id, row_number, outcome, lead_id, reasons, cells, phone_key, email_key)
                select ?, row_number, outcome, lead_id, reasons, cells, phone_key, email_key
                from lead_import_row where import_id = ?""");
             PreparedStatement counts = c.prepareStatement("""
                     update lead_import n set total_rows = o.total_rows, qualified = o.qualified, rejected = o.rejected,
                     duplicates = o.duplicates, already_imported = o.already_imported, invalid = o.invalid
                     from lead_import o where n.id = ? and o.id = ?""")) {
            rows.setString(1, to);
            rows.setString(2, from);
            rows.executeUpdate();
            counts.setString(1, to);
            counts.setString(2, from);
            counts.executeUpdate();
        }
    }

    private static void storeFile(Connection c, String importId, Path file) throws SQLException, IOException {
        try (InputStream in = Files.newInputStream(file); PreparedStatement insert = c.prepareStatement(
                "insert into lead_import_file (import_id, chunk, bytes) values (?, ?, ?)")) {
            byte[] chunk;
            int n = 0;
            while ((chunk = in.readNBytes(CHUNK)).length > 0) {
                insert.setString(1, importId);
                insert.setInt(2, n++);
                insert.setBytes(3, chunk);
                insert.executeUpdate();
            }
        }
    }

    /**
     * Claims the oldest import that no live lease holds: a new one, or one whose worker stopped renewing its lease.
     * {@code SKIP LOCKED} lets instances polling at the same moment take different imports. Lease times are the
     * database's, so that the instances' clocks need not agree.
     */
    @Transactional
    public Optional<Claim> claim(String claimant, Duration lease) {
        try (Connection c = dataSource.getConnection(); PreparedStatement claim = c.prepareStatement("""
                with next as (
                    select id from lead_import
                    where status in ('QUEUED', 'PROCESSING') and (lease_until is null or lease_until < now())
                    order by created_at, id limit 1 for update skip locked)
                update lead_import i set status = 'PROCESSING', claimed_by = ?,
                    lease_until = now() + ? * interval '1 millisecond', attempts = i.attempts + 1,
                    started_at = coalesce(i.started_at, now())
                from next where i.id = next.id
                returning i.id, i.charset, i.attempts""")) {
            claim.setString(1, claimant);
            claim.setLong(2, lease.toMillis());
            try (ResultSet rs = claim.executeQuery()) {
                return rs.next() ? Optional.of(new Claim(rs.getString(1), claimant, rs.getString(2), rs.getInt(3)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not claim an import", e);
        }
    }

    /** Copies the import's stored file to {@code to}, chunk by chunk. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public void copyFile(String importId, Path to) throws IOException {
        try (Connection c = dataSource.getConnection(); OutputStream out = Files.newOutputStream(to);
             PreparedStatement q = c.prepareStatement(
                     "select bytes from lead_import_file where import_id = ? and chunk = ?")) {
            for (int n = 0; ; n++) {
                q.setString(1, importId);
                q.setInt(2, n);
                try (ResultSet rs = q.executeQuery()) {
                    if (!rs.next()) {
                        if (n == 0) {
                            throw new IOException("The import's file is not stored");
                        }
                        return;
                    }
                    out.write(rs.getBytes(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the import's file", e);
        }
    }

    /** The last row whose outcome is recorded (0 when none is): a resumed import goes on after it. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public int lastRecordedRow(String importId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(
                "select coalesce(max(row_number), 0) from lead_import_row where import_id = ?")) {
            q.setString(1, importId);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the import's progress", e);
        }
    }

    /** Whether the row's outcome is recorded: after a commit whose answer was lost, it tells whether it happened. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean recorded(String importId, int row) {
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(
                "select 1 from lead_import_row where import_id = ? and row_number = ?")) {
            q.setString(1, importId);
            q.setInt(2, row);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the import's progress", e);
        }
    }

    /**
     * Records rows' outcomes, adds them to the counts and renews the claim's lease, in the caller's transaction (the
     * one that captured the rows), in two statements however many rows. Throws when the claim is lost, so that the
     * captures roll back with it: the worker that now holds the import captures the rows instead.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordAll(Claim claim, java.util.List<RowRecord> rows, Duration lease) {
        int[] counts = new int[5]; // qualified, rejected, duplicates, already_imported, invalid
        for (RowRecord r : rows) {
            counts[switch (r.outcome()) {
                case "QUALIFIED" -> 0;
                case "REJECTED" -> 1;
                case "DUPLICATE" -> 2;
                case "ALREADY_IMPORTED" -> 3;
                default -> 4;
            }]++;
        }
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement update = c.prepareStatement("""
                    update lead_import set total_rows = total_rows + ?, qualified = qualified + ?,
                        rejected = rejected + ?, duplicates = duplicates + ?, already_imported = already_imported + ?,
                        invalid = invalid + ?, lease_until = now() + ? * interval '1 millisecond'
                    where id = ? and claimed_by = ? and status = 'PROCESSING'""")) {
                update.setInt(1, rows.size());
                for (int i = 0; i < counts.length; i++) {
                    update.setInt(2 + i, counts[i]);
                }
                update.setLong(7, lease.toMillis());
                update.setString(8, claim.importId());
                update.setString(9, claim.claimant());
                if (update.executeUpdate() == 0) {
                    throw new ClaimLostException(claim.importId());
                }
            }
            try (PreparedStatement insert = c.prepareStatement("""
                    insert into lead_import_row (import_id, row_number, outcome, lead_id, reasons, cells, phone_key,
                    email_key) values (?, ?, ?, ?, ?, ?, ?, ?)""")) {
                for (RowRecord r : rows) {
                    insert.setString(1, claim.importId());
                    insert.setInt(2, r.row());
                    insert.setString(3, r.outcome());
                    insert.setString(4, r.leadId());
                    insert.setString(5, r.reasonsJson());
                    insert.setString(6, r.cellsJson());
                    insert.setString(7, r.phoneKey());
                    insert.setString(8, r.emailKey());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record import rows " + rows.get(0).row() + " to "
                    + rows.get(rows.size() - 1).row(), e);
        }
    }

    /** Renews the claim's lease while its worker waits to try a row again; throws when the claim was lost. */
    @Transactional
    public void renew(Claim claim, Duration lease) {
        try (Connection c = dataSource.getConnection(); PreparedStatement update = c.prepareStatement("""
                update lead_import set lease_until = now() + ? * interval '1 millisecond'
                where id = ? and claimed_by = ? and status = 'PROCESSING'""")) {
            update.setLong(1, lease.toMillis());
            update.setString(2, claim.importId());
            update.setString(3, claim.claimant());
            if (update.executeUpdate() == 0) {
                throw new ClaimLostException(claim.importId());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not renew the import's lease", e);
        }
    }

    /**
     * Ends the import DONE or FAILED and deletes its file, if the claim still holds.
     *
     * @return false when another worker holds the import now (it will end it)
     */
    @Transactional
    public boolean finish(Claim claim, ImportStatus status, String error, Instant at) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement update = c.prepareStatement("""
                    update lead_import set status = ?, error = ?, finished_at = ?, claimed_by = null, lease_until = null
                    where id = ? and claimed_by = ?""")) {
                update.setString(1, status.name());
                update.setString(2, error);
                update.setTimestamp(3, Timestamp.from(at));
                update.setString(4, claim.importId());
                update.setString(5, claim.claimant());
                if (update.executeUpdate() == 0) {
                    return false;
                }
            }
            try (PreparedStatement delete = c.prepareStatement("delete from lead_import_file where import_id = ?")) {
                delete.setString(1, claim.importId());
                delete.executeUpdate();
            }
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not finish the import", e);
        }
    }

    /** Gives the import back to the queue (this instance is stopping): the next poll of any instance resumes it. */
    @Transactional
    public void release(Claim claim) {
        try (Connection c = dataSource.getConnection(); PreparedStatement update = c.prepareStatement("""
                update lead_import set status = 'QUEUED', claimed_by = null, lease_until = null
                where id = ? and claimed_by = ?""")) {
            update.setString(1, claim.importId());
            update.setString(2, claim.claimant());
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not release the import", e);
        }
    }

    /**
     * Forgets the cells of problem rows of imports older than {@code before}: they are kept only for the sheet's
     * owner to fix and upload again. (An erasure clears a row at once, by its lead or by the phone or email it names.)
     */
    @Transactional
    public int forgetCells(Instant before) {
        try (Connection c = dataSource.getConnection(); PreparedStatement update = c.prepareStatement("""
                update lead_import_row r set cells = null, phone_key = null, email_key = null from lead_import i
                where i.id = r.import_id and i.created_at < ? and r.cells is not null""")) {
            update.setTimestamp(1, Timestamp.from(before));
            return update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not forget old import cells", e);
        }
    }
}
