package io.leadflow.followup.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.leadflow.events.domain.Text;
import io.leadflow.events.rest.LanguageParams;
import io.leadflow.events.rest.Page;
import io.leadflow.events.rest.QueryDates;
import io.leadflow.events.rest.Problem;
import io.leadflow.events.rest.ProblemException;
import io.leadflow.events.security.Roles;
import io.leadflow.events.time.BusinessTime;
import io.leadflow.followup.service.BreachView;
import io.leadflow.followup.service.Labels;
import io.leadflow.followup.service.LeadService;
import io.leadflow.followup.service.SlaService;
import io.leadflow.followup.service.TaskView;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "SLA", description = "First-response SLA breaches, overdue touches and the reasons a lead may be lost with")
public class SlaResource {

    private final SlaService sla;
    private final LeadService leads;
    private final BusinessTime businessTime;
    private final CurrentActor actor;

    public SlaResource(SlaService sla, LeadService leads, CurrentActor actor, BusinessTime businessTime) {
        this.actor = actor;
        this.sla = sla;
        this.leads = leads;
        this.businessTime = businessTime;
    }

    @GET
    @Path("/sla/breaches")
    @RolesAllowed({Roles.SALES, Roles.SALES_MANAGER, Roles.ADMIN})
    @Operation(operationId = "listSlaBreaches",
            summary = "First-response SLA breaches, newest first; a sales rep sees those of their own leads")
    public Page<BreachView> breaches(@QueryParam("ownerId") String ownerId, @QueryParam("grade") String grade,
                                     @QueryParam("source") String source,
                                     @Parameter(description = "First day (yyyy-MM-dd, business zone) a breach was detected") @QueryParam("from") String from,
                                     @Parameter(description = "Last day (inclusive)") @QueryParam("to") String to,
                                     @QueryParam("page") Integer page, @QueryParam("size") Integer size,
                                     @BeanParam LanguageParams language) {
        Instant fromInstant = QueryDates.from("from", from, businessTime.zone());
        Instant toInstant = QueryDates.to("to", to, businessTime.zone());
        return sla.breaches(actor.require(), Text.orNull(ownerId), Text.orNull(grade) == null ? null : grade.trim().toUpperCase(Locale.ROOT),
                Text.orNull(source) == null ? null : source.trim().toUpperCase(Locale.ROOT), fromInstant, toInstant,
                Page.request(page, size), labels(language));
    }

    @GET
    @Path("/sla/overdue-touches")
    @RolesAllowed({Roles.SALES, Roles.SALES_MANAGER, Roles.ADMIN})
    @Operation(operationId = "listOverdueTouches",
            summary = "Open tasks past their due time (recurring touches and next actions), oldest first; a sales rep "
            + "sees their own")
    public Page<TaskView> overdue(@QueryParam("ownerId") String ownerId, @QueryParam("page") Integer page,
                                  @QueryParam("size") Integer size,
                                  @BeanParam LanguageParams language) {
        return sla.overdueTouches(actor.require(), Text.orNull(ownerId), Page.request(page, size), labels(language));
    }

    @GET
    @Path("/lost-reasons")
    @RolesAllowed({Roles.MARKETING, Roles.SALES, Roles.SALES_MANAGER, Roles.ANALYST, Roles.ADMIN})
    @Operation(operationId = "listLostReasons", summary = "The reasons a lost lead may be recorded with")
    public Page<String> lostReasons(@QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return Page.request(page, size).slice(leads.lostReasons());
    }

    private Labels labels(LanguageParams language) {
        return new Labels(language.language(), businessTime.zone());
    }
}
