package io.leadflow.followup.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.leadflow.events.rest.EntityTags;
import io.leadflow.events.rest.LanguageParams;
import io.leadflow.events.rest.Page;
import io.leadflow.events.security.Roles;
import io.leadflow.events.time.BusinessTime;
import io.leadflow.followup.service.Labels;
import io.leadflow.followup.service.TaskService;
import io.leadflow.followup.service.TaskView;

@Path("/api/v1/tasks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Tasks",
        description = "What each rep has to do next, soonest due first: first responses, recurring touches, next "
                + "actions")
@RolesAllowed({Roles.SALES, Roles.SALES_MANAGER, Roles.ADMIN})
public class TaskResource {

    public record CompleteRequest(@Schema(example = "已发送定制方案") @Size(max = 1000) String note) {
    }

    public record SnoozeRequest(
            @Schema(description = "New due time: ISO date-time with offset, or a date (end of that working day)",
                    example = "2024-03-11") String until,
            @Schema(example = "客户出差,下周一回来") @Size(max = 1000) String reason) {
    }

    private final TaskService tasks;
    private final CurrentActor actor;
    private final BusinessTime businessTime;

    public TaskResource(TaskService tasks, CurrentActor actor, BusinessTime businessTime) {
        this.tasks = tasks;
        this.actor = actor;
        this.businessTime = businessTime;
    }

    @GET
    @Operation(operationId = "listTasks",
            summary = "Tasks, soonest due first; due=overdue|today|week in the business zone. A sales rep gets their "
            + "own list (ownerId defaults to them; another owner is a 403)")
    public Page<TaskView> list(@QueryParam("ownerId") String ownerId, @QueryParam("leadId") String leadId,
                               @Parameter(description = "overdue, today or week") @QueryParam("due") String due,
                               @Parameter(description = "OPEN (default), DONE, CANCELLED or ALL") @QueryParam("status") String status,
                               @QueryParam("page") Integer page, @QueryParam("size") Integer size,
                               @BeanParam LanguageParams language) {
        return tasks.list(actor.require(), ownerId, leadId, due, status, Page.request(page, size), labels(language));
    }

    @GET
    @Path("/{taskId}")
    @Operation(operationId = "getTask", summary = "One task, with the ETag a completion or a snooze sends back in "
            + "If-Match; a sales rep reads their own")
    public RestResponse<TaskView> get(@PathParam("taskId") String taskId, @BeanParam LanguageParams language) {
        TaskView task = tasks.get(taskId, actor.require(), labels(language));
        return EntityTags.tagged(task, task.tag());
    }

    @POST
    @Path("/{taskId}/complete")
    @Operation(operationId = "completeTask",
            summary = "Complete a task; a recurring touch schedules its next occurrence")
    public RestResponse<TaskView> complete(@PathParam("taskId") String taskId, @Valid CompleteRequest request,
                                           @HeaderParam(EntityTags.IF_MATCH) String ifMatch,
                                           @BeanParam LanguageParams language) {
        TaskView task = tasks.complete(taskId, request == null ? null : request.note(), ifMatch, actor.require(),
                labels(language));
        return EntityTags.tagged(task, task.tag());
    }

    @POST
    @Path("/{taskId}/snooze")
    @Operation(operationId = "snoozeTask",
            summary = "Put a task off, with a reason (the first-response SLA is not moved)")
    public RestResponse<TaskView> snooze(@PathParam("taskId") String taskId, @Valid SnoozeRequest request,
                                         @HeaderParam(EntityTags.IF_MATCH) String ifMatch,
                                         @BeanParam LanguageParams language) {
        TaskView task = tasks.snooze(taskId, request == null ? null : request.until(),
                request == null ? null : request.reason(), ifMatch, actor.require(), labels(language));
        return EntityTags.tagged(task, task.tag());
    }

    private Labels labels(LanguageParams language) {
        return new Labels(language.language(), businessTime.zone());
    }
}
