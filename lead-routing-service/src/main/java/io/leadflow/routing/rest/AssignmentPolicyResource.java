package io.leadflow.routing.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.leadflow.routing.domain.AssignmentPolicy;
import io.leadflow.routing.service.PolicyService;

@Path("/api/v1/assignment-policy")
@Produces(MediaType.APPLICATION_JSON)
public class AssignmentPolicyResource {

    private final PolicyService policies;

    public AssignmentPolicyResource(PolicyService policies) {
        this.policies = policies;
    }

    @GET
    @Operation(summary = "The ordered assignment rules in force")
    public Views.AssignmentPolicyView get() {
        return view(policies.assignment());
    }

    @GET
    @Path("/versions/{version}")
    @Operation(summary = "An earlier version of the assignment rules, e.g. the one an assignment was made under")
    public Views.AssignmentPolicyView version(@jakarta.ws.rs.PathParam("version") int version) {
        return view(policies.assignment(version));
    }

    @PUT
    @Operation(summary = "Save a new version of the ordered assignment rules")
    public Views.AssignmentPolicyView put(@Valid @NotNull Bodies.AssignmentPolicyInput body) {
        return view(policies.saveAssignment(body.rules(), body.basedOnVersion()));
    }

    private static Views.AssignmentPolicyView view(PolicyService.Versioned<AssignmentPolicy> v) {
        return new Views.AssignmentPolicyView(v.policy().version(), v.createdAt(), v.policy().rules());
    }
}
