package io.leadflow.intake.rest;

import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.jboss.resteasy.reactive.RestResponse;

import io.leadflow.events.domain.Text;
import io.leadflow.events.rest.EntityTags;
import io.leadflow.events.rest.Page;
import io.leadflow.events.rest.Problem;
import io.leadflow.events.rest.ProblemException;
import io.leadflow.events.rest.QueryDates;
import io.leadflow.events.security.Caller;
import io.leadflow.events.security.Roles;
import io.leadflow.intake.domain.LeadSource;
import io.leadflow.intake.service.CaptureService;
import io.leadflow.intake.service.ChangeView;
import io.leadflow.intake.service.IntakeService;
import io.leadflow.intake.service.LeadErasure;
import io.leadflow.intake.service.LeadMerge;
import io.leadflow.intake.service.LeadRegister;
import io.leadflow.intake.service.LeadService;
import io.leadflow.intake.service.LeadView;
import io.leadflow.intake.service.TouchView;

/**
 * Staff capture and the lead register. The caller is the bearer token's user: audits name them, and a sales rep
 * reads only the leads routing assigned to them (anything else is a 404).
 */
@Tag(name = "Leads",
        description = "The lead register (Table 1): capture, search, correct, re-screen and erase leads; each lead's "
                + "touches and changes")
@Path("/api/v1/leads")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.MARKETING, Roles.SALES_MANAGER, Roles.ADMIN})
public class LeadResource {

    private final IntakeService intake;
    private final LeadService leads;
    private final LeadRegister register;
    private final LeadErasure erasure;
    private final LeadMerge merges;
    private final Caller caller;

    /** A correction is a JSON merge patch (RFC 7396), and may say so. */
    static final String MERGE_PATCH = "application/merge-patch+json";

    public LeadResource(IntakeService intake, LeadService leads, LeadRegister register, LeadErasure erasure,
                        LeadMerge merges, Caller caller) {
        this.register = register;
        this.merges = merges;
        this.erasure = erasure;
        this.intake = intake;
        this.leads = leads;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "captureLead", summary = "Capture a lead (Table 1): validated and screened; the same "
            + "phone, email or company again is linked to the existing lead as a touch instead of a second lead")
    @APIResponse(responseCode = "201", description = "A new lead; Location is the lead",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CaptureResponse.class),
            examples = @ExampleObject(name = "table1Row1", ref = "table1Row1Captured")))
    @APIResponse(responseCode = "200",
            description = "Not a new lead: a duplicate linked to the existing one as a touch, or refused by screening "
                    + "(outcome says which)", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CaptureResponse.class)))
    public Response capture(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CaptureLeadRequest.class), examples = {
                @ExampleObject(name = "table1Row1", summary = "Table 1, row 1: met at a trade show, captured by staff",
                        value = "{\"customerName\":\"星辰科技有限公司\",\"contactName\":\"张经理\","
                                + "\"phone\":\"139 1234 5678\",\"source\":\"展会\",\"sourceDetail\":\"2024 上海数字化展会\","
                                + "\"needDescription\":\"需要CRM系统\",\"industry\":\"软件\",\"region\":\"上海\","
                                + "\"budget\":\"10-15万\",\"decisionCycle\":\"1个月\",\"declaredIntent\":\"高意向\"}"),
                @ExampleObject(name = "table1Row2", summary = "Table 1, row 2: a website enquiry typed in by marketing",
                        value = "{\"customerName\":\"云帆商贸公司\",\"contactName\":\"王总\","
                                + "\"phone\":\"13800138000\",\"source\":\"官网表单\","
                                + "\"needDescription\":\"知晓一下ERP模块\",\"budget\":\"待确认\","
                                + "\"decisionCycle\":\"2-3个月\",\"declaredIntent\":\"中意向\"}")}))
                           CaptureLeadRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("The request body is empty; send the lead as JSON.",
                    List.of(new Problem.FieldError("(body)", "is required")));
        }
        if (request.consent() != null && request.consent().granted()
                && (request.consent().text() == null || request.consent().text().isBlank())) {
            throw ProblemException.badRequest("Field 'consent.text' is required when consent is granted: record the "
                    + "words the person agreed to.", List.of(new Problem.FieldError("consent.text",
                    "is required when consent.granted is true (the consent wording, e.g. 同意接收产品资讯)")));
        }
        IntakeService.Captured captured = intake.capture(request.toRaw(), "STAFF", request,
                "staff:" + caller.id());
        CaptureResponse body = response(captured);
        if (captured.result().outcome() == CaptureService.Outcome.CREATED) {
            return Response.created(URI.create("/api/v1/leads/" + captured.result().leadId())).entity(body).build();
        }
        return Response.ok(body).build();
    }

    static CaptureResponse response(IntakeService.Captured captured) {
        CaptureService.Result r = captured.result();
        return new CaptureResponse(r.leadId(), r.outcome().name(), captured.lead().status(),
                captured.lead().screeningPolicyVersion(), captured.lead().rejectionReasons(), r.matchedOn(),
                r.touchId(), captured.lead());
    }

    /** A sales rep gets their own leads only, whatever the filters. */
    @GET
    @RolesAllowed({Roles.MARKETING, Roles.SALES, Roles.SALES_MANAGER, Roles.ADMIN})
    @Operation(operationId = "listLeads", summary = "The lead register, newest first, filtered by source, status, "
            + "channel, period or a search (name, company, phone in any format, email); a sales rep sees their own "
            + "leads only")
    public Page<LeadView> list(@QueryParam("source") String source, @QueryParam("status") String status,
                               @QueryParam("channel") String channel, @QueryParam("from") String from,
                               @QueryParam("to") String to, @QueryParam("owner") String owner,
                               @QueryParam("ownerId") String ownerId, @QueryParam("q") String q, @QueryParam("page") Integer page,
                               @QueryParam("size") Integer size, @QueryParam("possibleDuplicates") boolean possibleDuplicates) {
        Page.PageRequest request = Page.request(page, size);
        String sourceCode = null;
        if (Text.orNull(source) != null) {
            sourceCode = LeadSource.parse(source).map(Enum::name).orElseThrow(() -> ProblemException.badRequest(
                    "Parameter 'source': '" + source + "' is not a lead source.",
                    List.of(new Problem.FieldError("source", "use one of " + LeadSource.accepted()))));
        }
        String statusCode = null;
        if (Text.orNull(status) != null) {
            statusCode = status.strip().toUpperCase(java.util.Locale.ROOT);
            if (!List.of("QUALIFIED", "REJECTED", "MERGED", "ERASED").contains(statusCode)) {
                throw ProblemException.badRequest("Parameter 'status': '" + status + "' is not a status.",
                        List.of(new Problem.FieldError("status", "use QUALIFIED, REJECTED, MERGED or ERASED")));
            }
        }
        String channelCode = null;
        if (Text.orNull(channel) != null) {
            channelCode = channel.strip().toUpperCase(java.util.Locale.ROOT);
            if (!List.of("STAFF", "FORM", "IMPORT").contains(channelCode)) {
                throw ProblemException.badRequest("Parameter 'channel': '" + channel + "' is not a channel.",
                        List.of(new Problem.FieldError("channel", "use STAFF, FORM or IMPORT")));
            }
        }
        LocalDate fromDay = QueryDates.day("from", from);
        LocalDate toDay = QueryDates.day("to", to);
        if (fromDay != null && toDay != null && fromDay.isAfter(toDay)) {
            throw ProblemException.badRequest("Parameter 'from' is after 'to'.",
                    List.of(new Problem.FieldError("from", "must be on or before 'to'")));
        }
        String query = Text.orNull(q);
        if (query != null && query.length() > 200) {
            throw ProblemException.badRequest("Parameter 'q' is longer than 200 characters.",
                    List.of(new Problem.FieldError("q", "at most 200 characters")));
        }
        return register.list(new LeadRegister.Filter(sourceCode, statusCode, fromDay, toDay, Text.orNull(owner), query,
                channelCode, Text.orNull(ownerId), possibleDuplicates), request);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.MARKETING, Roles.SALES, Roles.SALES_MANAGER, Roles.ADMIN})
    @Operation(operationId = "getLead", summary = "One lead with its screening, owner and duplicates; the ETag is its "
            + "version")
    @APIResponse(responseCode = "200", description = "The lead",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LeadView.class),
            examples = @ExampleObject(name = "table1Row1", ref = "table1Row1Lead")))
    public RestResponse<LeadView> get(@PathParam("id") String id) {
        LeadView lead = register.get(id);
        return EntityTags.tagged(lead, EntityTags.ofVersion(lead.version()));
    }

    @GET
    @Path("/{id}/touches")
    @RolesAllowed({Roles.MARKETING, Roles.SALES, Roles.SALES_MANAGER, Roles.ADMIN})
    @Operation(operationId = "listLeadTouches", summary = "Every time the lead came in again (a duplicate capture, "
            + "form post or import row), newest first")
    public Page<TouchView> touches(@PathParam("id") String id, @QueryParam("page") Integer page,
                                   @QueryParam("size") Integer size) {
        return Page.request(page, size).slice(register.touches(id));
    }

    /** Who changed what and when: staff corrections (the token's user) and owner changes (routing). */
    @GET
    @Path("/{id}/changes")
    @RolesAllowed({Roles.MARKETING, Roles.SALES, Roles.SALES_MANAGER, Roles.ADMIN})
    @Operation(operationId = "listLeadChanges", summary = "Who changed what and when: staff corrections and owner "
            + "changes")
    public Page<ChangeView> changes(@PathParam("id") String id, @QueryParam("page") Integer page,
                                    @QueryParam("size") Integer size) {
        return Page.request(page, size).slice(register.changes(id));
    }

    /** A JSON merge patch of the correctable fields; {@code "reason"} may say why. */
    @PATCH
    @Path("/{id}")
    @Consumes({MediaType.APPLICATION_JSON, MERGE_PATCH})
    @Operation(operationId = "correctLead", summary = "Correct a lead's fields (a JSON merge patch; a reason may say "
            + "why), re-screened and announced")
    public RestResponse<LeadView> correct(@PathParam("id") String id, @RequestBody(content = {
            @Content(mediaType = MERGE_PATCH, schema = @Schema(implementation = LeadCorrection.class),
                    examples = @ExampleObject(name = "budgetConfirmed", summary = "The budget confirmed on the phone",
                            value = "{\"budget\":\"12万\",\"reason\":\"客户电话确认\"}")),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LeadCorrection.class))})
                                          JsonNode body,
                                          @HeaderParam(EntityTags.IF_MATCH) String ifMatch) {
        if (!(body instanceof ObjectNode patch)) {
            throw ProblemException.badRequest("The request body must be a JSON object of the fields to correct.",
                    List.of(new Problem.FieldError("(body)", "must be a JSON object")));
        }
        JsonNode reason = patch.remove("reason");
        if (patch.isEmpty()) {
            throw ProblemException.badRequest("Nothing to correct; name at least one field.",
                    List.of(new Problem.FieldError("(body)", "names no field; correctable: "
                            + LeadService.CORRECTABLE)));
        }
        LeadView corrected = leads.correct(id, patch, caller.id(),
                reason == null || reason.isNull() ? null : reason.asText(), ifMatch);
        return EntityTags.tagged(corrected, EntityTags.ofVersion(corrected.version()));
    }

    @POST
    @Path("/{id}/rescreen")
    @Operation(operationId = "rescreenLead", summary = "Screen the lead again under the screening policy in force")
    public Map<String, Object> rescreen(@PathParam("id") String id) {
        LeadService.Rescreened result = leads.rescreen(id);
        return Map.of("changed", result.changed(), "status", result.lead().status(),
                "screeningPolicyVersion", result.lead().screeningPolicyVersion(),
                "reasons", result.lead().rejectionReasons(), "lead", result.lead());
    }

    /**
     * Staff confirm that the lead duplicates {@code into}: its touches move there, it is closed as MERGED, and every
     * service is told (its assignment ends, its tasks are cancelled, reports stop counting it).
     */
    @POST
    @Path("/{id}/merge")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "mergeLead", summary = "Merge the lead into the lead it duplicates: its touches move "
            + "there, it closes as MERGED, its owner's assignment and tasks end")
    @APIResponse(responseCode = "200", description = "Merged (or it already was, into the same lead): both leads "
            + "as they are now", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = LeadMerge.Merged.class)))
    public LeadMerge.Merged merge(@PathParam("id") String id, MergeRequest body,
                                  @HeaderParam(EntityTags.IF_MATCH) String ifMatch) {
        if (body == null) {
            throw ProblemException.badRequest("The request body must name the lead to merge into: {\"into\": \"LX...\"}.",
                    List.of(new Problem.FieldError("into", "is required")));
        }
        return merges.merge(id, Text.orNull(body.into()) == null ? null : body.into().strip(), caller.id(),
                reason(body.reason()), ifMatch);
    }

    /** Staff judged a possible duplicate to be a lead of its own: the flag goes, audited with the reason. */
    @DELETE
    @Path("/{id}/possible-duplicate")
    @Operation(operationId = "keepLeadApart", summary = "Keep a possible duplicate as a lead of its own: the "
            + "possibleDuplicateOf flag goes (audited)")
    public RestResponse<LeadView> keepApart(@PathParam("id") String id, @QueryParam("reason") String reason,
                                            @HeaderParam(EntityTags.IF_MATCH) String ifMatch) {
        LeadView lead = merges.keepApart(id, caller.id(), reason(reason), ifMatch);
        return EntityTags.tagged(lead, EntityTags.ofVersion(lead.version()));
    }

    private static String reason(String reason) {
        String why = Text.orNull(reason) == null ? null : reason.strip();
        if (why != null && why.length() > 500) {
            throw ProblemException.badRequest("'reason' is longer than 500 characters.",
                    List.of(new Problem.FieldError("reason", "at most 500 characters")));
        }
        return why;
    }

    /**
     * Erases the lead's personal data everywhere (LeadErased); the anonymous facts stay for analytics. The reason
     * travels to every service: name the request (e.g. a ticket number), never the person.
     */
    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "eraseLead", summary = "Erase the lead's personal data in every service (admin); the "
            + "anonymous facts stay for analytics")
    @APIResponse(responseCode = "204",
            description = "Erased here and announced; every service removes the personal data it keeps")
    public Response erase(@PathParam("id") String id, @QueryParam("reason") String reason) {
        String why = Text.orNull(reason) == null ? "erasure requested" : reason.strip();
        if (why.length() > 500) {
            throw ProblemException.badRequest("Parameter 'reason' is longer than 500 characters.",
                    List.of(new Problem.FieldError("reason", "at most 500 characters")));
        }
        erasure.erase(id, caller.id(), why);
        return Response.noContent().build();
    }
}
