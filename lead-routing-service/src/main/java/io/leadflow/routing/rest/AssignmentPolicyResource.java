package io.leadflow.routing.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.leadflow.events.rest.Page;
import io.leadflow.events.security.Roles;
import io.leadflow.routing.domain.AssignmentPolicy;
import io.leadflow.routing.repository.PolicyRepository;
import io.leadflow.routing.service.PolicyService;

/** The assignment rules: sales managers and admins only. */
@Path("/api/v1/assignment-policy")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.SALES_MANAGER, Roles.ADMIN})
public class AssignmentPolicyResource {

    private final PolicyService policies;

    public AssignmentPolicyResource(PolicyService policies) {
        this.policies = policies;
    }

    @GET
    @Operation(summary = "The ordered assignment rules in force, and who saved them")
    public Views.AssignmentPolicyView get() {
        return view(policies.assignment());
    }

    @GET
    @Path("/versions")
    @Operation(summary = "Every version of the assignment rules, newest first: who saved it, when and why")
    public Page<Views.AssignmentPolicyVersion> versions(@QueryParam("page") Integer page,
                                                        @QueryParam("size") Integer size) {
        Page<PolicyRepository.VersionInfo> found = policies.versions(PolicyRepository.Kind.ASSIGNMENT,
                Page.request(page, size));
        int inForce = policies.assignment().policy().version();
        return new Page<>(found.items().stream().map(v -> new Views.AssignmentPolicyVersion(v.version(),
                v.changedBy(), v.changedAt(), v.reason(), v.version() == inForce)).toList(),
                found.page(), found.size(), found.total());
    }

    @GET
    @Path("/versions/{version}")
    @Operation(summary = "An earlier version of the assignment rules, e.g. the one an assignment was made under")
    public Views.AssignmentPolicyView version(@PathParam("version") int version) {
        return view(policies.assignment(version));
    }

    @PUT
    @Operation(summary = "Save a new version of the ordered assignment rules (recorded as the caller's)")
    public Views.AssignmentPolicyView put(@Valid @NotNull Bodies.AssignmentPolicyInput body) {
        return view(policies.saveAssignment(body.rules(), body.basedOnVersion(), body.reason()));
    }

    private static Views.AssignmentPolicyView view(PolicyService.Versioned<AssignmentPolicy> v) {
        return new Views.AssignmentPolicyView(v.policy().version(), v.createdAt(), v.changedBy(), v.createdAt(),
                v.reason(), v.policy().rules());
    }
}
