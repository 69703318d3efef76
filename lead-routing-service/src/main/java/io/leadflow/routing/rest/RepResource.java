package io.leadflow.routing.rest;

import java.net.URI;
import java.util.List;
import java.util.Map;

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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
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
import io.leadflow.routing.repository.RepEntity;
import io.leadflow.routing.service.AssignmentService;
import io.leadflow.routing.service.RosterService;

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
        RepEntity rep = roster.create(body);
        return Response.created(URI.create("/api/v1/reps/" + rep.repId)).entity(view(rep)).build();
    }

    @GET
    @Operation(operationId = "listReps", summary = "The roster (active reps unless includeInactive=true)")
    public Page<Views.RepView> list(@QueryParam("seniority") String seniority,
                                    @QueryParam("includeInactive") Boolean includeInactive, @QueryParam("q") String q,
                                    @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        Page<RepEntity> found = roster.list(seniority, includeInactive, q, Page.request(page, size));
        Map<String, Integer> open = roster.openLeadsByRep();
        return new Page<>(found.items().stream().map(r -> view(r, open.getOrDefault(r.repId, 0))).toList(),
                found.page(), found.size(), found.total());
    }

    @GET
    @Path("/{repId}")
    @RolesAllowed({Roles.SALES, Roles.SALES_MANAGER, Roles.ADMIN})
    @Operation(operationId = "getRep",
            summary = "One rep, with who added and last changed them (a sales rep: only themselves)")
    public RestResponse<Views.RepView> get(@PathParam("repId") String repId) {
        RepEntity rep = roster.get(repId);
        return EntityTags.tagged(view(rep), RosterService.tag(rep));
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
        return tagged(roster.update(repId, full, ifMatch));
    }

    @PATCH
    @Path("/{repId}")
    @Operation(operationId = "updateRep",
            summary = "Change some of a rep's details, e.g. {\"availability\":\"AWAY\",\"awayUntil\":\"2024-03-20\"}")
    public RestResponse<Views.RepView> patch(@PathParam("repId") String repId, @NotNull RosterService.RepInput body,
                                             @HeaderParam(EntityTags.IF_MATCH) String ifMatch) {
        return tagged(roster.update(repId, body, ifMatch));
    }

    private RestResponse<Views.RepView> tagged(RepEntity rep) {
        return EntityTags.tagged(view(rep), RosterService.tag(rep));
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
        RosterService.Load load = roster.load(repId);
        RepEntity r = load.rep();
        double utilisation = r.capacity == 0 ? (load.openLeads() == 0 ? 0 : 1) : (double) load.openLeads() / r.capacity;
        return new Views.LoadView(r.repId, r.name, load.openLeads(), r.capacity, Math.round(utilisation * 1000) / 1000.0,
                load.openLeads() >= r.capacity, load.available(), r.availability, r.awayUntil, load.openByGrade());
    }

    private Views.RepView view(RepEntity rep) {
        return view(rep, roster.load(rep.repId).openLeads());
    }

    private Views.RepView view(RepEntity rep, int open) {
        return Views.RepView.of(rep, open, rep.active && AssignmentService.availability(rep).isAvailableOn(roster.today()));
    }
}
