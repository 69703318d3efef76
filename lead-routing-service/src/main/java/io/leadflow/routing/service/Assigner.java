package io.leadflow.routing.service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import io.leadflow.events.contract.LeadEvent;
import io.leadflow.events.outbox.LeadEvents;
import io.leadflow.events.time.BusinessTime;
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
import io.leadflow.routing.repository.RepEntity;
import io.leadflow.routing.repository.RepRepository;

/**
 * How a lead changes hands, whoever decided it should: the rules route it over the roster as it stands, the chosen
 * rep's row lock serialises changes to that rep's load, and the partial unique index on assignment is the last word.
 * Not a use case: {@link LeadDecisions} and {@link AssignmentService} call it inside their transactions.
 */
@ApplicationScoped
public class Assigner {

    private static final int ATTEMPTS = 5;

    private final RepRepository reps;
    private final AssignmentRepository assignments;
    private final PolicyService policies;
    private final LeadEvents events;
    private final Event<RepMayBeFree> repMayBeFree;
    private final Clock clock;
    private final BusinessTime time;

    public Assigner(RepRepository reps, AssignmentRepository assignments, PolicyService policies, LeadEvents events,
                    Event<RepMayBeFree> repMayBeFree, Clock clock, BusinessTime time) {
        this.reps = reps;
        this.assignments = assignments;
        this.policies = policies;
        this.events = events;
        this.repMayBeFree = repMayBeFree;
        this.clock = clock;
        this.time = time;
    }

    /** The new assignment, or null with why no rep fits. */
    record Outcome(AssignmentEntity assigned, String why) {
    }

    /**
     * Hands the lead to whoever the rules choose among active reps not excluded; when none fits, the lead waits in
     * the unassigned queue if asked to.
     *
     * @param previous the assignment this one ends, null for a first owner
     * @param reason   why the lead changes hands (a person's words or the regrade), null for a first assignment
     * @param by       the person who caused it, null when the rules act on their own
     */
    @Transactional(Transactional.TxType.MANDATORY)
    Outcome routeAndAssign(LeadEntity lead, Set<String> exclude, AssignmentEntity previous, String reason,
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

    /** To a rep a person or the lead itself named, under the assignment policy in force. */
    @Transactional(Transactional.TxType.MANDATORY)
    AssignmentEntity assign(LeadEntity lead, RepEntity rep, String ruleId, String strategy, String why,
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
        lead.queuedAt = null;
        lead.queueReason = null;
        lead.updatedAt = now;
        // The lead is written once, graded and off the queue, before the assignment whose trigger counts the rep's
        // load by the lead's grade: inserted first, it would count the lead under no grade, then move it.
        assignments.flush();
        assignments.persist(a);
        rep.lastTurn = reps.nextTurn();
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

    /** The lead waits in the unassigned queue, saying what for; it keeps its place when it already waited. */
    void queue(LeadEntity lead, String why) {
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
