package io.leadflow.intake.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;

import io.leadflow.events.contract.EventJson;
import io.leadflow.events.contract.Reason;
import io.leadflow.events.domain.InvalidInput;
import io.leadflow.events.domain.NotFound;
import io.leadflow.events.domain.Text;
import io.leadflow.events.domain.Violation;
import io.leadflow.events.rest.Csv;
import io.leadflow.events.rest.Page;
import io.leadflow.events.vocabulary.Language;
import io.leadflow.intake.repository.ImportResults;
import io.leadflow.intake.repository.ImportStore;

/** What an import answers: its report, its rows, and the rows as a sheet to fix, read from what the worker stored. */
@ApplicationScoped
public class ImportReports {

    public record Counts(int total, int qualified, int rejected, int duplicates, int alreadyImported, int invalid) {
    }

    public record RowView(int row, String outcome, String leadId, List<Reason> reasons) {
    }

    @Schema(description = "How far the import has come")
    public record Progress(
            @Schema(description = "Rows with an outcome so far (counts.total)", example = "1200") int rowsDone,
            @Schema(description = "The file's non-blank data rows, counted when it was uploaded; null for imports "
                    + "uploaded before it was counted", example = "3000") Integer rowsInFile,
            @Schema(description = "Times a worker took the import up: 1 for an import read in one go, more when it was "
                    + "resumed after its instance stopped or crashed", example = "1") int attempts,
            @Schema(description = "Times it was resumed (attempts - 1)", example = "0") int resumed) {
    }

    /**
     * {@code problemRows}: the first 1,000 rows that did not qualify; all rows at {@code /rows}.
     */
    public record ImportReport(String id, String fileName, String format, String charset,
                               @Schema(description = "QUEUED (waiting for a worker), PROCESSING (rows being read), "
                                       + "DONE, or FAILED (see error; the rows recorded so far stay imported, and "
                                       + "uploading the same file again goes on from there)",
                                       enumeration = {"QUEUED", "PROCESSING", "DONE", "FAILED"}) String status,
                               Counts counts, Progress progress,
                               @Schema(description = "Why the import FAILED; null otherwise") String error,
                               @Schema(description = "The FAILED import of the same file that this one continues: "
                                       + "its rows were taken over, and this import goes on after them")
                               String retryOf,
                               Instant createdAt, String createdBy,
                               @Schema(description = "When a worker first took the import up") Instant startedAt,
                               Instant finishedAt, List<RowView> problemRows) {
    }

    private final ImportResults results;

    public ImportReports(ImportResults results) {
        this.results = results;
    }

    /** The import's report: status, progress, counts and the first 1,000 problem rows. */
    public ImportReport report(String id, Language language) {
        ImportResults.ImportRecord r = results.find(id).orElseThrow(() -> new NotFound("Import", id));
        List<RowView> problems = results.rows(id, "PROBLEMS", 0, 1000).stream().map(x -> view(x, language)).toList();
        return new ImportReport(r.id(), r.fileName(), r.format(), r.charset(), r.status(),
                new Counts(r.totalRows(), r.qualified(), r.rejected(), r.duplicates(), r.alreadyImported(), r.invalid()),
                new Progress(r.totalRows(), r.rowsInFile(), r.attempts(), Math.max(0, r.attempts() - 1)),
                r.error(), r.retryOf(), r.createdAt(), r.createdBy(), r.startedAt(), r.finishedAt(), problems);
    }

    /** Every row's outcome so far, paged; {@code outcome} one outcome, PROBLEMS, or blank for all. */
    public Page<RowView> rows(String id, String outcome, Page.PageRequest request, Language language) {
        results.find(id).orElseThrow(() -> new NotFound("Import", id));
        String filter = outcome(outcome);
        List<RowView> rows = results.rows(id, filter, request.offset(), request.size()).stream()
                .map(x -> view(x, language)).toList();
        ImportResults.ImportRecord r = results.find(id).orElseThrow();
        long total = filter == null ? r.totalRows() : switch (filter) {
            case "QUALIFIED" -> r.qualified();
            case "REJECTED" -> r.rejected();
            case "DUPLICATE" -> r.duplicates();
            case "ALREADY_IMPORTED" -> r.alreadyImported();
            case "INVALID" -> r.invalid();
            default -> r.totalRows() - r.qualified();
        };
        return request.of(rows, total);
    }

    /**
     * The row report as CSV (UTF-8 with BOM so Excel shows the Chinese), for the person who fixes the sheet: each
     * row's own cells under the sheet's own header, in its column order, then the row number, outcome, lead and
     * reasons on the right.
     */
    public String rowsCsv(String id, String outcome, Language language) {
        ImportResults.ImportRecord record = results.find(id).orElseThrow(() -> new NotFound("Import", id));
        String filter = outcome(outcome);
        List<String> columns = record.columnsJson() == null ? List.of() : strings(record.columnsJson());
        List<String> header = new ArrayList<>(columns);
        for (String column : List.of("row", "outcome", "lead", "reasons")) {
            header.add(Wording.text(language, "importReport.column." + column));
        }
        StringBuilder csv = new StringBuilder("\uFEFF");
        Csv.line(csv, header);
        int offset = 0;
        List<ImportStore.RowRecord> rows;
        do {
            rows = results.rows(id, filter, offset, 1000);
            for (ImportStore.RowRecord r : rows) {
                List<Object> line = new ArrayList<>();
                List<String> cells = r.cellsJson() == null ? List.of() : strings(r.cellsJson());
                for (int i = 0; i < columns.size(); i++) {
                    line.add(i < cells.size() ? cells.get(i) : null);
                }
                line.add(r.row());
                line.add(outcomeWord(r.outcome(), language));
                line.add(r.leadId());
                line.add(String.join("; ", view(r, language).reasons().stream().map(Reason::message).toList()));
                Csv.line(csv, line);
            }
            offset += rows.size();
        } while (rows.size() == 1000);
        return csv.toString();
    }

    /** An outcome the bundles do not word yet reads as its code rather than failing the whole sheet. */
    private static String outcomeWord(String outcome, Language language) {
        String key = "importReport.outcome." + outcome;
        return Wording.has(language, key) ? Wording.text(language, key) : outcome;
    }

    private static List<String> strings(String json) {
        try {
            return EventJson.mapper().readValue(json, new TypeReference<List<String>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Import cells are not readable", e);
        }
    }

    /** Reasons in the reader's language; rows stored before reasons had Chinese words read in English. */
    private static RowView view(ImportStore.RowRecord r, Language language) {
        List<Reason> reasons = List.of();
        if (r.reasonsJson() != null) {
            try {
                List<ImportService.RowReason> stored = EventJson.mapper().readValue(r.reasonsJson(),
                        new TypeReference<List<ImportService.RowReason>>() {
                        });
                reasons = stored.stream().map(x -> new Reason(x.code(), x.message(language))).toList();
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Import reasons are not readable", e);
            }
        }
        return new RowView(r.row(), r.outcome(), r.leadId(), reasons);
    }

    /** The rows an outcome names: an import of an unknown id is not found before its filter is judged. */
    private static String outcome(String outcome) {
        String o = Text.orNull(outcome);
        if (o == null) {
            return null;
        }
        o = o.toUpperCase(java.util.Locale.ROOT);
        if (!List.of("QUALIFIED", "REJECTED", "DUPLICATE", "ALREADY_IMPORTED", "INVALID", "PROBLEMS").contains(o)) {
            throw InvalidInput.stated("Parameter 'outcome': '" + outcome + "' is not an outcome.",
                    List.of(new Violation("outcome",
                            "use QUALIFIED, REJECTED, DUPLICATE, ALREADY_IMPORTED, INVALID or PROBLEMS")));
        }
        return o;
    }
}
