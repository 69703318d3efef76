package io.leadflow.routing.service;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.leadflow.events.contract.LeadProfile;
import io.leadflow.events.domain.NotFound;
import io.leadflow.events.rest.Page;
import io.leadflow.events.security.Caller;
import io.leadflow.events.security.Roles;
import io.leadflow.routing.repository.AssignmentEntity;
import io.leadflow.routing.repository.AssignmentRepository;
import io.leadflow.routing.repository.Json;
import io.leadflow.routing.repository.LeadEntity;
import io.leadflow.routing.repository.LeadRepository;

/** Who owns which lead, as staff read it: a lead's owner and history, the assignments, the leads still waiting. */
@ApplicationScoped
public class AssignmentQueries {

    private final LeadRepository leads;
    private final AssignmentRepository assignments;
    private final Caller caller;

    public AssignmentQueries(LeadRepository leads, AssignmentRepository assignments, Caller caller) {
        this.leads = leads;
        this.assignments = assignments;
        this.caller = caller;
    }

    public record LeadAssignment(LeadEntity lead, Optional<AssignmentEntity> current, List<AssignmentEntity> history) {
    }

    /** A sales rep sees only a lead they own: any other is "not found", as if it did not exist. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public LeadAssignment ofLead(String leadId) {
        LeadEntity lead = leads.findByIdOptional(leadId).filter(this::visibleToCaller)
                .orElseThrow(() -> new NotFound("Lead", leadId));
        return new LeadAssignment(lead, assignments.active(leadId), assignments.history(leadId));
    }

    /**
     * May the caller see this lead? Managers and admins see every lead; a {@code sales} user only a lead they own:
     * its active owner, or for a won or lost lead the owner who closed it.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean visibleToCaller(LeadEntity lead) {
        if (!caller.limitedToOwnLeads(Roles.SALES_MANAGER)) {
            return true;
        }
        String me = caller.id();
        return me != null && assignments.ownerOf(lead.leadId, lead.status).map(me::equals).orElse(false);
    }

    /**
     * Assignments, newest first.
     *
     * @param state ACTIVE (current owners), ENDED or ALL
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<Views.AssignmentView> list(String ownerId, String grade, Instant from,
                                                                    Instant to, String state,
                                                                    Page.PageRequest page) {
        AssignmentRepository.Filter filter = new AssignmentRepository.Filter(ownerId, grade, from, to, state);
        Page<AssignmentEntity> found =
                page.of(assignments.page(filter, page.offset(), page.size()), assignments.count(filter));
        return new Page<>(found.items().stream().map(Views.AssignmentView::of).toList(),
                found.page(), found.size(), found.total());
    }

    /** The lead's owner, or why it waits, and its owner history, as answered. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Views.LeadAssignmentView assignmentOf(String leadId) {
        LeadAssignment a = ofLead(leadId);
        LeadEntity lead = a.lead();
        return new Views.LeadAssignmentView(lead.leadId, lead.status, lead.grade,
                a.current().map(Views.AssignmentView::of).orElse(null),
                lead.queuedAt == null ? null : new Views.Waiting(lead.queuedAt, lead.queueReason),
                a.history().stream().map(Views.AssignmentView::of).toList());
    }

    /** Leads waiting for a rep, oldest first, each with why no rep fits. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<Views.UnassignedLead> unassignedLeads(String grade,
                                                                               Page.PageRequest page) {
        Page<LeadEntity> found = unassigned(grade, page);
        return new Page<>(found.items().stream().map(l -> {
            LeadProfile p = Json.read(l.profile, LeadProfile.class);
            return new Views.UnassignedLead(l.leadId, p == null ? null : p.customerName(), l.grade, l.score,
                    l.source, l.industry, l.region, l.queuedAt, l.queueReason);
        }).toList(), found.page(), found.size(), found.total());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<LeadEntity> unassigned(String grade, Page.PageRequest page) {
        return page.of(leads.queuedPage(grade, page.offset(), page.size()), leads.queuedCount(grade));
    }
}
