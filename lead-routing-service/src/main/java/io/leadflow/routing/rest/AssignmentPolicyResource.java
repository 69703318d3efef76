package io.leadflow.routing.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import org.jboss.resteasy.reactive.RestResponse;

import io.leadflow.events.rest.Csv;
import io.leadflow.events.rest.EntityTags;
import io.leadflow.events.rest.LanguageParams;
import io.leadflow.events.rest.Page;
import io.leadflow.events.security.Roles;
import io.leadflow.routing.service.PolicyLabService;
import io.leadflow.routing.service.PolicyService;
import io.leadflow.routing.service.Views;

/** The assignment rules: sales managers and admins only. */
@Tag(name = "Assignment policy",
        description = "The ordered rules that hand each lead to one rep, versioned, with dry runs on past periods")
@Path("/api/v1/assignment-policy")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.SALES_MANAGER, Roles.ADMIN})
public class AssignmentPolicyResource {

    private final PolicyService policies;
    private final PolicyLabService lab;
    private final EntityTags tags;

    public AssignmentPolicyResource(PolicyService policies, PolicyLabService lab, EntityTags tags) {
        this.tags = tags;
        this.policies = policies;
        this.lab = lab;
    }

    @GET
    @Operation(operationId = "getAssignmentPolicy",
            summary = "The ordered assignment rules in force, and who saved them")
    public RestResponse<Views.AssignmentPolicyView> get() {
        return tagged(PolicyService.assignmentView(policies.assignment()));
    }

    @GET
    @Path("/versions")
    @Operation(operationId = "listAssignmentPolicyVersions",
            summary = "Every version of the assignment rules, newest first: who saved it, when and why")
    public Page<Views.AssignmentPolicyVersion> versions(@QueryParam("page") Integer page,
                                                        @QueryParam("size") Integer size) {
        return policies.assignmentVersions(Page.request(page, size));
    }

    @GET
    @Path("/versions/{version}")
    @Operation(operationId = "getAssignmentPolicyVersion",
            summary = "An earlier version of the assignment rules, e.g. the one an assignment was made under")
    public Views.AssignmentPolicyView version(@PathParam("version") int version) {
        return PolicyService.assignmentView(policies.assignment(version));
    }

    @PUT
    @Operation(operationId = "replaceAssignmentPolicy",
            summary = "Save a new version of the ordered assignment rules (recorded as the caller's)")
    public RestResponse<Views.AssignmentPolicyView> put(@Valid @NotNull Bodies.AssignmentPolicyInput body,
                                                        @HeaderParam(EntityTags.IF_MATCH) String ifMatch) {
        Integer basedOn = tags.basedOn(ifMatch, body.basedOnVersion(), policies.assignment().policy().version(),
                "The assignment policy");
        if (body.backtest() == null) {
            return tagged(PolicyService.assignmentView(policies.saveAssignment(body.rules(), basedOn, body.reason())));
        }
        Bodies.BacktestInput b = body.backtest();
        return tagged(PolicyService.assignmentView(lab.activateAssignment(body.rules(), basedOn, body.reason(),
                new PolicyLabService.PeriodInput(b.period(), b.from(), b.to()))));
    }

    private static RestResponse<Views.AssignmentPolicyView> tagged(Views.AssignmentPolicyView view) {
        return EntityTags.tagged(view, EntityTags.ofVersion(view.version()));
    }

    @POST
    @Path("/dry-runs")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @RolesAllowed({Roles.SALES_MANAGER, Roles.ADMIN, Roles.ANALYST})
    @Operation(operationId = "dryRunAssignmentPolicy",
            summary = "Replay a past period's leads through draft assignment rules (and optionally a draft roster): "
            + "each rep's weekly load, top-grade leads to senior reps, overflow, fairness, beside what really "
            + "happened; nothing is stored or published",
            description = "Body: rules (as PUT /assignment-policy), optional roster (reps as POST /reps), period "
                    + "(2026-Q3) or from/to. JSON, or CSV (one row per scenario, rep and week) with Accept: text/csv "
                    + "or ?format=csv.")
    @APIResponse(responseCode = "200", description = "The dry run as JSON, "
            + "or as CSV with Accept: text/csv or ?format=csv",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = LabViews.DryRunView.class)))
    public Response dryRun(@Valid @NotNull Bodies.AssignmentDryRunInput body, @BeanParam LanguageParams language,
                           @QueryParam("format") String format, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        PolicyLabService.DryRun run = lab.dryRun(body.rules(), body.roster(),
                new PolicyLabService.PeriodInput(body.period(), body.from(), body.to()));
        LabViews.DryRunView view = LabViews.dryRun(run, policies.grading().policy(), language.language());
        return Csv.jsonOrCsv(view, format, accept, "assignment-dry-run-" + run.period().from() + "-"
                + run.period().to(), LabViews.DRY_RUN_COLUMNS, () -> LabViews.dryRunRows(view));
    }
}
