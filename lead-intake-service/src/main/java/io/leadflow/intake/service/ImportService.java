package io.leadflow.intake.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.leadflow.events.contract.Reason;
import io.leadflow.events.rest.Problem;
import io.leadflow.events.rest.ProblemException;
import io.leadflow.events.time.BusinessTime;
import io.leadflow.intake.config.IntakeConfig;
import io.leadflow.intake.domain.DraftParser;
import io.leadflow.intake.domain.ImportColumns;
import io.leadflow.intake.domain.RawLead;
import io.leadflow.intake.repository.ImportStore;

/**
 * Imports the team's lead register (Table 1) from CSV or XLSX. The upload is spooled to disk and hashed, its header
 * checked before anything is written (a missing column is a 400), then its rows are read one by one in the
 * background, each captured in its own transaction exactly like a staff capture (screened, deduplicated, announced).
 * The same bytes uploaded again answer the first import and create nothing.
 */
@ApplicationScoped
public class ImportService {

    private static final Logger LOG = Logger.getLogger(ImportService.class);
    private static final int BATCH = 200;

    public record Started(String importId, boolean alreadyUploaded) {
    }

    private final Clock clock;
    private final BusinessTime businessTime;
    private final CaptureService capture;
    private final ImportStore store;
    private final IntakeConfig config;
    /** One import at a time per instance keeps a 100,000-row upload from starving live captures. */
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "lead-import");
        t.setDaemon(true);
        return t;
    });

    public ImportService(Clock clock, BusinessTime businessTime, CaptureService capture, ImportStore store,
                         IntakeConfig config) {
        this.clock = clock;
        this.businessTime = businessTime;
        this.capture = capture;
        this.store = store;
        this.config = config;
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    public Started start(InputStream body, String fileName, String charset, String actor) {
        Path file = null;
        try {
            Path dir = Path.of(config.imports().spoolDirectory());
            Files.createDirectories(dir);
            file = Files.createTempFile(dir, "lead-import-", ".upload");
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), sha)) {
                body.transferTo(out);
            }
            if (Files.size(file) == 0) {
                throw bad("The upload is empty; send the CSV or XLSX file as the request body.");
            }
            String hash = HexFormat.of().formatHex(sha.digest());
            SheetReader reader = SheetReader.open(file, charset);
            ImportColumns.Mapping mapping = ImportColumns.map(reader.header());
            if (!mapping.ok()) {
                reader.close();
                throw new ProblemException(Problem.of("import-header", 400, "Bad Request",
                        "The first row must name the columns; missing: " + String.join("; ", mapping.missing())
                                + ". Found: " + reader.header() + ".")
                        .withErrors(mapping.missing().stream().map(m -> new Problem.FieldError("header", "missing " + m)).toList()));
            }
            String id = "IMP-" + UUID.randomUUID();
            Optional<String> existing = store.existingOrInsert(id, fileName, reader.format(), reader.charset(), hash,
                    clock.instant(), actor);
            if (existing.isPresent()) {
                reader.close();
                Files.deleteIfExists(file);
                return new Started(existing.get(), true);
            }
            Path spooled = file;
            worker.submit(() -> run(id, reader, mapping, spooled));
            file = null; // the worker owns it now
            return new Started(id, false);
        } catch (SheetReader.UnreadableSheetException e) {
            throw bad(e.getMessage());
        } catch (IOException e) {
            throw new IllegalStateException("Could not spool the upload", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // the spool directory is temporary anyway
                }
            }
        }
    }

    private void run(String importId, SheetReader reader, ImportColumns.Mapping mapping, Path file) {
        List<ImportStore.RowRecord> batch = new ArrayList<>();
        int read = 0;
        String error = null;
        try (reader) {
            while (reader.hasNext()) {
                SheetReader.SheetRow row = reader.next();
                if (row.blank()) {
                    continue;
                }
                if (++read > config.imports().maxRows()) {
                    error = "The file has more than " + config.imports().maxRows() + " rows; rows after "
                            + (row.number() - 1) + " were not imported. Split the file and upload the rest.";
                    break;
                }
                batch.add(importRow(importId, row, mapping));
                if (batch.size() >= BATCH) {
                    store.record(importId, batch);
                    batch.clear();
                }
            }
        } catch (RuntimeException | IOException e) {
            LOG.errorf("Import %s stopped: %s", importId, e.getClass().getSimpleName());
            error = "The file could not be read to the end: " + e.getMessage();
        } finally {
            try {
                store.record(importId, batch);
                store.finish(importId, error == null ? "DONE" : "FAILED", error, clock.instant());
            } catch (RuntimeException e) {
                LOG.errorf(e, "Import %s could not be finished", importId);
            }
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // temporary
            }
        }
    }

    private ImportStore.RowRecord importRow(String importId, SheetReader.SheetRow row, ImportColumns.Mapping mapping) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < mapping.fields().size() && i < row.cells().size(); i++) {
            String field = mapping.fields().get(i);
            if (field != null && row.cells().get(i) != null) {
                fields.put(field, row.cells().get(i));
            }
        }
        DraftParser.Result parsed = DraftParser.parse(RawLead.fromFields(fields), clock.instant(), businessTime.zone());
        if (!parsed.ok()) {
            List<Reason> reasons = parsed.errors().stream()
                    .map(e -> new Reason("INVALID_FIELD", e.field() + ": " + e.message())).toList();
            return new ImportStore.RowRecord(row.number(), "INVALID", null, LeadMapper.json(reasons));
        }
        try {
            CaptureService.Result result = capture.capture(parsed.draft(), "IMPORT", fields, "import:" + importId);
            return switch (result.outcome()) {
                case CREATED -> new ImportStore.RowRecord(row.number(), result.verdict().status(), result.leadId(),
                        result.verdict().qualified() ? null : LeadMapper.json(result.verdict().reasons()));
                case DUPLICATE -> new ImportStore.RowRecord(row.number(), "DUPLICATE", result.leadId(),
                        LeadMapper.json(List.of(new Reason("DUPLICATE_OF_" + result.matchedOn(),
                                "Linked to lead " + result.leadId() + " as another touch (same "
                                        + result.matchedOn().toLowerCase() + ")"))));
                case ALREADY_IMPORTED -> new ImportStore.RowRecord(row.number(), "ALREADY_IMPORTED", result.leadId(),
                        LeadMapper.json(List.of(new Reason("ALREADY_IMPORTED",
                                "线索编号 " + parsed.draft().externalRef() + " is already lead " + result.leadId()))));
            };
        } catch (RuntimeException e) {
            // logged without the row's personal data
            LOG.errorf("Import row %d could not be stored: %s", row.number(), e.getClass().getSimpleName());
            return new ImportStore.RowRecord(row.number(), "INVALID", null, LeadMapper.json(List.of(
                    new Reason("NOT_STORED", "The row could not be stored; it was skipped"))));
        }
    }

    private static ProblemException bad(String detail) {
        return new ProblemException(Problem.of("import-unreadable", 400, "Bad Request", detail));
    }
}
