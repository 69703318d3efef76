package io.leadflow.intake.rest;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
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


import io.leadflow.events.domain.Text;
import io.leadflow.events.rest.Csv;
import io.leadflow.events.rest.LanguageParams;
import io.leadflow.events.rest.Page;
import io.leadflow.events.rest.Problem;
import io.leadflow.events.rest.ProblemException;
import io.leadflow.events.security.Caller;
import io.leadflow.events.security.Roles;
import io.leadflow.events.vocabulary.Language;
import io.leadflow.intake.service.ImportReports;
import io.leadflow.intake.service.ImportReports.ImportReport;
import io.leadflow.intake.service.ImportReports.RowView;
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

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final ImportService imports;
    private final ImportReports reports;
    private final Caller caller;

    public ImportResource(ImportService imports, ImportReports reports, Caller caller) {
        this.imports = imports;
        this.reports = reports;
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
        ImportReport report = reports.report(started.importId(), language);
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
        return reports.report(id, language.language());
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
        return reports.rows(id, outcome, Page.request(page, size), languageParams.language());
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
        String csv = reports.rowsCsv(id, outcome, languageParams.language());
        return Response.ok(csv, Csv.MEDIA_TYPE)
                .header("Content-Disposition", "attachment; filename=\"" + id + "-rows.csv\"").build();
    }
}
