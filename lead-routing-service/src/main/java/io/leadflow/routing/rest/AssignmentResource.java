package io.leadflow.routing.rest;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.leadflow.events.domain.Text;
import io.leadflow.events.rest.Page;
import io.leadflow.events.rest.Problem;
import io.leadflow.events.rest.ProblemException;
import io.leadflow.events.rest.QueryDates;
import io.leadflow.events.security.Roles;
import io.leadflow.events.time.BusinessTime;
import io.leadflow.routing.service.AssignmentQueries;
import io.leadflow.routing.service.AssignmentService;
import io.leadflow.routing.service.PolicyService;
import io.leadflow.routing.service.Views;

/**
 * Owners across leads and the unassigned queue (sales managers and admins), and each lead's owner: a sales rep
 * reads only the leads they own (any other answers 404, as if it did not exist) and hands over none.
 */
@Tag(name = "Assignments",
        description = "Who owns each lead and why, the owner history, reassignment, and the leads no rep fits yet")
@Path("/api/v1/assignments")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.SALES_MANAGER, Roles.ADMIN})
public class AssignmentResource {

    private final AssignmentService assignments;
    private final AssignmentQueries queries;
    private final PolicyService policies;
    private final BusinessTime time;

    public AssignmentResource(AssignmentService assignments, AssignmentQueries queries, PolicyService policies,
                              BusinessTime time) {
        this.assignments = assignments;
        this.queries = queries;
        this.policies = policies;
        this.time = time;
    }

    /**
     * @param from   first business day (yyyy-MM-dd, in leadflow.zone) or an instant, inclusive
     * @param to     last business day (inclusive) or an instant (exclusive)
     * @param status ACTIVE (default: current owners), ENDED or ALL
     */
    @GET
    @Operation(operationId = "listAssignments",
            summary = "Assignments, newest first, by owner, grade, period and status")
    public Page<Views.AssignmentView> list(@QueryParam("ownerId") String ownerId, @QueryParam("grade") String grade,
                                           @QueryParam("from") String from, @QueryParam("to") String to,
                                           @QueryParam("status") String status, @QueryParam("page") Integer page,
                                           @QueryParam("size") Integer size) {
        Page.PageRequest request = Page.request(page, size);
        String state = status == null || status.isBlank() ? "ACTIVE" : status.strip().toUpperCase(Locale.ROOT);
        if (!List.of("ACTIVE", "ENDED", "ALL").contains(state)) {
            throw ProblemException.badRequest("Parameter 'status' must be ACTIVE, ENDED or ALL.",
                    List.of(new Problem.FieldError("status", "must be ACTIVE, ENDED or ALL")));
        }
        Instant start = QueryDates.from("from", from, time.zone());
        Instant end = QueryDates.to("to", to, time.zone());
        if (start != null && end != null && !start.isBefore(end)) {
            throw ProblemException.badRequest("'from' must be before 'to'.",
                    List.of(new Problem.FieldError("from", "must be before to")));
        }
        return queries.list(Text.orNull(ownerId), gradeCode(grade), start, end, state, request);
    }

    @GET
    @Path("/unassigned")
    @Operation(operationId = "listUnassignedLeads",
            summary = "Leads waiting for a rep, oldest first, each with why no rep fits")
    public Page<Views.UnassignedLead> unassigned(@QueryParam("grade") String grade, @QueryParam("page") Integer page,
                                                 @QueryParam("size") Integer size) {
        Page.PageRequest request = Page.request(page, size);
        return queries.unassignedLeads(gradeCode(grade), request);
    }

    private String gradeCode(String grade) {
        if (grade == null || grade.isBlank()) {
            return null;
        }
        var policy = policies.grading().policy();
        // A grade of an older policy version still filters, so history stays searchable.
        return policy.resolve(grade).orElse(grade.strip().toUpperCase(Locale.ROOT));
    }

    @GET
    @Path("/{leadId}")
    @RolesAllowed({Roles.SALES, Roles.SALES_MANAGER, Roles.ADMIN})
    @Operation(operationId = "getAssignment",
            summary = "The lead's owner (or why it waits unassigned) and its owner history: each owner with who "
            + "handed the lead over, when and why")
    @APIResponse(responseCode = "200", description = "The owner and the owner history",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Views.LeadAssignmentView.class),
            examples = @ExampleObject(name = "table1Row1", ref = "table1Row1Assignment")))
    public Views.LeadAssignmentView assignment(@PathParam("leadId") String leadId) {
        return queries.assignmentOf(leadId);
    }

    @POST
    @Path("/{leadId}/reassign")
    @Operation(operationId = "reassignLead",
            summary = "Hand the lead to a named rep, or (no toRepId) to the rep the rules choose next (recorded as "
            + "the caller's)")
    public Views.LeadAssignmentView reassign(@PathParam("leadId") String leadId,
                                             @Valid @NotNull Bodies.ReassignInput body) {
        assignments.reassign(leadId, new AssignmentService.ReassignRequest(body.toRepId(), body.reason()));
        return queries.assignmentOf(leadId);
    }
}
