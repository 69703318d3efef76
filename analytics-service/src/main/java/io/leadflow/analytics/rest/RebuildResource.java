package io.leadflow.analytics.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.leadflow.analytics.domain.Generation;
import io.leadflow.analytics.service.RebuildService;
import io.leadflow.events.security.Caller;
import io.leadflow.events.security.Roles;

@Path("/api/v1/analytics/rebuild")
@Tag(name = "Read model",
        description = "The read model behind the reports: its generations, a replay from the topics, the aggregates' "
                + "backfill")
@Produces(MediaType.APPLICATION_JSON)
public class RebuildResource {

    public record RebuildStatus(Generation started, List<Generation> recent) {
    }

    private final RebuildService rebuild;
    private final Caller caller;

    public RebuildResource(RebuildService rebuild, Caller caller) {
        this.rebuild = rebuild;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "startRebuild",
            summary = "Replay every topic from the start into a fresh model and switch to it when caught up",
            description = "Answers 202 at once; the current model keeps answering until the new one is ACTIVE. "
                    + "409 while a rebuild runs. Admin only; the generation records who started it (startedBy).")
    @APIResponse(responseCode = "202",
            description = "Started: the new generation replays the topics; Location is where its progress is read",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RebuildStatus.class)))
    public Response start() {
        Generation g = rebuild.start(caller.id());
        return Response.accepted(new RebuildStatus(g, rebuild.status()))
                .header("Location", "/api/v1/analytics/rebuild").build();
    }

    @GET
    @RolesAllowed({Roles.ANALYST, Roles.ADMIN})
    @Operation(operationId = "getRebuildStatus",
            summary = "The model generations: ACTIVE answers queries, BUILDING is being replayed",
            description = "Analyst or admin. Each generation names who started it and when.")
    public RebuildStatus status() {
        return new RebuildStatus(null, rebuild.status());
    }
}
