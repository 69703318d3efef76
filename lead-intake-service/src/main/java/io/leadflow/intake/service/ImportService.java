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

import io.leadflow.events.rest.Csv;
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

    /**
     * Why a row did not simply qualify, as stored with it: the code, and the words in English and Chinese so the
     * report reads in the language of whoever asks for it.
     */
    public record RowReason(String code, String message, String messageZh) {
        public String message(boolean chinese) {
            return chinese && messageZh != null ? messageZh : message;
        }
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
                byte[] buffer = new byte[64 * 1024];
                int n;
                while ((n = read(body, buffer)) >= 0) {
                    out.write(buffer, 0, n);
                }
            }
            if (Files.size(file) == 0) {
                throw bad("The upload is empty; send the CSV or XLSX file as the request body.");
            }
            String hash = HexFormat.of().formatHex(sha.digest());
            if (SheetReader.looksLikeXlsx(file)) {
                XlsxLimits.check(file, config.imports().maxUnpackedSize().asLongValue(),
                        config.imports().maxSharedStringsSize().asLongValue());
            }
            SheetReader reader;
            try {
                reader = SheetReader.open(file, charset);
            } catch (java.io.UncheckedIOException | IllegalStateException e) {
                // commons-csv reports a malformed header row (a stray quote) this way, before any row is read
                throw bad("The first row cannot be read as CSV: " + e.getMessage());
            }
            ImportColumns.Mapping mapping = ImportColumns.map(reader.header());
            if (!mapping.ok()) {
                reader.close();
                throw new ProblemException(Problem.of("import-header", 400, "Bad Request",
                        "The first row must name the columns; missing: " + String.join("; ", mapping.missing())
                                + ". Found: " + reader.header() + ".")
                        .withErrors(mapping.missing().stream().map(m -> new Problem.FieldError("header", "missing " + m)).toList()));
            }
            int max = config.imports().maxRows();
            if (SheetReader.countRows(file, charset, max + 1) > max) {
                reader.close();
                throw tooLarge("The file has more than " + max + " rows; nothing was imported. Split it into files of at "
                        + "most " + max + " rows and upload each.");
            }
            String id = "IMP-" + UUID.randomUUID();
            Optional<String> existing = store.existingOrInsert(id, fileName, reader.format(), reader.charset(), hash,
                    LeadMapper.json(reader.header()), clock.instant(), actor);
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
        } catch (XlsxLimits.TooLargeException e) {
            throw tooLarge(e.getMessage());
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
            store.forgetCells(clock.instant().minus(config.imports().keepProblemCells()));
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
        List<String> cells = new ArrayList<>(row.cells().size());
        row.cells().forEach(cell -> cells.add(Csv.unneutralised(cell)));
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < mapping.fields().size() && i < cells.size(); i++) {
            String field = mapping.fields().get(i);
            if (field != null && cells.get(i) != null) {
                fields.put(field, cells.get(i));
            }
        }
        // A row that did not qualify keeps its cells, so the report can hand it back to be fixed and uploaded again.
        String kept = LeadMapper.json(cells);
        DraftParser.Result parsed = DraftParser.parse(RawLead.fromFields(fields), clock.instant(), businessTime.zone());
        if (!parsed.ok()) {
            List<RowReason> reasons = parsed.errors().stream()
                    .map(e -> new RowReason("INVALID_FIELD", e.field() + ": " + e.message(),
                            ImportColumns.label(e.field()) + "：" + e.message(true))).toList();
            return new ImportStore.RowRecord(row.number(), "INVALID", null, LeadMapper.json(reasons), kept);
        }
        try {
            CaptureService.Result result = capture.capture(parsed.draft(), "IMPORT", fields, "import:" + importId);
            return switch (result.outcome()) {
                case CREATED -> result.verdict().qualified()
                        ? new ImportStore.RowRecord(row.number(), "QUALIFIED", result.leadId(), null, null)
                        : new ImportStore.RowRecord(row.number(), result.verdict().status(), result.leadId(),
                        LeadMapper.json(result.verdict().worded().stream()
                                .map(w -> new RowReason(w.code(), w.message(), w.zh())).toList()), kept);
                case DUPLICATE -> new ImportStore.RowRecord(row.number(), "DUPLICATE", result.leadId(),
                        LeadMapper.json(List.of(new RowReason("DUPLICATE_OF_" + result.matchedOn(),
                                "Linked to lead " + result.leadId() + " as another touch (same "
                                        + result.matchedOn().toLowerCase() + ")",
                                "与线索 " + result.leadId() + " 重复（" + SAME.getOrDefault(result.matchedOn(), "")
                                        + "相同），已记为该线索的又一次接触"))), kept);
                case ALREADY_IMPORTED -> new ImportStore.RowRecord(row.number(), "ALREADY_IMPORTED", result.leadId(),
                        LeadMapper.json(List.of(new RowReason("ALREADY_IMPORTED",
                                "线索编号 " + parsed.draft().externalRef() + " is already lead " + result.leadId(),
                                "线索编号 " + parsed.draft().externalRef() + " 已导入为线索 " + result.leadId()))), kept);
            };
        } catch (RuntimeException e) {
            // logged without the row's personal data
            LOG.errorf("Import row %d could not be stored: %s", row.number(), e.getClass().getSimpleName());
            return new ImportStore.RowRecord(row.number(), "INVALID", null, LeadMapper.json(List.of(
                    new RowReason("NOT_STORED", "The row could not be stored; it was skipped",
                            "这一行未能保存，已跳过"))), kept);
        }
    }

    private static final Map<String, String> SAME = Map.of("PHONE", "电话", "EMAIL", "邮箱", "COMPANY", "客户名称");

    /** A read that fails is the client's upload breaking off (a dropped connection, an unterminated multipart). */
    private static int read(InputStream body, byte[] buffer) {
        try {
            return body.read(buffer);
        } catch (IOException e) {
            throw bad("The upload broke off before its end; send the whole file again.");
        }
    }

    private static ProblemException tooLarge(String detail) {
        return new ProblemException(Problem.of("import-too-large", 413, "Content Too Large", detail));
    }

    private static ProblemException bad(String detail) {
        return new ProblemException(Problem.of("import-unreadable", 400, "Bad Request", detail));
    }
}
