package io.leadflow.routing.service;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import io.leadflow.events.domain.InvalidInput;
import io.leadflow.events.domain.NotFound;
import io.leadflow.events.domain.RuleBroken;
import io.leadflow.events.domain.Violation;
import io.leadflow.events.security.Caller;
import io.leadflow.routing.domain.Availability;
import io.leadflow.routing.domain.Router;
import io.leadflow.routing.repository.AssignmentEntity;
import io.leadflow.routing.repository.AssignmentRepository;
import io.leadflow.routing.repository.LeadEntity;
import io.leadflow.routing.repository.LeadRepository;
import io.leadflow.routing.repository.RepEntity;
import io.leadflow.routing.repository.RepRepository;

/**
 * Staff and the queue move leads: a person reassigns one lead, a deactivated rep's leads move on, a queued lead gets
 * an owner once one fits, a closed lead frees its owner. A lead's first owner and the owner after a regrade are
 * {@link LeadDecisions}' to decide; both hand leads over through {@link Assigner}.
 */
@ApplicationScoped
public class AssignmentService {

    private final LeadRepository leads;
    private final RepRepository reps;
    private final AssignmentRepository assignments;
    private final Assigner assigner;
    private final Event<RepMayBeFree> repMayBeFree;
    private final Caller caller;
    private final Clock clock;

    public AssignmentService(LeadRepository leads, RepRepository reps, AssignmentRepository assignments,
                             Assigner assigner, Event<RepMayBeFree> repMayBeFree, Caller caller, Clock clock) {
        this.leads = leads;
        this.reps = reps;
        this.assignments = assignments;
        this.assigner = assigner;
        this.repMayBeFree = repMayBeFree;
        this.caller = caller;
        this.clock = clock;
    }

    // ---- staff and the queue move leads -------------------------------------------------------------------

    /** Called by the drain for one queued lead; true when it got an owner. */
    @Transactional
    public boolean assignFromQueue(String leadId) {
        reps.lockDecisions();
        Optional<LeadEntity> locked = leads.lockQueued(leadId);
        if (locked.isEmpty()) {
            return false;
        }
        LeadEntity lead = locked.get();
        if (assignments.active(leadId).isPresent()) {
            lead.queuedAt = null;
            lead.queueReason = null;
            return false;
        }
        return assigner.routeAndAssign(lead, Set.of(), null, null, true, null).assigned() != null;
    }

    public record ReassignRequest(String toRepId, String reason) {
    }

    /**
     * To a named rep, or (no rep given) to whoever the rules choose other than the current owner; recorded as the
     * caller's (the token's user, never a name the client sends).
     */
    @Transactional
    public AssignmentEntity reassign(String leadId, ReassignRequest request) {
        reps.lockDecisions();
        LeadEntity lead = leads.lock(leadId).orElseThrow(() -> new NotFound("Lead", leadId));
        if (!lead.qualified || lead.grade == null) {
            throw new RuleBroken("Lead " + leadId + " has not been qualified and graded yet; it cannot be assigned.");
        }
        if (!lead.open()) {
            throw new RuleBroken("Lead " + leadId + " is " + lead.status + "; only open leads are reassigned.");
        }
        Optional<AssignmentEntity> current = assignments.active(leadId);
        String by = caller.id();
        String reason = request.reason().strip();
        if (request.toRepId() != null && !request.toRepId().isBlank()) {
            String toRepId = request.toRepId().strip();
            RepEntity rep = reps.findByIdOptional(toRepId).filter(r -> r.active).orElseThrow(() -> InvalidInput.stated(
                    "Rep '" + toRepId + "' is not on the roster; choose an active rep from GET /api/v1/reps.",
                    List.of(new Violation("toRepId", "is not an active rep on the roster"))));
            if (current.isPresent() && current.get().ownerId.equals(toRepId)) {
                throw new RuleBroken(rep.name + " already owns lead " + leadId + ".");
            }
            reps.lock(toRepId);
            Availability availability = Assigner.availability(rep);
            if (!availability.isAvailableOn(assigner.today())) {
                throw new RuleBroken(rep.name + " is " + availability.describe()
                        + " and takes no leads; choose another rep or set them available first.");
            }
            int open = reps.openLeads(toRepId);
            if (open >= rep.capacity) {
                throw new RuleBroken(rep.name + " already has " + open + " of " + rep.capacity
                        + " open leads; raise the capacity or choose another rep.");
            }
            String why = "reassigned by " + by + ": " + reason + "; " + rep.name + " has " + open + " of "
                    + rep.capacity + " open leads";
            return assigner.assign(lead, rep, Router.MANUAL_RULE, Router.MANUAL_RULE, why, current.orElse(null), reason, by);
        }
        Set<String> exclude = current.map(a -> Set.of(a.ownerId)).orElse(Set.of());
        Assigner.Outcome outcome = assigner.routeAndAssign(lead, exclude, current.orElse(null), reason, false, by);
        if (outcome.assigned() == null) {
            throw new RuleBroken("No other rep fits lead " + leadId + " now: " + outcome.why()
                    + ". Name a rep with toRepId, or free capacity first.");
        }
        return outcome.assigned();
    }

    /**
     * Won, lost or erased: the owner's capacity is freed and queued leads are retried after commit.
     *
     * @param by who ended it when the event names them (the erasure's requester), else null
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void endOwnership(LeadEntity lead, String why, String by) {
        assignments.active(lead.leadId).ifPresent(a -> assignments.end(a, clock.instant(), why, by));
        lead.queuedAt = null;
        lead.queueReason = null;
        repMayBeFree.fire(new RepMayBeFree());
    }

    /**
     * Moves every open lead of a rep (being deactivated) to {@code toRepId}, or through the rules when null; leads
     * no rep fits go to the unassigned queue. Returns how many moved to an owner.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int moveAll(RepEntity from, String toRepId, String reason) {
        String by = caller.id();
        List<String> leadIds = assignments.openLeadIdsOf(from.repId);
        int moved = 0;
        if (toRepId != null) {
            RepEntity target = reps.lock(toRepId).orElseThrow();
            int open = reps.openLeads(toRepId);
            if (open + leadIds.size() > target.capacity) {
                throw new RuleBroken(target.name + " has room for " + Math.max(0, target.capacity - open)
                        + " more leads but " + from.name + " owns " + leadIds.size()
                        + "; raise their capacity or use reassignTo=RULES.");
            }
        }
        for (String leadId : leadIds) {
            LeadEntity lead = leads.lock(leadId).orElseThrow();
            AssignmentEntity current = assignments.active(leadId).orElse(null);
            if (current == null || !current.ownerId.equals(from.repId)) {
                continue;
            }
            if (toRepId != null) {
                RepEntity target = reps.findByIdOptional(toRepId).orElseThrow();
                int open = reps.openLeads(toRepId);
                assigner.assign(lead, target, Router.MANUAL_RULE, Router.MANUAL_RULE, reason + "; " + target.name + " has " + open
                        + " of " + target.capacity + " open leads", current, reason, by);
                moved++;
            } else {
                Assigner.Outcome outcome = assigner.routeAndAssign(lead, Set.of(from.repId), current, reason, false, by);
                if (outcome.assigned() != null) {
                    moved++;
                } else {
                    assignments.end(current, clock.instant(), "OWNER_DEACTIVATED", by);
                    assigner.queue(lead, reason + "; " + outcome.why());
                }
            }
        }
        return moved;
    }
}
