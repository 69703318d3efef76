package io.leadflow.followup.rest;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.leadflow.events.rest.LanguageParams;
import io.leadflow.events.rest.Page;
import io.leadflow.events.security.Roles;
import io.leadflow.events.time.BusinessTime;
import io.leadflow.followup.service.FollowUpRequest;
import io.leadflow.followup.service.FollowUpService;
import io.leadflow.followup.service.FollowUpView;
import io.leadflow.followup.service.HistoryEntry;
import io.leadflow.followup.service.Labels;
import io.leadflow.followup.service.LeadHistoryService;
import io.leadflow.followup.service.LeadService;
import io.leadflow.followup.service.LeadView;
import io.leadflow.followup.service.OutcomeRequest;
import io.leadflow.followup.service.RegradeRequestBody;
import io.leadflow.followup.service.RegradeRequestView;
import io.leadflow.followup.service.SlaService;
import io.leadflow.followup.service.SlaView;
import io.leadflow.followup.service.StageRequest;

@Path("/api/v1/pipeline/{leadId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Pipeline",
        description = "A lead's way to won or lost: stage, outcome, first-response SLA, its follow-up log (Table 2) "
                + "and history")
@RolesAllowed({Roles.SALES, Roles.SALES_MANAGER, Roles.ADMIN})
public class LeadResource {

    private final FollowUpService followUps;
    private final LeadService leads;
    private final SlaService sla;
    private final CurrentActor actor;
    private final BusinessTime businessTime;
    private final LeadHistoryService history;

    public LeadResource(FollowUpService followUps, LeadService leads, SlaService sla, LeadHistoryService history,
                        CurrentActor actor, BusinessTime businessTime) {
        this.history = history;
        this.followUps = followUps;
        this.leads = leads;
        this.sla = sla;
        this.actor = actor;
        this.businessTime = businessTime;
    }

    private Labels labels(LanguageParams language) {
        return new Labels(language.language(), businessTime.zone());
    }

    @GET
    @Operation(operationId = "getPipeline",
            summary = "Follow-up's view of a lead: owner, grade, stage and where it may go, outcome, SLA, open tasks")
    @APIResponse(responseCode = "200", description = "The lead on the pipeline",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LeadView.class),
            examples = @ExampleObject(name = "won", ref = "table1Row1Won")))
    public LeadView get(@PathParam("leadId") String leadId, @BeanParam LanguageParams language) {
        return leads.get(leadId, actor.require(), labels(language));
    }

    @POST
    @Path("/followups")
    @Operation(operationId = "logFollowUp",
            summary = "Log a follow-up (Table 2); only the lead's owner, a sales manager or an admin")
    @APIResponse(responseCode = "201", description = "Logged; Location is the follow-up",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = FollowUpView.class),
            examples = @ExampleObject(name = "table2Row1", ref = "table2Row1Logged")))
    public Response log(@PathParam("leadId") String leadId, @RequestBody(content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FollowUpRequest.class), examples = {
                @ExampleObject(name = "table2Row1", summary = "Table 2, row 1: the first call, done",
                        value = "{\"contactedAt\":\"2024-03-02\",\"method\":\"电话\","
                                + "\"content\":\"介绍CRM系统核心功能,知晓预算范围\",\"feedback\":\"预算12万,需看详细方案\","
                                + "\"nextAction\":\"3月5日前发送定制方案\",\"status\":\"已完成\"}"),
                @ExampleObject(name = "table2Row2", summary = "Table 2, row 2: the proposal by email, in progress",
                        value = "{\"contactedAt\":\"2024-03-06\",\"method\":\"邮件\","
                                + "\"content\":\"发送方案及案例,约定3月8日演示\",\"feedback\":\"方案需补充竞品对比\","
                                + "\"nextAction\":\"3月7日前更新方案,确认演示时间\",\"status\":\"进行中\"}")}))
                        @Valid FollowUpRequest request,
                        @BeanParam LanguageParams language) {
        FollowUpView view = followUps.log(leadId, request == null ? emptyFollowUp() : request, actor.require(), labels(language));
        return Response.created(URI.create("/api/v1/pipeline/" + leadId + "/followups/" + view.id())).entity(view).build();
    }

    private static FollowUpRequest emptyFollowUp() {
        return new FollowUpRequest(null, null, null, null, null, null, null, null);
    }

    @GET
    @Path("/followups/{followUpId}")
    @Operation(operationId = "getFollowUp",
            summary = "One follow-up of the lead (what the Location of a logged follow-up names)")
    public FollowUpView followUp(@PathParam("leadId") String leadId, @PathParam("followUpId") String followUpId,
                                 @BeanParam LanguageParams language) {
        return followUps.get(leadId, followUpId, actor.require(), labels(language));
    }

    @GET
    @Path("/followups")
    @Operation(operationId = "listFollowUps", summary = "The lead's follow-up log, newest first")
    public Page<FollowUpView> list(@PathParam("leadId") String leadId, @QueryParam("page") Integer page,
                                   @QueryParam("size") Integer size,
                                   @BeanParam LanguageParams language) {
        return followUps.list(leadId, actor.require(), Page.request(page, size), labels(language));
    }

    @GET
    @Path("/sla")
    @Operation(operationId = "getLeadSla", summary = "The lead's first-response SLA and its overdue touches")
    public SlaView sla(@PathParam("leadId") String leadId, @BeanParam LanguageParams language) {
        return sla.ofLead(leadId, actor.require(), labels(language));
    }

    @GET
    @Path("/history")
    @Operation(operationId = "getLeadHistory",
            summary = "Who did what to the lead and when, newest first: stage changes, won/lost, follow-ups logged "
            + "or imported, tasks completed, cancelled and snoozed, regrade requests, erasure")
    public Page<HistoryEntry> history(@PathParam("leadId") String leadId, @QueryParam("page") Integer page,
                                      @QueryParam("size") Integer size,
                                      @BeanParam LanguageParams language) {
        return history.of(leadId, actor.require(), Page.request(page, size), labels(language));
    }

    @POST
    @Path("/stage")
    @Operation(operationId = "changeStage",
            summary = "Move the lead to another stage (LeadStageChanged); from LOST this reopens it")
    public LeadView stage(@PathParam("leadId") String leadId, @Valid StageRequest request,
                          @BeanParam LanguageParams language) {
        return leads.changeStage(leadId, request, actor.require(), labels(language));
    }

    @POST
    @Path("/outcome")
    @Operation(operationId = "recordOutcome",
            summary = "Record the lead WON (amount, win factors) or LOST (reason from the list), on the day it "
            + "happened")
    public LeadView outcome(@PathParam("leadId") String leadId, @Valid OutcomeRequest request,
                            @BeanParam LanguageParams language) {
        return leads.recordOutcome(leadId, request, actor.require(), labels(language));
    }

    @POST
    @Path("/regrade-requests")
    @Operation(operationId = "requestRegrade",
            summary = "Ask routing to regrade the lead now that the need is clear (RegradeRequested)")
    @APIResponse(responseCode = "202", description = "Asked: routing decides and announces the grade",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RegradeRequestView.class)))
    public Response regrade(@PathParam("leadId") String leadId, @Valid RegradeRequestBody body) {
        RegradeRequestView view = leads.requestRegrade(leadId, body, actor.require());
        return Response.status(Response.Status.ACCEPTED).entity(view).build();
    }
}
