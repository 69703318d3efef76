package io.leadflow.routing.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.leadflow.events.rest.LanguageParams;
import io.leadflow.events.security.Roles;
import io.leadflow.routing.domain.GradeLevel;
import io.leadflow.routing.repository.Json;
import io.leadflow.routing.repository.LeadEntity;
import io.leadflow.routing.service.AssignmentService;
import io.leadflow.routing.service.GradingService;
import io.leadflow.routing.service.PolicyService;

/**
 * A lead's grade and owner. Managers and admins read and change any lead; a sales rep reads only the leads they
 * own (any other answers 404, as if it did not exist) and changes none.
 */
@Path("/api/v1/leads/{leadId}")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.SALES_MANAGER, Roles.ADMIN})
public class LeadRoutingResource {

    private final GradingService grading;
    private final AssignmentService assignments;
    private final PolicyService policies;

    public LeadRoutingResource(GradingService grading, AssignmentService assignments, PolicyService policies) {
        this.grading = grading;
        this.assignments = assignments;
        this.policies = policies;
    }

    @GET
    @Path("/grade")
    @RolesAllowed({Roles.SALES, Roles.SALES_MANAGER, Roles.ADMIN})
    @Operation(summary = "The lead's grade, score, the rules that decided it, and its grade history: each change with "
            + "by whom, when and why")
    public Views.GradeView grade(@PathParam("leadId") String leadId,
                                 @BeanParam LanguageParams language) {
        GradingService.GradeRecord record = grading.gradeOf(leadId);
        return view(record, language);
    }

    @PUT
    @Path("/grade")
    @Operation(summary = "Regrade the lead by hand, with a reason (recorded as the caller's)")
    public Views.GradeView regrade(@PathParam("leadId") String leadId, @Valid @NotNull Bodies.RegradeInput body,
                                   @BeanParam LanguageParams language) {
        grading.regrade(leadId, body.grade(), body.reason());
        return view(grading.gradeOf(leadId), language);
    }

    @GET
    @Path("/assignment")
    @RolesAllowed({Roles.SALES, Roles.SALES_MANAGER, Roles.ADMIN})
    @Operation(summary = "The lead's owner (or why it waits unassigned) and its owner history: each owner with who "
            + "handed the lead over, when and why")
    public Views.LeadAssignmentView assignment(@PathParam("leadId") String leadId) {
        return view(assignments.ofLead(leadId));
    }

    @POST
    @Path("/reassign")
    @Operation(summary = "Hand the lead to a named rep, or (no toRepId) to the rep the rules choose next (recorded as "
            + "the caller's)")
    public Views.LeadAssignmentView reassign(@PathParam("leadId") String leadId,
                                             @Valid @NotNull Bodies.ReassignInput body) {
        assignments.reassign(leadId, new AssignmentService.ReassignRequest(body.toRepId(), body.reason()));
        return view(assignments.ofLead(leadId));
    }

    private Views.GradeView view(GradingService.GradeRecord record, LanguageParams language) {
        LeadEntity lead = record.lead();
        GradeLevel level = policies.grading().policy().level(lead.grade).orElse(null);
        return new Views.GradeView(lead.leadId, lead.grade,
                level == null ? lead.grade : level.label(language.language()), level == null ? null : level.labelZh(),
                level == null ? null : level.labelEn(), lead.score == null ? 0 : lead.score, lead.gradeOrigin,
                "GIVEN".equals(lead.gradeOrigin), lead.gradingPolicyVersion == null ? 0 : lead.gradingPolicyVersion,
                Json.reasons(lead.gradeReasons), lead.gradedAt, lead.status,
                record.history().stream().map(Views.GradeChange::of).toList());
    }

    static Views.LeadAssignmentView view(AssignmentService.LeadAssignment a) {
        LeadEntity lead = a.lead();
        return new Views.LeadAssignmentView(lead.leadId, lead.status, lead.grade,
                a.current().map(Views.AssignmentView::of).orElse(null),
                lead.queuedAt == null ? null : new Views.Waiting(lead.queuedAt, lead.queueReason),
                a.history().stream().map(Views.AssignmentView::of).toList());
    }
}
