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
import io.leadflow.routing.domain.GradingPolicy;
import io.leadflow.routing.service.LeadDecisions;
import io.leadflow.routing.service.PolicyLabService;
import io.leadflow.routing.service.PolicyService;
import io.leadflow.routing.service.Views;

/** The grading policy: sales managers and admins only. */
@Tag(name = "Grading policy",
        description = "The levels, weights and rules that grade leads, versioned, with backtests on past periods")
@Path("/api/v1/grading-policy")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.SALES_MANAGER, Roles.ADMIN})
public class GradingPolicyResource {

    private final PolicyService policies;
    private final LeadDecisions decisions;
    private final PolicyLabService lab;
    private final EntityTags tags;

    public GradingPolicyResource(PolicyService policies, LeadDecisions decisions, PolicyLabService lab,
                                 EntityTags tags) {
        this.tags = tags;
        this.policies = policies;
        this.decisions = decisions;
        this.lab = lab;
    }

    @GET
    @Operation(operationId = "getGradingPolicy",
            summary = "The grading policy in force: levels with labels and thresholds, weighted rules, who saved it")
    public RestResponse<Views.GradingPolicyView> get() {
        return tagged(policies.view(policies.grading()));
    }

    @GET
    @Path("/versions")
    @Operation(operationId = "listGradingPolicyVersions",
            summary = "Every version, newest first: who saved it, when, why, and who applied it to open leads")
    public Page<Views.GradingPolicyVersion> versions(@QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return policies.gradingVersions(Page.request(page, size));
    }

    @GET
    @Path("/versions/{version}")
    @Operation(operationId = "getGradingPolicyVersion",
            summary = "An earlier version of the grading policy, e.g. the one a lead was graded with")
    public Views.GradingPolicyView version(@PathParam("version") int version) {
        return policies.view(policies.grading(version));
    }

    @PUT
    @Operation(operationId = "replaceGradingPolicy",
            summary = "Save a new version of the grading policy; it grades leads from now on (recorded as the "
            + "caller's)")
    public RestResponse<Views.GradingPolicyView> put(@Valid @NotNull Bodies.GradingPolicyInput body,
                                                     @HeaderParam(EntityTags.IF_MATCH) String ifMatch) {
        GradingPolicy typed = new GradingPolicy(0, body.levels(), body.rules());
        Integer basedOn = tags.basedOn(ifMatch, body.basedOnVersion(), policies.grading().policy().version(),
                "The grading policy");
        if (body.backtest() == null) {
            return tagged(policies.view(policies.saveGrading(typed, basedOn, body.reason())));
        }
        Bodies.BacktestInput b = body.backtest();
        return tagged(policies.view(lab.activateGrading(typed, basedOn, body.reason(),
                new PolicyLabService.PeriodInput(b.period(), b.from(), b.to()), b.givenGrades())));
    }

    private static RestResponse<Views.GradingPolicyView> tagged(Views.GradingPolicyView view) {
        return EntityTags.tagged(view, EntityTags.ofVersion(view.version()));
    }

    @POST
    @Path("/backtests")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @RolesAllowed({Roles.SALES_MANAGER, Roles.ADMIN, Roles.ANALYST})
    @Operation(operationId = "backtestGradingPolicy",
            summary = "Try a draft grading policy on a past period's leads: grades before and after, conversion per "
            + "grade, moves, lift and AUC; nothing is stored or published",
            description = "Body: the draft (as PUT /grading-policy) and period (2026-Q3, 2026-07, 2026) or from/to. JSON, "
                    + "or CSV with Accept: text/csv or ?format=csv. The answer's activate block is the PUT that saves "
                    + "the draft with these figures.")
    @APIResponse(responseCode = "200", description = "The backtest as JSON, "
            + "or as CSV with Accept: text/csv or ?format=csv",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = LabViews.GradingBacktestView.class)))
    public Response backtest(@Valid @NotNull Bodies.GradingBacktestInput body, @BeanParam LanguageParams language,
                             @QueryParam("format") String format, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        PolicyLabService.Backtest run = lab.backtest(new GradingPolicy(0, body.levels(), body.rules()),
                new PolicyLabService.PeriodInput(body.period(), body.from(), body.to()), body.givenGrades());
        LabViews.GradingBacktestView view = LabViews.backtest(run, policies.grading().policy(), body.rules(),
                language.language());
        return Csv.jsonOrCsv(view, format, accept, "grading-backtest-" + run.period().from() + "-" + run.period().to(),
                LabViews.BACKTEST_COLUMNS, () -> LabViews.backtestRows(view));
    }

    @POST
    @Path("/regrade")
    @Operation(operationId = "regradeOpenLeads",
            summary = "Re-grade open leads graded by the rules under the policy in force; says how many moved "
            + "(recorded as the caller's, listed under the version)")
    public LeadDecisions.RegradeSummary regrade() {
        return decisions.regradeOpenLeads();
    }
}
