package io.leadflow.routing.service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.leadflow.events.contract.LeadEvent;
import io.leadflow.events.contract.LeadProfile;
import io.leadflow.events.domain.InvalidInput;
import io.leadflow.events.domain.NotFound;
import io.leadflow.events.domain.RuleBroken;
import io.leadflow.events.domain.Violation;
import io.leadflow.events.outbox.LeadEvents;
import io.leadflow.events.security.Caller;
import io.leadflow.events.time.BusinessTime;
import io.leadflow.routing.config.RoutingConfig;
import io.leadflow.routing.domain.AssignmentPolicy;
import io.leadflow.routing.domain.Availability;
import io.leadflow.routing.domain.Candidate;
import io.leadflow.routing.domain.LeadToRoute;
import io.leadflow.routing.domain.Router;
import io.leadflow.routing.domain.RoutingDecision;
import io.leadflow.routing.domain.Seniority;
import io.leadflow.routing.repository.AssignmentEntity;
import io.leadflow.routing.repository.AssignmentRepository;
import io.leadflow.routing.repository.Json;
import io.leadflow.routing.repository.LeadEntity;
import io.leadflow.routing.repository.LeadRepository;
import io.leadflow.routing.repository.RepEntity;
import io.leadflow.routing.repository.RepRepository;

/**
 * Gives every graded open lead exactly one owner. The lead's row lock serialises changes to one lead; the chosen
 * rep's row lock serialises changes to one rep's load; the partial unique index on assignment is the last word.
 */
@ApplicationScoped
public class AssignmentService {

    private static final Logger LOG = Logger.getLogger(AssignmentService.class);
    private static final int ATTEMPTS = 5;

    private final LeadRepository leads;
    private final RepRepository reps;
    private final AssignmentRepository assignments;
    private final PolicyService policies;
    private final LeadEvents events;
    private final Event<RepMayBeFree> repMayBeFree;
    private final RoutingConfig config;
    private final Caller caller;
    private final Clock clock;
    private final BusinessTime time;

    public AssignmentService(LeadRepository leads, RepRepository reps, AssignmentRepository assignments,
                             PolicyService policies, LeadEvents events, Event<RepMayBeFree> repMayBeFree, RoutingConfig config,
                             Caller caller, Clock clock, BusinessTime time) {
        this.caller = caller;
        this.leads = leads;
        this.reps = reps;
        this.assignments = assignments;
        this.policies = policies;
        this.events = events;
        this.repMayBeFree = repMayBeFree;
        this.config = config;
        this.clock = clock;
        this.time = time;
    }

    // ---- assigning ----------------------------------------------------------------------------------------

    /**
     * A newly graded open lead: its named 跟进人 when on the roster, otherwise the rules; the queue when none fits.
     *
     * @param profile the lead as the event that qualified it described it (the typed profile the grade was decided
     *                on, not read back from the row it was just stored in)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void assignNew(LeadEntity lead, LeadProfile profile) {
        if (!lead.open() || assignments.active(lead.leadId).isPresent()) {
            return;
        }
        if (profile != null && profile.namedOwner() != null) {
            Optional<Candidate> named = Router.namedOwner(profile.namedOwner(), candidates(Set.of()));
            if (named.isPresent()) {
                RepEntity rep = reps.lock(named.get().repId()).orElseThrow();
                int open = rep.openLeads;
                String why = "跟进人 " + profile.namedOwner() + " named on the lead is on the roster and keeps it ("
                        + open + " of " + rep.capacity + " open leads before this one, " + availability(rep).describe() + ")";
                assign(lead, rep, Router.NAMED_OWNER_RULE, Router.NAMED_OWNER_RULE, why, null, null, null);
                return;
            }
            LOG.debugf("Lead %s names 跟进人 %s who is not on the roster; the rules decide", lead.leadId, profile.namedOwner());
        }
        routeAndAssign(lead, Set.of(), null, null, true, null);
    }

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
        return routeAndAssign(lead, Set.of(), null, null, true, null).assigned() != null;
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
            RepEntity rep = reps.find(toRepId).filter(r -> r.active).orElseThrow(() -> InvalidInput.stated(
                    "Rep '" + toRepId + "' is not on the roster; choose an active rep from GET /api/v1/reps.",
                    List.of(new Violation("toRepId", "is not an active rep on the roster"))));
            if (current.isPresent() && current.get().ownerId.equals(toRepId)) {
                throw new RuleBroken(rep.name + " already owns lead " + leadId + ".");
            }
            reps.lock(toRepId);
            Availability availability = availability(rep);
            if (!availability.isAvailableOn(today())) {
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
            return assign(lead, rep, Router.MANUAL_RULE, Router.MANUAL_RULE, why, current.orElse(null), reason, by);
        }
        Set<String> exclude = current.map(a -> Set.of(a.ownerId)).orElse(Set.of());
        Outcome outcome = routeAndAssign(lead, exclude, current.orElse(null), reason, false, by);
        if (outcome.assigned() == null) {
            throw new RuleBroken("No other rep fits lead " + leadId + " now: " + outcome.why()
                    + ". Name a rep with toRepId, or free capacity first.");
        }
        return outcome.assigned();
    }

    /** The new assignment, or null with why no rep fits. */
    private record Outcome(AssignmentEntity assigned, String why) {
    }

    /**
     * After a regrade: keep the owner when a rule for the new grade still sends such leads to them; otherwise
     * hand the lead to whoever the rules choose (the owner keeps it when nobody else fits). A queued lead is
     * retried at once.
     *
     * @param by the person whose regrade this follows (null when the rules regraded, e.g. after a lead update)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void afterRegrade(LeadEntity lead, String previousGrade, String by) {
        if (!lead.open()) {
            return;
        }
        Optional<AssignmentEntity> current = assignments.active(lead.leadId);
        if (current.isEmpty()) {
            if (lead.queuedAt != null) {
                routeAndAssign(lead, Set.of(), null, null, true, by);
            }
            return;
        }
        if (!config.rerouteOnRegrade()) {
            return;
        }
        AssignmentPolicy policy = policies.assignment().policy();
        List<Candidate> roster = candidates(Set.of());
        Optional<Candidate> owner = roster.stream().filter(c -> c.repId().equals(current.get().ownerId)).findFirst();
        if (owner.isPresent() && Router.ownerFits(policy, toRoute(lead), owner.get(), roster)) {
            return;
        }
        String reason = "regraded " + previousGrade + " → " + lead.grade + "; the rules hand " + lead.grade
                + " leads to other reps";
        routeAndAssign(lead, Set.of(current.get().ownerId), current.get(), reason, false, by);
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
                RepEntity target = reps.find(toRepId).orElseThrow();
                int open = reps.openLeads(toRepId);
                assign(lead, target, Router.MANUAL_RULE, Router.MANUAL_RULE, reason + "; " + target.name + " has " + open
                        + " of " + target.capacity + " open leads", current, reason, by);
                moved++;
            } else {
                Outcome outcome = routeAndAssign(lead, Set.of(from.repId), current, reason, false, by);
                if (outcome.assigned() != null) {
                    moved++;
                } else {
                    assignments.end(current, clock.instant(), "OWNER_DEACTIVATED", by);
                    queue(lead, reason + "; " + outcome.why());
                }
            }
        }
        return moved;
    }

    private Outcome routeAndAssign(LeadEntity lead, Set<String> exclude, AssignmentEntity previous, String reason,
                                   boolean queueIfNone, String by) {
        AssignmentPolicy policy = policies.assignment().policy();
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            RoutingDecision decision = Router.route(policy, toRoute(lead), candidates(exclude));
            if (decision instanceof RoutingDecision.Assigned chosen) {
                RepEntity rep = reps.lock(chosen.owner().repId()).orElseThrow();
                int open = rep.openLeads;
                if (rep.active && availability(rep).isAvailableOn(today()) && open < rep.capacity) {
                    return new Outcome(assign(lead, rep, chosen.ruleId(), chosen.strategy().name(),
                            chosen.why(), previous, reason, policy.version(), by), chosen.why());
                }
                // Another transaction filled the rep between our read and our lock: decide again.
                continue;
            }
            if (queueIfNone) {
                queue(lead, decision.why());
            }
            return new Outcome(null, decision.why());
        }
        String why = "every fitting rep filled up while assigning";
        if (queueIfNone) {
            queue(lead, why);
        }
        return new Outcome(null, why);
    }

    private AssignmentEntity assign(LeadEntity lead, RepEntity rep, String ruleId, String strategy, String why,
                                    AssignmentEntity previous, String reason, String by) {
        return assign(lead, rep, ruleId, strategy, why, previous, reason, policies.assignment().policy().version(), by);
    }

    /**
     * @param reason why the lead changed hands (a person's words or the regrade), null for a first assignment
     * @param by     the person who caused the change, null when the rules assigned on their own
     */
    private AssignmentEntity assign(LeadEntity lead, RepEntity rep, String ruleId, String strategy, String why,
                                    AssignmentEntity previous, String reason, int policyVersion, String by) {
        Instant now = clock.instant();
        if (previous != null) {
            assignments.end(previous, now, "REASSIGNED", by);
        }
        AssignmentEntity a = new AssignmentEntity();
        a.leadId = lead.leadId;
        a.ownerId = rep.repId;
        a.ownerName = rep.name;
        a.seniority = rep.seniority;
        a.grade = lead.grade;
        a.source = lead.source;
        a.ruleId = ruleId;
        a.strategy = strategy;
        a.why = why;
        a.policyVersion = policyVersion;
        a.previousOwnerId = previous == null ? null : previous.ownerId;
        a.assignedBy = by;
        a.reason = reason;
        a.assignedAt = now;
        a.active = true;
        assignments.persist(a);
        rep.lastTurn = reps.nextTurn();
        lead.queuedAt = null;
        lead.queueReason = null;
        lead.updatedAt = now;
        if (previous == null) {
            events.emit(lead.leadId, new LeadEvent.LeadAssigned(rep.repId, rep.name, rep.seniority, lead.grade,
                    lead.source, ruleId, strategy, why, lead.registeredAt));
        } else {
            events.emit(lead.leadId, new LeadEvent.LeadReassigned(previous.ownerId, rep.repId, rep.name, lead.grade,
                    reason == null ? why : reason, by));
            // The previous owner has room again.
            repMayBeFree.fire(new RepMayBeFree());
        }
        return a;
    }

    private void queue(LeadEntity lead, String why) {
        if (lead.queuedAt == null) {
            lead.queuedAt = clock.instant();
        }
        lead.queueReason = why;
        lead.updatedAt = clock.instant();
    }

    // ---- the roster as the router sees it ----------------------------------------------------------------

    List<Candidate> candidates(Set<String> exclude) {
        Map<String, Integer> open = reps.openLeadsByRep();
        LocalDate today = today();
        return reps.active().stream().filter(r -> !exclude.contains(r.repId))
                .map(r -> candidate(r, open.getOrDefault(r.repId, 0), today)).toList();
    }

    static Candidate candidate(RepEntity r, int open, LocalDate today) {
        Availability availability = availability(r);
        return new Candidate(r.repId, r.name, Seniority.valueOf(r.seniority), Json.strings(r.industries),
                Json.strings(r.regions), r.capacity, open, availability.isAvailableOn(today), availability.describe(),
                r.lastTurn);
    }

    public static Availability availability(RepEntity r) {
        return new Availability(Availability.Status.valueOf(r.availability), r.awayUntil);
    }

    static LeadToRoute toRoute(LeadEntity lead) {
        return new LeadToRoute(lead.leadId, lead.grade, lead.industry, lead.region, lead.source);
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), time.zone());
    }
}
