package io.leadflow.followup.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.leadflow.events.security.Roles;
import io.leadflow.followup.service.FollowUpImportService;
import io.leadflow.followup.service.ImportReport;

@Path("/api/v1/imports/followups")
@Tag(name = "Imports", description = "The follow-up log (Table 2) from CSV or XLSX")
public class ImportResource {

    private final FollowUpImportService imports;
    private final CurrentActor actor;

    public ImportResource(FollowUpImportService imports, CurrentActor actor) {
        this.imports = imports;
        this.actor = actor;
    }

    @POST
    @RolesAllowed({Roles.SALES_MANAGER, Roles.ADMIN})
    @Consumes({"text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", MediaType.APPLICATION_OCTET_STREAM})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "importFollowUps",
            summary = "Import a Table 2 sheet (CSV or XLSX, Chinese or English headers; sales-manager or admin); a "
            + "report for every row")
    public ImportReport importSheet(byte[] body) {
        return imports.importSheet(body, actor.require());
    }
}
