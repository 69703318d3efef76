package io.leadflow.intake.rest;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;

import io.leadflow.events.contract.EventJson;
import io.leadflow.events.contract.Reason;
import io.leadflow.events.domain.Text;
import io.leadflow.events.rest.Csv;
import io.leadflow.events.rest.Language;
import io.leadflow.events.rest.LanguageParams;
import io.leadflow.events.rest.Page;
import io.leadflow.events.rest.Problem;
import io.leadflow.events.rest.ProblemException;
import io.leadflow.events.security.Caller;
import io.leadflow.events.security.Roles;
import io.leadflow.intake.repository.ImportStore;
import io.leadflow.intake.service.ImportService;

/**
 * Spreadsheet imports of the lead register. Upload the file as the body (CSV or XLSX) or as the {@code file} part
 * of a multipart form; the answer is 202 with the import's address, where the report grows as rows are read.
 */
@Path("/api/v1/imports")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.MARKETING, Roles.SALES_MANAGER, Roles.ADMIN})
@Tag(name = "Imports", description = "The lead register (Table 1) from CSV or XLSX, imported in the background")
public class ImportResource {

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

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final ImportService imports;
    private final ImportStore store;
    private final Caller caller;

    public ImportResource(ImportService imports, ImportStore store, Caller caller) {
        this.imports = imports;
        this.store = store;
        this.caller = caller;
    }

    @POST
    @Path("/leads")
    @Operation(operationId = "importLeads", summary = "Import the lead register from a CSV or XLSX body",
            description = "The header is checked and the rows counted before anything is stored (a missing column is "
                    + "a 400, more rows than allowed a 413). The file is then queued and read in the background by "
                    + "any instance, resuming after the last recorded row if an instance stops. The same bytes again "
                    + "answer their import (200, Import-Replayed: true) unless it FAILED: then they start a new import "
                    + "that takes over the failed one's rows and goes on after them (retryOf names it).")
    @APIResponse(responseCode = "202", description = "Queued: the report at Location fills in as rows are read",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ImportReport.class)))
    @APIResponse(responseCode = "200", description = "The same file was uploaded before: its import",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ImportReport.class)))
    @APIResponse(responseCode = "400", description = "Not a readable CSV or XLSX, or a column is missing")
    @APIResponse(responseCode = "413", description = "Too many rows, or an XLSX that unpacks past the limits")
    @Consumes({"text/csv", XLSX, MediaType.APPLICATION_OCTET_STREAM, MediaType.TEXT_PLAIN, "application/vnd.ms-excel"})
    public Response upload(InputStream body, @QueryParam("fileName") String fileName,
                           @QueryParam("charset") String charset, @BeanParam LanguageParams language) {
        return started(imports.start(body, Text.orNull(fileName), Text.orNull(charset), caller.id()),
                language.language());
    }

    @POST
    @Path("/leads")
    @Operation(operationId = "importLeads", summary = "Import the lead register uploaded as the multipart part 'file'",
            description = "As the upload of the file as the body.")
    @APIResponse(responseCode = "202", description = "Queued: the report at Location fills in as rows are read",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ImportReport.class)))
    @APIResponse(responseCode = "200", description = "The same file was uploaded before: its import",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ImportReport.class)))
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response uploadForm(@RestForm("file") FileUpload file, @RestForm("charset") String charset,
                               @BeanParam LanguageParams language) {
        if (file == null) {
            throw ProblemException.badRequest("Attach the sheet as the multipart part named 'file'.",
                    List.of(new Problem.FieldError("file", "is required")));
        }
        try (InputStream in = Files.newInputStream(file.uploadedFile())) {
            return started(imports.start(in, file.fileName(), Text.orNull(charset), caller.id()),
                    language.language());
        } catch (IOException e) {
            throw new IllegalStateException("Could not read the uploaded part", e);
        }
    }

    private Response started(ImportService.Started started, Language language) {
        ImportReport report = report(started.importId(), language);
        URI location = URI.create("/api/v1/imports/" + started.importId());
        return started.alreadyUploaded()
                ? Response.ok(report).location(location).header("Import-Replayed", "true").build()
                : Response.accepted(report).location(location).build();
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getImport",
            summary = "The import's report: status, progress, counts and the first 1,000 problem rows")
    @APIResponse(responseCode = "200", description = "The report", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ImportReport.class)))
    @APIResponse(responseCode = "404", description = "No such import")
    public ImportReport report(@PathParam("id") String id, @BeanParam LanguageParams language) {
        return report(id, language.language());
    }

    private ImportReport report(String id, Language language) {
        ImportStore.ImportRecord r = store.find(id).orElseThrow(() -> ProblemException.notFound("Import", id));
        List<RowView> problems = store.rows(id, "PROBLEMS", 0, 1000).stream().map(x -> view(x, language)).toList();
        return new ImportReport(r.id(), r.fileName(), r.format(), r.charset(), r.status(),
                new Counts(r.totalRows(), r.qualified(), r.rejected(), r.duplicates(), r.alreadyImported(), r.invalid()),
                new Progress(r.totalRows(), r.rowsInFile(), r.attempts(), Math.max(0, r.attempts() - 1)),
                r.error(), r.retryOf(), r.createdAt(), r.createdBy(), r.startedAt(), r.finishedAt(), problems);
    }

    /** Every row's outcome, paged; {@code ?outcome=REJECTED} etc. to filter. */
    @GET
    @Path("/{id}/rows")
    @Operation(operationId = "listImportRows",
            summary = "Every row's outcome so far, paged; ?outcome=QUALIFIED, REJECTED, DUPLICATE, "
            + "ALREADY_IMPORTED, INVALID or PROBLEMS to filter")
    public Page<RowView> rows(@PathParam("id") String id, @QueryParam("outcome") String outcome,
                              @QueryParam("page") Integer page, @QueryParam("size") Integer size,
                              @BeanParam LanguageParams languageParams) {
        Language language = languageParams.language();
        store.find(id).orElseThrow(() -> ProblemException.notFound("Import", id));
        Page.PageRequest request = Page.request(page, size);
        String filter = outcome(outcome);
        List<RowView> rows = store.rows(id, filter, request.offset(), request.size()).stream()
                .map(x -> view(x, language)).toList();
        ImportStore.ImportRecord r = store.find(id).orElseThrow();
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
     * reasons on the right. {@code ?outcome=PROBLEMS} gives just the rows to fix; the file can be corrected and
     * uploaded again as it is (the report's columns are not import columns and are ignored).
     */
    @GET
    @Path("/{id}/rows.csv")
    @Produces("text/csv")
    @Operation(operationId = "downloadImportRows",
            summary = "The rows as the sheet had them, with outcome and reasons, as CSV to fix and upload again")
    @APIResponse(responseCode = "200", description = "The rows as CSV (UTF-8 with a byte order mark, as Excel opens "
            + "it)", content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)))
    public Response rowsCsv(@PathParam("id") String id, @QueryParam("outcome") String outcome,
                            @BeanParam LanguageParams languageParams) {
        ImportStore.ImportRecord record = store.find(id).orElseThrow(() -> ProblemException.notFound("Import", id));
        Language language = languageParams.language();
        String filter = outcome(outcome);
        List<String> columns = record.columnsJson() == null ? List.of() : strings(record.columnsJson());
        List<String> header = new ArrayList<>(columns);
        header.addAll(language.chinese() ? List.of("导入行号", "导入结果", "对应线索", "问题原因")
                : List.of("import row", "import outcome", "stored as lead", "import reasons"));
        StringBuilder csv = new StringBuilder("\uFEFF");
        Csv.line(csv, header);
        int offset = 0;
        List<ImportStore.RowRecord> rows;
        do {
            rows = store.rows(id, filter, offset, 1000);
            for (ImportStore.RowRecord r : rows) {
                List<Object> line = new ArrayList<>();
                List<String> cells = r.cellsJson() == null ? List.of() : strings(r.cellsJson());
                for (int i = 0; i < columns.size(); i++) {
                    line.add(i < cells.size() ? cells.get(i) : null);
                }
                line.add(r.row());
                line.add(language.chinese() ? OUTCOME_ZH.getOrDefault(r.outcome(), r.outcome()) : r.outcome());
                line.add(r.leadId());
                line.add(String.join("; ", view(r, language).reasons().stream().map(Reason::message).toList()));
                Csv.line(csv, line);
            }
            offset += rows.size();
        } while (rows.size() == 1000);
        return Response.ok(csv.toString(), Csv.MEDIA_TYPE)
                .header("Content-Disposition", "attachment; filename=\"" + id + "-rows.csv\"").build();
    }

    private static final java.util.Map<String, String> OUTCOME_ZH = java.util.Map.of("QUALIFIED", "有效",
            "REJECTED", "已剔除", "DUPLICATE", "重复", "ALREADY_IMPORTED", "已导入过", "INVALID", "无法导入");

    private static List<String> strings(String json) {
        try {
            return EventJson.mapper().readValue(json, new TypeReference<List<String>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Import cells are not readable", e);
        }
    }

    private static String outcome(String outcome) {
        String o = Text.orNull(outcome);
        if (o == null) {
            return null;
        }
        o = o.toUpperCase();
        if (!List.of("QUALIFIED", "REJECTED", "DUPLICATE", "ALREADY_IMPORTED", "INVALID", "PROBLEMS").contains(o)) {
            throw ProblemException.badRequest("Parameter 'outcome': '" + outcome + "' is not an outcome.",
                    List.of(new Problem.FieldError("outcome",
                            "use QUALIFIED, REJECTED, DUPLICATE, ALREADY_IMPORTED, INVALID or PROBLEMS")));
        }
        return o;
    }

    /** Reasons in the reader's language; rows stored before reasons had Chinese words read in English. */
    private static RowView view(ImportStore.RowRecord r, Language language) {
        List<Reason> reasons = List.of();
        if (r.reasonsJson() != null) {
            try {
                List<ImportService.RowReason> stored = EventJson.mapper().readValue(r.reasonsJson(),
                        new TypeReference<List<ImportService.RowReason>>() {
                        });
                reasons = stored.stream().map(x -> new Reason(x.code(), x.message(language.chinese()))).toList();
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Import reasons are not readable", e);
            }
        }
        return new RowView(r.row(), r.outcome(), r.leadId(), reasons);
    }
}
