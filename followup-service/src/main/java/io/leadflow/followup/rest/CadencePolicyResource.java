package io.leadflow.followup.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.leadflow.followup.service.CadencePolicyDocument;
import io.leadflow.followup.service.CadencePolicyService;

@Path("/api/v1/cadence-policy")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Cadence policy")
public class CadencePolicyResource {

    private final CadencePolicyService policies;
    private final CurrentActor actor;

    public CadencePolicyResource(CadencePolicyService policies, CurrentActor actor) {
        this.policies = policies;
        this.actor = actor;
    }

    @GET
    @Operation(summary = "The current cadence per grade, the sources that tighten the first response, and the working calendar")
    public CadencePolicyDocument get() {
        return policies.currentDocument();
    }

    @PUT
    @Operation(summary = "Replace the cadence policy (a new version; sales-manager or admin)")
    public CadencePolicyDocument put(CadencePolicyDocument document) {
        return policies.replace(document, actor.require());
    }
}
