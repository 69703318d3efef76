package io.leadflow.followup.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.leadflow.events.rest.Page;
import io.leadflow.events.security.Roles;
import io.leadflow.followup.service.CadencePolicyDocument;
import io.leadflow.followup.service.CadencePolicyService;
import io.leadflow.followup.service.PolicyVersionView;

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
    @RolesAllowed({Roles.SALES, Roles.SALES_MANAGER, Roles.ADMIN})
    @Operation(summary = "The current cadence per grade, the sources that tighten the first response, and the working calendar")
    public CadencePolicyDocument get() {
        return policies.currentDocument();
    }

    @PUT
    @RolesAllowed({Roles.SALES_MANAGER, Roles.ADMIN})
    @Operation(summary = "Replace the cadence policy (a new version, with who, when and changeReason; sales-manager or admin)")
    public CadencePolicyDocument put(CadencePolicyDocument document) {
        return policies.replace(document, actor.require());
    }

    @GET
    @Path("/versions")
    @RolesAllowed({Roles.SALES, Roles.SALES_MANAGER, Roles.ADMIN})
    @Operation(summary = "The policy's history, newest first: every version with who published it, when and why")
    public Page<PolicyVersionView> versions(@QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return policies.versions(Page.request(page, size));
    }

    @GET
    @Path("/versions/{version}")
    @RolesAllowed({Roles.SALES, Roles.SALES_MANAGER, Roles.ADMIN})
    @Operation(summary = "One version of the policy as it was published (version 1 is the template's defaults)")
    public CadencePolicyDocument version(@PathParam("version") int version) {
        return policies.document(version);
    }
}
