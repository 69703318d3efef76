package io.leadflow.intake.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.leadflow.events.tx.DatabaseFailures;
import io.leadflow.intake.config.IntakeConfig;
import io.leadflow.intake.domain.ImportColumns;
import io.leadflow.intake.domain.ImportStatus;
import io.leadflow.intake.domain.RowRetry;
import io.leadflow.intake.repository.ImportStore;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Works through the queued imports of every instance, one import at a time per instance so that an import never
 * starves live captures. Each poll claims the oldest import no live lease holds (a new one, or one whose worker
 * stopped: crashed, killed, or hung past its lease) and reads it from the row after the last recorded one, in runs of
 * rows each stored in one transaction. A row the database turns away for a passing reason is tried again with growing
 * waits; past the last try the import ends FAILED, naming the row, rather than skip it. A stopping instance hands its import back to the queue.
 */
@ApplicationScoped
public class ImportWorker {

    private static final Logger LOG = Logger.getLogger(ImportWorker.class);
    public static final String JOB = "lead-imports";

    /** The worker's row could not be stored within its tries: the import stops at this row. */
    static final class RowGaveUpException extends Exception {
        RowGaveUpException(String message) {
            super(message);
        }
    }

    private final ImportStore store;
    private final ImportService imports;
    private final IntakeConfig.Imports config;
    private final Clock clock;
    private final RowRetry retry;
    /** Names this process in {@code claimed_by}: host, pid and a random part, so a restarted process is another. */
    private final String instance;
    /** Held while an import is being worked on; shutdown waits on it for the import to go back to the queue. */
    private final ReentrantLock working = new ReentrantLock();
    private volatile boolean stopping;

    public ImportWorker(ImportStore store, ImportService imports, IntakeConfig config, Clock clock) {
        this.store = store;
        this.imports = imports;
        this.config = config.imports();
        this.clock = clock;
        this.retry = new RowRetry(this.config.rowAttempts(), this.config.rowRetryDelay(),
                this.config.rowRetryMaxDelay());
        if (this.config.rowRetryMaxDelay().multipliedBy(2).compareTo(this.config.lease()) > 0) {
            LOG.warnf("leadflow.intake.imports.lease %s is short for a row's retries (waits of up to %s): another "
                    + "instance may take up an import while its worker waits to retry a row", this.config.lease(),
                    this.config.rowRetryMaxDelay());
        }
        String host = Optional.ofNullable(System.getenv("HOSTNAME")).orElse("localhost");
        this.instance = host + "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Scheduled(identity = JOB, every = "${leadflow.intake.imports.poll-every:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        if (stopping || !working.tryLock()) {
            return;
        }
        try {
            while (!stopping && takeUpOne()) {
                // the next queued import at once, without waiting for the next poll
            }
        } catch (RuntimeException e) {
            LOG.warnf("Imports could not be polled (next poll in %s): %s", config.pollEvery(), e.toString());
        } finally {
            working.unlock();
        }
    }

    /** Lets the row in flight commit and gives the import back to the queue before the datasource closes. */
    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        try {
            if (working.tryLock(10, TimeUnit.SECONDS)) {
                working.unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return whether there was an import to take up */
    private boolean takeUpOne() {
        Optional<ImportStore.Claim> claimed = store.claim(instance, config.lease());
        if (claimed.isEmpty()) {
            return false;
        }
        ImportStore.Claim claim = claimed.get();
        if (claim.attempts() > config.maxAttempts()) {
            end(claim, ImportStatus.FAILED, "The import was taken up " + (claim.attempts() - 1) + " times and stopped "
                    + "before its end each time; the rows recorded so far are imported. Upload the same file again "
                    + "to try the rest once more.");
            return true;
        }
        work(claim);
        return true;
    }

    private void work(ImportStore.Claim claim) {
        String error = null;
        Path file = null;
        try {
            Path dir = Path.of(config.spoolDirectory());
            Files.createDirectories(dir);
            file = Files.createTempFile(dir, "lead-import-", ".job");
            store.copyFile(claim.importId(), file);
            store.forgetCells(clock.instant().minus(config.keepProblemCells()));
            int after = store.lastRecordedRow(claim.importId());
            if (claim.attempts() > 1) {
                LOG.infof("Import %s resumed by %s after row %d (take-up %d)", claim.importId(), instance, after,
                        claim.attempts());
            }
            try (SheetReader reader = SheetReader.open(file, claim.charset())) {
                ImportColumns.Mapping mapping = ImportColumns.map(reader.header());
                int read = 0;
                int runRows = Math.max(1, config.runRows());
                List<SheetReader.SheetRow> run = new ArrayList<>(runRows);
                while (reader.hasNext()) {
                    if (stopping) {
                        store.release(claim);
                        LOG.infof("Import %s handed back to the queue after row %d: this instance is stopping",
                                claim.importId(), store.lastRecordedRow(claim.importId()));
                        return;
                    }
                    SheetReader.SheetRow row = reader.next();
                    if (row.blank()) {
                        continue;
                    }
                    if (++read > config.maxRows()) {
                        error = "The file has more than " + config.maxRows() + " rows; rows after "
                                + (row.number() - 1) + " were not imported. Split the file and upload the rest.";
                        break;
                    }
                    if (row.number() > after) {
                        run.add(row);
                        if (run.size() == runRows) {
                            store(claim, run, mapping);
                            run.clear();
                        }
                    }
                }
                store(claim, run, mapping);
            }
        } catch (ImportStore.ClaimLostException e) {
            LOG.warnf("Import %s: %s lost its claim (its lease lapsed); the instance that holds it now goes on",
                    claim.importId(), instance);
            return;
        } catch (RowGaveUpException e) {
            error = e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return; // the lease lapses and another poll resumes the import
        } catch (RuntimeException | IOException | SheetReader.UnreadableSheetException e) {
            if (passing(e)) {
                // The database is away, not the file at fault: the claim is left to lapse, and whichever instance
                // polls after that resumes the import.
                LOG.warnf("Import %s paused, the database is unavailable: %s", claim.importId(), e.toString());
                return;
            }
            LOG.errorf("Import %s stopped: %s", claim.importId(), e.getClass().getSimpleName());
            error = "The file could not be read to the end: " + e.getMessage();
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // temporary
                }
            }
        }
        end(claim, error == null ? ImportStatus.DONE : ImportStatus.FAILED, error);
    }

    /**
     * A run of rows, captured and recorded in one transaction. When the database turns the run away, for one row's
     * sake or in passing, it is rolled back whole and its rows go one at a time: each is then tried again, reported
     * as not stored or stops the import on its own, as if the run had never been.
     */
    private void store(ImportStore.Claim claim, List<SheetReader.SheetRow> run, ImportColumns.Mapping mapping)
            throws RowGaveUpException, InterruptedException {
        if (run.isEmpty()) {
            return;
        }
        if (run.size() > 1) {
            // A run of one is a row: it goes the way of a row at once, with its tries.
            try {
                imports.importRows(claim, run, mapping);
                return;
            } catch (Exception e) { // a failed commit may come wrapped as an undeclared checked exception
                if (claimLost(e)) {
                    throw new ImportStore.ClaimLostException(claim.importId());
                }
                LOG.infof("Import %s rows %d to %d: %s; storing them one at a time", claim.importId(),
                        run.get(0).number(), run.get(run.size() - 1).number(), what(e));
                // A commit whose answer was lost may have happened: then the run is done, and must not be done twice.
                if (store.recorded(claim.importId(), run.get(0).number())) {
                    return;
                }
            }
        }
        for (SheetReader.SheetRow row : run) {
            store(claim, row, mapping);
        }
    }

    /** One row: captured and recorded in one transaction, tried again while the database refuses it in passing. */
    private void store(ImportStore.Claim claim, SheetReader.SheetRow row, ImportColumns.Mapping mapping)
            throws RowGaveUpException, InterruptedException {
        for (int failed = 0; ; ) {
            try {
                // A commit whose answer was lost may have happened: then the row is done, and must not be done twice.
                if (failed > 0 && store.recorded(claim.importId(), row.number())) {
                    return;
                }
                imports.importRows(claim, List.of(row), mapping);
                return;
            } catch (Exception e) { // a failed commit may come wrapped as an undeclared checked exception
                if (claimLost(e)) {
                    throw new ImportStore.ClaimLostException(claim.importId());
                }
                if (!passing(e)) {
                    // Refused for the row's own sake (not a passing reason): reported as not stored, the rest goes on.
                    LOG.errorf("Import %s row %d could not be stored: %s", claim.importId(), row.number(),
                            e.getClass().getSimpleName());
                    imports.recordNotStored(claim, row, mapping);
                    return;
                }
                failed++;
                if (!retry.mayTryAgain(failed)) {
                    throw new RowGaveUpException("Row " + row.number() + " could not be stored: the database turned it "
                            + "away " + failed + " times (" + what(e) + "), so the import stopped there. The rows "
                            + "before it are imported; upload the same file again to import the rest.");
                }
                LOG.warnf("Import %s row %d: %s; trying again in %d ms (%d of %d tries failed)", claim.importId(),
                        row.number(), what(e), retry.delayAfter(failed).toMillis(), failed, retry.attempts());
                keepClaim(claim);
                Thread.sleep(retry.delayAfter(failed).toMillis());
            }
        }
    }

    /** The lease is renewed by each recorded row; while a row waits for its next try, it is renewed here. */
    private void keepClaim(ImportStore.Claim claim) {
        try {
            store.renew(claim, config.lease());
        } catch (ImportStore.ClaimLostException e) {
            throw e;
        } catch (RuntimeException e) {
            // the database is away: the next try will tell, and a lapsed lease only means another worker goes on
        }
    }

    private void end(ImportStore.Claim claim, ImportStatus status, String error) {
        try {
            if (!store.finish(claim, status, error, clock.instant())) {
                LOG.warnf("Import %s was taken up by another instance before %s could end it", claim.importId(),
                        instance);
            } else if (status == ImportStatus.FAILED) {
                LOG.warnf("Import %s FAILED: %s", claim.importId(), error);
            }
        } catch (RuntimeException e) {
            // The lease lapses and the import is resumed: its rows are all recorded, so the resumption just ends it.
            LOG.warnf("Import %s could not be ended now (%s); it will be taken up again", claim.importId(),
                    e.toString());
        }
    }

    /** The database refused for a reason that passes by itself: it is away, or two transactions met. */
    static boolean passing(Throwable e) {
        return DatabaseFailures.unavailable(e) || DatabaseFailures.conflict(e);
    }

    private static boolean claimLost(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ImportStore.ClaimLostException) {
                return true;
            }
        }
        return false;
    }

    /** The refusal in words without personal data: its SQLState, never the statement's values. */
    private static String what(Throwable e) {
        SQLException sql = DatabaseFailures.sqlCause(e);
        if (sql == null || sql.getSQLState() == null) {
            return e.getClass().getSimpleName();
        }
        return switch (sql.getSQLState()) {
            case "40001" -> "serialization failure, SQLState 40001";
            case "40P01" -> "deadlock, SQLState 40P01";
            default -> sql.getSQLState().startsWith("08") ? "connection lost, SQLState " + sql.getSQLState()
                    : "SQLState " + sql.getSQLState();
        };
    }
}
