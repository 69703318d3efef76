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
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.leadflow.events.domain.InvalidInput;
import io.leadflow.events.domain.Refusal;
import io.leadflow.events.domain.Violation;
import io.leadflow.events.rest.Csv;
import io.leadflow.events.time.BusinessTime;
import io.leadflow.events.vocabulary.Language;
import io.leadflow.intake.config.IntakeConfig;
import io.leadflow.intake.domain.ContactCheck;
import io.leadflow.intake.domain.DraftParser;
import io.leadflow.intake.domain.DuplicateKeys;
import io.leadflow.intake.domain.ImportColumns;
import io.leadflow.intake.domain.InputError;
import io.leadflow.intake.domain.RawLead;
import io.leadflow.intake.repository.ImportStore;

/**
 * Imports the team's lead register (Table 1) from CSV or XLSX. The upload is spooled and hashed, its header checked
 * and its rows counted before anything is written (a missing column is a 400, too many rows a 413), then it is
 * stored in the database as a queued import with its file, for {@link ImportWorker} on any instance to read in runs
 * of rows, each row captured exactly like a staff capture (screened, deduplicated, announced), each run in one
 * transaction with its rows' outcomes. The same bytes uploaded again answer their import and create nothing, unless that import failed: then
 * they are a new import that goes on where the failed one stopped.
 */
@ApplicationScoped
public class ImportService {

    private static final Logger LOG = Logger.getLogger(ImportService.class);

    /** @param retryOf the failed import of the same bytes that this new one continues */
    public record Started(String importId, boolean alreadyUploaded, String retryOf) {
    }

    /**
     * Why a row did not simply qualify, as stored with it: the code, and the words in English and Chinese so the
     * report reads in the language of whoever asks for it.
     */
    public record RowReason(String code, String message, String messageZh) {
        public String message(Language language) {
            return language.chinese() && messageZh != null ? messageZh : message;
        }
    }

    private final Clock clock;
    private final BusinessTime businessTime;
    private final CaptureService capture;
    private final ImportStore store;
    private final IntakeConfig config;

    public ImportService(Clock clock, BusinessTime businessTime, CaptureService capture, ImportStore store,
                         IntakeConfig config) {
        this.clock = clock;
        this.businessTime = businessTime;
        this.capture = capture;
        this.store = store;
        this.config = config;
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
            List<String> header;
            String format;
            String readAs;
            try (reader) {
                header = reader.header();
                format = reader.format();
                readAs = reader.charset();
            }
            ImportColumns.Mapping mapping = ImportColumns.map(header);
            if (!mapping.ok()) {
                throw new InvalidInput("import-header", "The first row must name the columns; missing: "
                        + String.join("; ", mapping.missing()) + ". Found: " + header + ".",
                        mapping.missing().stream().map(m -> new Violation("header", "missing " + m)).toList());
            }
            int max = config.imports().maxRows();
            int rows = SheetReader.countRows(file, charset, max + 1);
            if (rows > max) {
                throw tooLarge("The file has more than " + max + " rows; nothing was imported. Split it into files of at "
                        + "most " + max + " rows and upload each.");
            }
            ImportStore.Enqueued enqueued = store.enqueue(new ImportStore.NewImport("IMP-" + UUID.randomUUID(), fileName,
                    format, readAs, hash, LeadMapper.json(header), rows, clock.instant(), actor), file);
            if (enqueued.retryOf() != null) {
                LOG.infof("Import %s continues failed import %s of the same file", enqueued.importId(),
                        enqueued.retryOf());
            }
            return new Started(enqueued.importId(), enqueued.alreadyUploaded(), enqueued.retryOf());
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
                    Files.deleteIfExists(file); // the database has the file now, or nothing was imported
                } catch (IOException ignored) {
                    // the spool directory is temporary anyway
                }
            }
        }
    }

    /**
     * Captures rows and records their outcomes in one transaction (the capture's {@code @Transactional} joins this
     * one, and the store's JDBC writes go through the same enlisted connection): after a crash the rows are either
     * captured and recorded or none is, so a resumed import neither skips nor doubles one. The rows are captured
     * together ({@link CaptureService#captureAll}), each as if alone after the ones before it. Throws, rolling all
     * back, when the database turns one away or the claim on the import was lost.
     */
    @Transactional
    public void importRows(ImportStore.Claim claim, List<SheetReader.SheetRow> sheetRows,
                           ImportColumns.Mapping mapping) {
        List<Row> rows = new ArrayList<>(sheetRows.size());
        List<DraftParser.Result> parsed = new ArrayList<>(sheetRows.size());
        List<CaptureService.Submission> submissions = new ArrayList<>();
        for (SheetReader.SheetRow sheetRow : sheetRows) {
            Row row = Row.read(sheetRow, mapping);
            DraftParser.Result result = DraftParser.parse(row.raw(), clock.instant(), businessTime.zone());
            rows.add(row);
            parsed.add(result);
            if (result.ok()) {
                submissions.add(new CaptureService.Submission(result.draft(), "IMPORT", row.fields(),
                        "import:" + claim.importId()));
            }
        }
        List<CaptureService.Result> captured = submissions.isEmpty() ? List.of() : capture.captureAll(submissions);
        List<ImportStore.RowRecord> records = new ArrayList<>(rows.size());
        int next = 0;
        for (int i = 0; i < rows.size(); i++) {
            records.add(parsed.get(i).ok() ? outcome(rows.get(i), parsed.get(i), captured.get(next++))
                    : rows.get(i).problem("INVALID", null,
                    LeadMapper.json(parsed.get(i).errors().stream().map(ImportService::invalidField).toList())));
        }
        store.recordAll(claim, records, config.imports().lease());
    }

    /**
     * Records a row the database refused for a reason of the row's own (not a passing one): reported as not stored,
     * with its cells, so the sheet's owner sees it and can upload it again.
     */
    @Transactional
    public void recordNotStored(ImportStore.Claim claim, SheetReader.SheetRow row, ImportColumns.Mapping mapping) {
        Row r = Row.read(row, mapping);
        store.recordAll(claim, List.of(new ImportStore.RowRecord(row.number(), "INVALID", null,
                LeadMapper.json(List.of(notStored())), r.kept(), r.keys().phone(), r.keys().email())),
                config.imports().lease());
    }

    /**
     * A sheet row read through the header's mapping: its fields, its cells as kept for the problem report, and the
     * person it names as duplicate keys (read even when the row is no lead, so that an erasure finds it).
     */
    private record Row(int number, Map<String, String> fields, String kept, RawLead raw, DuplicateKeys keys) {
        static Row read(SheetReader.SheetRow row, ImportColumns.Mapping mapping) {
            List<String> cells = new ArrayList<>(row.cells().size());
            row.cells().forEach(cell -> cells.add(Csv.unneutralised(cell)));
            Map<String, String> fields = new LinkedHashMap<>();
            for (int i = 0; i < mapping.fields().size() && i < cells.size(); i++) {
                String field = mapping.fields().get(i);
                if (field != null && cells.get(i) != null) {
                    fields.put(field, cells.get(i));
                }
            }
            RawLead raw = RawLead.fromFields(fields);
            DuplicateKeys keys = DuplicateKeys.ofContact(ContactCheck.of(raw.phone(), raw.email()));
            // A row that did not qualify keeps its cells, so the report can hand it back to be fixed and uploaded again.
            return new Row(row.number(), fields, LeadMapper.json(cells), raw, keys);
        }

        /** A row that keeps its cells keeps the keys that find them; one that keeps none needs none. */
        ImportStore.RowRecord problem(String outcome, String leadId, String reasonsJson) {
            return new ImportStore.RowRecord(number, outcome, leadId, reasonsJson, kept, keys.phone(), keys.email());
        }
    }

    private static ImportStore.RowRecord outcome(Row row, DraftParser.Result parsed, CaptureService.Result result) {
        return switch (result.outcome()) {
            case CREATED -> result.verdict().qualified()
                    ? new ImportStore.RowRecord(row.number(), "QUALIFIED", result.leadId(), null, null, null, null)
                    : row.problem(result.verdict().status(), result.leadId(),
                    LeadMapper.json(result.verdict().worded().stream()
                            .map(w -> new RowReason(w.code(), Wording.text(Language.EN, w.said()),
                                    Wording.text(Language.ZH, w.said()))).toList()));
            case DUPLICATE -> row.problem("DUPLICATE", result.leadId(),
                    LeadMapper.json(List.of(duplicate(result.leadId(), result.matchedOn()))));
            case ALREADY_IMPORTED -> row.problem("ALREADY_IMPORTED", result.leadId(),
                    LeadMapper.json(List.of(alreadyImported(parsed.draft().externalRef(), result.leadId()))));
        };
    }

    /** The field by its name in English and by the sheet's header in Chinese, with what to fix. */
    static RowReason invalidField(InputError e) {
        String key = "importReport.reason.INVALID_FIELD";
        String label = ImportColumns.label(e.field());
        return new RowReason("INVALID_FIELD",
                Wording.text(Language.EN, key, e.field(), label, Wording.text(Language.EN, e.said())),
                Wording.text(Language.ZH, key, e.field(), label, Wording.text(Language.ZH, e.said())));
    }

    /** @param matchedOn what the row shares with the lead: PHONE, EMAIL or COMPANY */
    static RowReason duplicate(String leadId, String matchedOn) {
        String key = "importReport.reason.DUPLICATE";
        return new RowReason("DUPLICATE_OF_" + matchedOn,
                Wording.text(Language.EN, key, leadId, same(Language.EN, matchedOn)),
                Wording.text(Language.ZH, key, leadId, same(Language.ZH, matchedOn)));
    }

    static RowReason alreadyImported(String externalRef, String leadId) {
        return inBoth("ALREADY_IMPORTED", "importReport.reason.ALREADY_IMPORTED", externalRef, leadId);
    }

    static RowReason notStored() {
        return inBoth("NOT_STORED", "importReport.reason.NOT_STORED");
    }

    /** Stored in both languages, so the report reads in the language of whoever asks for it. */
    private static RowReason inBoth(String code, String key, String... args) {
        return new RowReason(code, Wording.text(Language.EN, key, args), Wording.text(Language.ZH, key, args));
    }

    private static String same(Language language, String matchedOn) {
        String key = "importReport.same." + matchedOn;
        return Wording.has(language, key) ? Wording.text(language, key) : matchedOn.toLowerCase(java.util.Locale.ROOT);
    }

    /** A read that fails is the client's upload breaking off (a dropped connection, an unterminated multipart). */
    private static int read(InputStream body, byte[] buffer) {
        try {
            return body.read(buffer);
        } catch (IOException e) {
            throw bad("The upload broke off before its end; send the whole file again.");
        }
    }

    private static Refusal tooLarge(String detail) {
        return new Refusal(Refusal.Kind.TOO_LARGE, "import-too-large", detail);
    }

    private static InvalidInput bad(String detail) {
        return new InvalidInput("import-unreadable", detail, List.of());
    }
}
