package io.leadflow.routing.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.leadflow.routing.domain.GradingPolicy;
import io.leadflow.routing.service.GradingService;
import io.leadflow.routing.service.PolicyService;

@Path("/api/v1/grading-policy")
@Produces(MediaType.APPLICATION_JSON)
public class GradingPolicyResource {

    private final PolicyService policies;
    private final GradingService grading;

    public GradingPolicyResource(PolicyService policies, GradingService grading) {
        this.policies = policies;
        this.grading = grading;
    }

    @GET
    @Operation(summary = "The grading policy in force: levels with labels and thresholds, weighted rules")
    public Views.GradingPolicyView get() {
        return view(policies.grading());
    }

    @GET
    @Path("/versions/{version}")
    @Operation(summary = "An earlier version of the grading policy, e.g. the one a lead was graded with")
    public Views.GradingPolicyView version(@jakarta.ws.rs.PathParam("version") int version) {
        return view(policies.grading(version));
    }

    @PUT
    @Operation(summary = "Save a new version of the grading policy; it grades leads from now on")
    public Views.GradingPolicyView put(@Valid @NotNull Bodies.GradingPolicyInput body) {
        return view(policies.saveGrading(new GradingPolicy(0, body.levels(), body.rules()), body.basedOnVersion()));
    }

    @POST
    @Path("/regrade")
    @Operation(summary = "Re-grade open leads graded by the rules under the policy in force; says how many moved")
    public GradingService.RegradeSummary regrade() {
        return grading.regradeOpenLeads();
    }

    private static Views.GradingPolicyView view(PolicyService.Versioned<GradingPolicy> v) {
        GradingPolicy p = v.policy();
        return new Views.GradingPolicyView(p.version(), v.createdAt(), p.maxScore(), p.levels(), p.rules());
    }
}
