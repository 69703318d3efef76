package io.leadflow.routing.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.leadflow.events.rest.LanguageParams;
import io.leadflow.events.security.Roles;
import io.leadflow.routing.service.GradeQueries;
import io.leadflow.routing.service.LeadDecisions;
import io.leadflow.routing.service.Views;

/**
 * A lead's grade. Managers and admins read and change any lead's; a sales rep reads only the leads they own (any
 * other answers 404, as if it did not exist) and changes none.
 */
@Tag(name = "Grades",
        description = "Each lead's grade with its score, the rules that decided it and its history; manual regrades")
@Path("/api/v1/grades/{leadId}")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.SALES_MANAGER, Roles.ADMIN})
public class GradeResource {

    private final GradeQueries grades;
    private final LeadDecisions decisions;

    public GradeResource(GradeQueries grades, LeadDecisions decisions) {
        this.grades = grades;
        this.decisions = decisions;
    }

    @GET
    @RolesAllowed({Roles.SALES, Roles.SALES_MANAGER, Roles.ADMIN})
    @Operation(operationId = "getGrade",
            summary = "The lead's grade, score, the rules that decided it, and its grade history: each change with "
            + "by whom, when and why")
    @APIResponse(responseCode = "200", description = "The grade, explained",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Views.GradeView.class),
            examples = @ExampleObject(name = "table1Row1", ref = "table1Row1Grade")))
    public Views.GradeView grade(@PathParam("leadId") String leadId,
                                 @BeanParam LanguageParams language) {
        return grades.gradeView(leadId, language.language());
    }

    @PUT
    @Operation(operationId = "regradeLead",
            summary = "Regrade the lead by hand, with a reason (recorded as the caller's)")
    public Views.GradeView regrade(@PathParam("leadId") String leadId, @Valid @NotNull Bodies.RegradeInput body,
                                   @BeanParam LanguageParams language) {
        decisions.regrade(leadId, body.grade(), body.reason());
        return grades.gradeView(leadId, language.language());
    }
}
