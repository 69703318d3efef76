package io.leadflow.routing.rest;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import org.jboss.resteasy.reactive.RestResponse;

import io.leadflow.events.rest.EntityTags;
import io.leadflow.events.rest.Page;
import io.leadflow.events.rest.Problem;
import io.leadflow.events.rest.ProblemException;
import io.leadflow.events.security.Roles;
import io.leadflow.routing.service.RosterService;
import io.leadflow.routing.service.Views;

/** The sales roster: sales managers and admins; a sales rep reads only their own rep and load. */
@Tag(name = "Roster",
        description = "The sales reps: seniority, capacity, industries, regions, availability, and the load of each")
@Path("/api/v1/reps")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.SALES_MANAGER, Roles.ADMIN})
public class RepResource {

    private final RosterService roster;

    public RepResource(RosterService roster) {
        this.roster = roster;
    }

    @POST
    @Operation(operationId = "createRep",
            summary = "Add a rep to the roster; queued leads they fit are assigned to them")
    @APIResponse(responseCode = "201", description = "Added; Location is the rep",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Views.RepView.class)))
    public Response create(@NotNull RosterService.RepInput body) {
        RosterService.RepAnswer added = roster.add(body);
        return Response.created(URI.create("/api/v1/reps/" + added.rep().id())).entity(added.rep()).build();
    }

    @GET
    @Operation(operationId = "listReps", summary = "The roster (active reps unless includeInactive=true)")
    public Page<Views.RepView> list(@QueryParam("seniority") String seniority,
                                    @QueryParam("includeInactive") Boolean includeInactive, @QueryParam("q") String q,
                                    @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return roster.roster(seniority, includeInactive, q, Page.request(page, size));
    }

    @GET
    @Path("/{repId}")
    @RolesAllowed({Roles.SALES, Roles.SALES_MANAGER, Roles.ADMIN})
    @Operation(operationId = "getRep",
            summary = "One rep, with who added and last changed them (a sales rep: only themselves)")
    public RestResponse<Views.RepView> get(@PathParam("repId") String repId) {
        return tagged(roster.find(repId));
    }

    @PUT
    @Path("/{repId}")
    @Operation(operationId = "replaceRep", summary = "Replace a rep's details (name, seniority and capacity required)")
    public RestResponse<Views.RepView> replace(@PathParam("repId") String repId, @NotNull RosterService.RepInput body,
                                               @HeaderParam(EntityTags.IF_MATCH) String ifMatch) {
        List<Problem.FieldError> missing = new java.util.ArrayList<>();
        if (body.name() == null) {
            missing.add(new Problem.FieldError("name", "must be given (PUT replaces the rep; use PATCH to change some fields)"));
        }
        if (body.seniority() == null) {
            missing.add(new Problem.FieldError("seniority", "must be given (PUT replaces the rep)"));
        }
        if (body.capacity() == null) {
            missing.add(new Problem.FieldError("capacity", "must be given (PUT replaces the rep)"));
        }
        if (!missing.isEmpty()) {
            throw ProblemException.badRequest(missing.size() + " required fields are missing; see errors.", missing);
        }
        RosterService.RepInput full = new RosterService.RepInput(body.id(), body.name(), body.seniority(),
                body.industries() == null ? List.of() : body.industries(),
                body.regions() == null ? List.of() : body.regions(), body.capacity(),
                body.availability() == null ? (body.awayUntil() == null ? "AVAILABLE" : "AWAY") : body.availability(),
                body.awayUntil(), body.email() == null ? "" : body.email());
        return tagged(roster.change(repId, full, ifMatch));
    }

    @PATCH
    @Path("/{repId}")
    @Operation(operationId = "updateRep",
            summary = "Change some of a rep's details, e.g. {\"availability\":\"AWAY\",\"awayUntil\":\"2024-03-20\"}")
    public RestResponse<Views.RepView> patch(@PathParam("repId") String repId, @NotNull RosterService.RepInput body,
                                             @HeaderParam(EntityTags.IF_MATCH) String ifMatch) {
        return tagged(roster.change(repId, body, ifMatch));
    }

    private static RestResponse<Views.RepView> tagged(RosterService.RepAnswer answer) {
        return EntityTags.tagged(answer.rep(), answer.tag());
    }

    @DELETE
    @Path("/{repId}")
    @Operation(operationId = "deactivateRep",
            summary = "Deactivate a rep; a rep with open leads needs reassignTo=<rep id> or reassignTo=RULES")
    public Views.Deactivated deactivate(@PathParam("repId") String repId, @QueryParam("reassignTo") String reassignTo) {
        int moved = roster.deactivate(repId, reassignTo);
        return new Views.Deactivated(repId, moved, moved == 0 ? "deactivated" : "deactivated; " + moved
                + " open leads handed to " + (RosterService.RULES.equalsIgnoreCase(reassignTo) ? "the rules' choice"
                : reassignTo));
    }

    @GET
    @Path("/{repId}/load")
    @RolesAllowed({Roles.SALES, Roles.SALES_MANAGER, Roles.ADMIN})
    @Operation(operationId = "getRepLoad",
            summary = "How many open leads the rep owns against their capacity, by grade (a sales rep: only their own)")
    public Views.LoadView load(@PathParam("repId") String repId) {
        return roster.loadOf(repId);
    }
}
