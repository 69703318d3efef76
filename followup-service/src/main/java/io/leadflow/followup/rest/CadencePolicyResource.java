package io.leadflow.followup.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
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

import io.leadflow.events.domain.InvalidInput;
import io.leadflow.events.rest.Csv;
import io.leadflow.events.rest.EntityTags;
import io.leadflow.events.rest.LanguageParams;
import io.leadflow.events.rest.Page;
import io.leadflow.events.security.Roles;
import io.leadflow.events.time.BusinessTime;
import io.leadflow.followup.domain.Actor;
import io.leadflow.followup.service.CadencePolicyDocument;
import io.leadflow.followup.service.CadencePolicyService;
import io.leadflow.followup.service.CadenceWhatIfRequest;
import io.leadflow.followup.service.CadenceWhatIfService;
import io.leadflow.followup.service.CadenceWhatIfView;
import io.leadflow.followup.service.Labels;
import io.leadflow.followup.service.PolicyVersionView;

@Path("/api/v1/cadence-policy")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Cadence policy",
        description = "How often each grade is followed up and how soon a first response is due, versioned, with "
                + "what-ifs on past periods")
public class CadencePolicyResource {

    private final CadencePolicyService policies;
    private final CadenceWhatIfService whatIfs;
    private final CurrentActor actor;
    private final BusinessTime businessTime;
    private final EntityTags tags;

    public CadencePolicyResource(CadencePolicyService policies, CadenceWhatIfService whatIfs, CurrentActor actor,
                                 BusinessTime businessTime, EntityTags tags) {
        this.tags = tags;
        this.policies = policies;
        this.whatIfs = whatIfs;
        this.actor = actor;
        this.businessTime = businessTime;
    }

    @POST
    @Path("/what-ifs")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @RolesAllowed({Roles.SALES_MANAGER, Roles.ADMIN, Roles.ANALYST})
    @Operation(operationId = "whatIfCadencePolicy",
            summary = "Hold a draft cadence policy against a past period's real first responses: SLA compliance per "
            + "grade, source and owner now and under the draft, and who would have breached it; nothing is stored",
            description = "Body: {policy: the draft as GET answers it (or sources: [{source, firstResponse}] to set on "
                    + "the policy in force), period: 2026-Q3 | 2026-07 | 2026, or from/to}. "
                    + "JSON, or CSV with Accept: text/csv or ?format=csv. To make the draft the next version, PUT it "
                    + "with a changeReason and whatIf: {period} (or {from, to}); the figures are kept with the version.")
    @APIResponse(responseCode = "200", description = "The what-if as JSON, "
            + "or as CSV with Accept: text/csv or ?format=csv",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CadenceWhatIfView.class)))
    public Response whatIf(@Valid CadenceWhatIfRequest body, @BeanParam LanguageParams language,
                           @QueryParam("format") String format, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        if (body == null) {
            throw InvalidInput.of("(body)", "is required: {policy, period} or {policy, from, to}");
        }
        CadenceWhatIfView view = whatIfs.run(body, new Labels(language.language(), businessTime.zone()));
        return Csv.jsonOrCsv(view, format, accept, "cadence-what-if-" + view.from() + "-" + view.to(),
                CadenceWhatIfView.CSV_COLUMNS, view::csvRows);
    }

    @GET
    @RolesAllowed({Roles.SALES, Roles.SALES_MANAGER, Roles.ADMIN})
    @Operation(operationId = "getCadencePolicy",
            summary = "The current cadence per grade, the sources that tighten the first response, and the working "
            + "calendar")
    public RestResponse<CadencePolicyDocument> get() {
        return tagged(policies.currentDocument());
    }

    private static RestResponse<CadencePolicyDocument> tagged(CadencePolicyDocument document) {
        return EntityTags.tagged(document, EntityTags.ofVersion(document.version()));
    }

    @PUT
    @RolesAllowed({Roles.SALES_MANAGER, Roles.ADMIN})
    @Operation(operationId = "replaceCadencePolicy",
            summary = "Replace the cadence policy (a new version, with who, when and changeReason; sales-manager or "
            + "admin)",
            description = "With whatIf: {period} (or {from, to}) the draft is held against that period again and the "
                    + "figures (leads, first-response SLA compliance before and after) are kept with the version as "
                    + "tried, listed in its history and published to analytics' monthly review; changeReason is then "
                    + "required.")
    public RestResponse<CadencePolicyDocument> put(@Valid CadencePolicyDocument document,
                                                   @HeaderParam(EntityTags.IF_MATCH) String ifMatch) {
        Actor who = actor.require();
        if (document == null) {
            throw InvalidInput.of("(body)", "is required: the cadence policy as GET answers it");
        }
        CadencePolicyDocument draft = document.withVersion(tags.basedOn(ifMatch, document.version(),
                policies.current().version(), "The cadence policy"));
        return tagged(draft.whatIf() != null ? whatIfs.activate(draft, who) : policies.replace(draft, who));
    }

    @GET
    @Path("/versions")
    @RolesAllowed({Roles.SALES, Roles.SALES_MANAGER, Roles.ADMIN})
    @Operation(operationId = "listCadencePolicyVersions",
            summary = "The policy's history, newest first: every version with who published it, when and why")
    public Page<PolicyVersionView> versions(@QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return policies.versions(Page.request(page, size));
    }

    @GET
    @Path("/versions/{version}")
    @RolesAllowed({Roles.SALES, Roles.SALES_MANAGER, Roles.ADMIN})
    @Operation(operationId = "getCadencePolicyVersion",
            summary = "One version of the policy as it was published (version 1 is the template's defaults)")
    public CadencePolicyDocument version(@PathParam("version") int version) {
        return policies.document(version);
    }
}
