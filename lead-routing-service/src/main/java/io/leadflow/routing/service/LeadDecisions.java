package io.leadflow.routing.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.leadflow.events.contract.EventEnvelope;
import io.leadflow.events.contract.EventJson;
import io.leadflow.events.contract.GradeReason;
import io.leadflow.events.contract.LeadEvent;
import io.leadflow.events.contract.LeadProfile;
import io.leadflow.events.domain.InvalidInput;
import io.leadflow.events.domain.NotFound;
import io.leadflow.events.domain.RuleBroken;
import io.leadflow.events.domain.Violation;
import io.leadflow.events.outbox.LeadEvents;
import io.leadflow.events.security.Caller;
import io.leadflow.routing.config.RoutingConfig;
import io.leadflow.routing.domain.AssignmentPolicy;
import io.leadflow.routing.domain.Candidate;
import io.leadflow.routing.domain.Grade;
import io.leadflow.routing.domain.GradeOrigin;
import io.leadflow.routing.domain.Grader;
import io.leadflow.routing.domain.GradingPolicy;
import io.leadflow.routing.domain.Router;
import io.leadflow.routing.repository.AssignmentEntity;
import io.leadflow.routing.repository.AssignmentRepository;
import io.leadflow.routing.repository.GradeHistoryEntity;
import io.leadflow.routing.repository.Json;
import io.leadflow.routing.repository.LeadEntity;
import io.leadflow.routing.repository.LeadRepository;
import io.leadflow.routing.repository.PolicyRepository;
import io.leadflow.routing.repository.RepEntity;
import io.leadflow.routing.repository.RepRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Routing decides a lead here: its grade, then who owns it, in one transaction under the decision lock. Every change
 * that can move either passes through: a lead qualifying (intake's typed profile), staff correcting it, a person's or
 * follow-up's regrade, a new grading policy applied to open leads. Each reads the same way: {@link Grader} grades the
 * profile, {@link Router} routes the graded lead over the roster, {@link Assigner} hands it over (or queues it), and
 * the grade's history and events are written beside.
 */
@ApplicationScoped
public class LeadDecisions {

    private static final Logger LOG = Logger.getLogger(LeadDecisions.class);
    public static final String MANUAL_GRADE = "MANUAL_GRADE";

    private final LeadRepository leads;
    private final RepRepository reps;
    private final AssignmentRepository assignmentRows;
    private final Assigner assigner;
    private final PolicyService policies;
    private final PolicyRepository policyRepository;
    private final LeadEvents events;
    private final RoutingConfig config;
    private final Caller caller;
    private final Clock clock;

    public LeadDecisions(LeadRepository leads, RepRepository reps, AssignmentRepository assignmentRows, Assigner assigner,
                         PolicyService policies, PolicyRepository policyRepository, LeadEvents events,
                         RoutingConfig config, Caller caller, Clock clock) {
        this.leads = leads;
        this.reps = reps;
        this.assignmentRows = assignmentRows;
        this.assigner = assigner;
        this.policies = policies;
        this.policyRepository = policyRepository;
        this.events = events;
        this.config = config;
        this.caller = caller;
        this.clock = clock;
    }

    // ---- intake's events -----------------------------------------------------------------------------------

    /**
     * A lead passed screening: grade it (keeping a given grade), assign it when open, then apply follow-up events
     * that arrived before it. A second LeadQualified of the same lead updates it instead of assigning twice.
     */
    @Transactional
    public void qualified(String leadId, LeadProfile profile) {
        reps.lockDecisions();
        LeadEntity lead = leads.lockOrCreate(leadId, clock.instant());
        if ("ERASED".equals(lead.status)) {
            // A redelivered LeadQualified must not bring an erased lead's profile back.
            return;
        }
        boolean firstTime = !lead.qualified;
        lead.qualified = true;
        store(lead, profile);
        if (lead.grade == null) {
            Grade first = Grader.gradeNew(policies.grading().policy(), profile);
            applyGrade(lead, first, null, null, first.given()
                    ? "grade given with the lead (意向等级), kept as given"
                    : "graded by grading policy v" + first.policyVersion() + " when the lead qualified");
        } else if (!firstTime) {
            rescore(lead, profile, "qualified again");
        }
        ownerOfNew(lead, profile);
        for (String parked : leads.takeParked(leadId)) {
            EventEnvelope event = EventJson.decode(parked);
            if (event.payload() instanceof LeadEvent.RegradeRequested) {
                applyRegradeRequest(lead, event);
            }
        }
    }

    /** Staff corrected the lead: store the new profile; a policy grade follows the new facts. */
    @Transactional
    public void updated(String leadId, LeadProfile profile, List<String> changedFields) {
        reps.lockDecisions();
        LeadEntity lead = leads.lock(leadId).orElse(null);
        if (lead == null || !lead.qualified) {
            // Not qualified (rejected, or not yet seen): nothing of ours to update; LeadQualified carries the whole.
            return;
        }
        store(lead, profile);
        if (lead.open()) {
            rescore(lead, profile, "lead updated" + (changedFields == null || changedFields.isEmpty() ? ""
                    : ": " + String.join(", ", changedFields)));
        }
    }

    private void rescore(LeadEntity lead, LeadProfile profile, String why) {
        if (!GradeOrigin.POLICY.name().equals(lead.gradeOrigin)) {
            return;
        }
        GradingPolicy policy = policies.grading().policy();
        Grade grade = Grader.score(policy, profile);
        if (grade.code().equals(lead.grade) && lead.score != null && grade.score() == lead.score
                && lead.gradingPolicyVersion != null && lead.gradingPolicyVersion == policy.version()) {
            return;
        }
        String previous = lead.grade;
        applyGrade(lead, grade, why, null, why);
        if (!grade.code().equals(previous)) {
            ownerAfterRegrade(lead, previous, null);
        }
    }

    // ---- regrades ------------------------------------------------------------------------------------------

    /**
     * A person's regrade (PUT /leads/{id}/grade), recorded as the caller's (the token's user, never a name the
     * client sends); an unchanged grade records and emits nothing.
     */
    @Transactional
    public void regrade(String leadId, String typedGrade, String reason) {
        reps.lockDecisions();
        String requestedBy = caller.id();
        LeadEntity lead = leads.lock(leadId).orElseThrow(() -> new NotFound("Lead", leadId));
        if (!lead.qualified || lead.grade == null) {
            throw new RuleBroken("Lead " + leadId + " has not been qualified and graded yet.");
        }
        if (!lead.open()) {
            throw new RuleBroken("Lead " + leadId + " is " + lead.status + "; only open leads are regraded.");
        }
        GradingPolicy policy = policies.grading().policy();
        String code = policy.resolve(typedGrade).orElseThrow(() -> InvalidInput.stated(
                "'" + typedGrade + "' is not a grade of the grading policy; use one of " + policy.codes() + ".",
                List.of(new Violation("grade", "must be one of " + policy.codes()))));
        manual(lead, policy, code, reason.strip(), requestedBy);
    }

    /** Follow-up asked for a new grade (the need became clear): applied like a manual regrade. */
    @Transactional
    public void regradeRequested(EventEnvelope event) {
        reps.lockDecisions();
        LeadEntity lead = leads.lock(event.leadId()).orElse(null);
        if (lead == null || !lead.qualified) {
            // Topics are not ordered with each other: keep it until the lead's LeadQualified arrives.
            leads.park(event.eventId(), event.leadId(), event.eventType(), EventJson.encode(event), clock.instant());
            return;
        }
        applyRegradeRequest(lead, event);
    }

    private void applyRegradeRequest(LeadEntity lead, EventEnvelope event) {
        LeadEvent.RegradeRequested request = (LeadEvent.RegradeRequested) event.payload();
        if (!lead.open()) {
            LOG.infof("Ignoring RegradeRequested %s for %s lead %s", event.eventId(), lead.status, lead.leadId);
            return;
        }
        GradingPolicy policy = policies.grading().policy();
        String code = policy.resolve(request.requestedGrade()).orElseThrow(() -> new IllegalArgumentException(
                "RegradeRequested " + event.eventId() + " asks for grade '" + request.requestedGrade()
                        + "' which is not in grading policy v" + policy.version() + " " + policy.codes()));
        String reason = request.reason() == null || request.reason().isBlank() ? "requested by follow-up" : request.reason();
        manual(lead, policy, code, reason, request.requestedBy() == null || request.requestedBy().isBlank()
                ? null : request.requestedBy().strip());
    }

    private void manual(LeadEntity lead, GradingPolicy policy, String code, String reason, String requestedBy) {
        if (code.equals(lead.grade)) {
            return;
        }
        LeadProfile profile = Json.read(lead.profile, LeadProfile.class);
        Grade scored = Grader.score(policy, profile);
        List<GradeReason> reasons = new ArrayList<>();
        reasons.add(new GradeReason(MANUAL_GRADE, "regraded " + lead.grade + " → " + code + " by "
                + (requestedBy == null || requestedBy.isBlank() ? "a person" : requestedBy) + ": " + reason
                + " (the rules would say " + scored.code() + " with " + scored.score() + " points)", 0));
        reasons.addAll(scored.reasons());
        String previous = lead.grade;
        applyGrade(lead, new Grade(code, scored.score(), reasons, policy.version(), GradeOrigin.MANUAL), reason, requestedBy,
                reason);
        ownerAfterRegrade(lead, previous, requestedBy);
    }

    public record RegradeSummary(int policyVersion, int examined, int moved, int unchanged, long keptGivenOrManual,
                                 Map<String, Integer> moves, String requestedBy, Instant startedAt,
                                 Instant finishedAt) {
    }

    /**
     * POST /grading-policy/regrade: re-grades open leads graded by an older policy under the current one, in
     * batches of their own transactions. Given and manual grades are people's decisions and stay.
     */
    public RegradeSummary regradeOpenLeads() {
        String requestedBy = caller.id();
        Instant startedAt = clock.instant();
        GradingPolicy policy = QuarkusTransaction.requiringNew().call(() -> policies.grading().policy());
        // Recorded before any lead moves, so even an interrupted run says who started it.
        long run = QuarkusTransaction.requiringNew().call(() ->
                policyRepository.startRegrade(policy.version(), requestedBy, startedAt));
        Map<String, Integer> moves = new TreeMap<>();
        int examined = 0;
        int moved = 0;
        String after = "";
        while (true) {
            String from = after;
            List<String> ids = QuarkusTransaction.requiringNew().call(() -> leads.openPolicyGraded(from, config.regradeBatch()));
            if (ids.isEmpty()) {
                break;
            }
            List<String> changes = QuarkusTransaction.requiringNew().call(() -> regradeBatch(ids, policy, requestedBy));
            examined += ids.size();
            moved += changes.size();
            changes.forEach(c -> moves.merge(c, 1, Integer::sum));
            after = ids.get(ids.size() - 1);
        }
        long kept = QuarkusTransaction.requiringNew().call(leads::openNotPolicyGraded);
        Instant finishedAt = clock.instant();
        int examinedAll = examined;
        int movedAll = moved;
        QuarkusTransaction.requiringNew().run(() ->
                policyRepository.finishRegrade(run, finishedAt, examinedAll, movedAll, Json.write(moves)));
        return new RegradeSummary(policy.version(), examined, moved, examined - moved, kept, moves, requestedBy,
                startedAt, finishedAt);
    }

    private List<String> regradeBatch(List<String> ids, GradingPolicy policy, String requestedBy) {
        reps.lockDecisions();
        List<String> changes = new ArrayList<>();
        for (String id : ids) {
            LeadEntity lead = leads.lock(id).orElse(null);
            if (lead == null || !lead.open() || !GradeOrigin.POLICY.name().equals(lead.gradeOrigin)) {
                continue;
            }
            Grade grade = Grader.score(policy, Json.read(lead.profile, LeadProfile.class));
            String previous = lead.grade;
            if (grade.code().equals(previous)) {
                if (lead.gradingPolicyVersion == null || lead.gradingPolicyVersion != policy.version()
                        || lead.score == null || lead.score != grade.score()) {
                    // Same grade under the new version: keep the record current without telling anyone.
                    lead.score = grade.score();
                    lead.gradeReasons = Json.write(grade.reasons());
                    lead.gradingPolicyVersion = policy.version();
                }
                continue;
            }
            String why = "grading policy v" + policy.version() + " applied to open leads";
            applyGrade(lead, grade, why, requestedBy, why);
            ownerAfterRegrade(lead, previous, requestedBy);
            changes.add(previous + "→" + grade.code());
        }
        return changes;
    }

    // ---- the owner the grade calls for ---------------------------------------------------------------------

    /**
     * A newly graded open lead: its named 跟进人 when on the roster, otherwise the rules; the queue when none fits.
     *
     * @param profile the lead as the event that qualified it described it (the typed profile the grade was decided
     *                on, not read back from the row it was just stored in)
     */
    private void ownerOfNew(LeadEntity lead, LeadProfile profile) {
        if (!lead.open() || assignmentRows.active(lead.leadId).isPresent()) {
            return;
        }
        if (profile != null && profile.namedOwner() != null) {
            Optional<Candidate> named = Router.namedOwner(profile.namedOwner(), assigner.candidates(Set.of()));
            if (named.isPresent()) {
                RepEntity rep = reps.lock(named.get().repId()).orElseThrow();
                int open = rep.openLeads;
                String why = "跟进人 " + profile.namedOwner() + " named on the lead is on the roster and keeps it ("
                        + open + " of " + rep.capacity + " open leads before this one, " + Assigner.availability(rep).describe() + ")";
                assigner.assign(lead, rep, Router.NAMED_OWNER_RULE, Router.NAMED_OWNER_RULE, why, null, null, null);
                return;
            }
            LOG.debugf("Lead %s names 跟进人 %s who is not on the roster; the rules decide", lead.leadId, profile.namedOwner());
        }
        assigner.routeAndAssign(lead, Set.of(), null, null, true, null);
    }

    /**
     * After a regrade: keep the owner when a rule for the new grade still sends such leads to them; otherwise
     * hand the lead to whoever the rules choose (the owner keeps it when nobody else fits). A queued lead is
     * retried at once.
     *
     * @param by the person whose regrade this follows (null when the rules regraded, e.g. after a lead update)
     */
    private void ownerAfterRegrade(LeadEntity lead, String previousGrade, String by) {
        if (!lead.open()) {
            return;
        }
        Optional<AssignmentEntity> current = assignmentRows.active(lead.leadId);
        if (current.isEmpty()) {
            if (lead.queuedAt != null) {
                assigner.routeAndAssign(lead, Set.of(), null, null, true, by);
            }
            return;
        }
        if (!config.rerouteOnRegrade()) {
            return;
        }
        AssignmentPolicy policy = policies.assignment().policy();
        List<Candidate> roster = assigner.candidates(Set.of());
        Optional<Candidate> owner = roster.stream().filter(c -> c.repId().equals(current.get().ownerId)).findFirst();
        if (owner.isPresent() && Router.ownerFits(policy, Assigner.toRoute(lead), owner.get(), roster)) {
            return;
        }
        String reason = "regraded " + previousGrade + " → " + lead.grade + "; the rules hand " + lead.grade
                + " leads to other reps";
        assigner.routeAndAssign(lead, Set.of(current.get().ownerId), current.get(), reason, false, by);
    }

    // ---- shared -------------------------------------------------------------------------------------------

    /**
     * @param reason        what the event tells other services (null for a lead's first grade)
     * @param requestedBy   the person who caused it (the token's user or follow-up's requester), null for the rules
     * @param historyReason why, as the lead's grade history shows it
     */
    private void applyGrade(LeadEntity lead, Grade grade, String reason, String requestedBy, String historyReason) {
        Instant now = clock.instant();
        String previous = lead.grade;
        lead.grade = grade.code();
        lead.score = grade.score();
        lead.gradeOrigin = grade.origin().name();
        lead.gradingPolicyVersion = grade.policyVersion();
        lead.gradeReasons = Json.write(grade.reasons());
        lead.gradedAt = now;
        lead.updatedAt = now;
        GradeHistoryEntity h = new GradeHistoryEntity();
        h.leadId = lead.leadId;
        h.grade = grade.code();
        h.previousGrade = previous;
        h.score = grade.score();
        h.origin = grade.origin().name();
        h.gradingPolicyVersion = grade.policyVersion();
        h.reasons = lead.gradeReasons;
        h.reason = historyReason;
        h.requestedBy = requestedBy;
        h.gradedAt = now;
        leads.persist(h);
        events.emit(lead.leadId, new LeadEvent.LeadGraded(grade.code(), grade.score(), grade.reasons(),
                grade.policyVersion(), grade.given(), previous, reason));
    }

    /** Keeps what grading and routing read; contact details are never stored here. */
    private void store(LeadEntity lead, LeadProfile p) {
        if ("ERASED".equals(lead.status)) {
            return;
        }
        LeadProfile kept = new LeadProfile(p.customerName(), null, null, null, null, p.source(), p.sourceDetail(),
                p.utm(), p.needDescription(), p.industry(), p.region(), p.companySize(), p.customerType(), p.budget(),
                p.decisionCycleDays(), p.declaredIntent(), p.givenGrade(), p.namedOwner(), null, p.registeredAt());
        lead.profile = Json.write(kept);
        lead.source = p.source();
        lead.registeredAt = p.registeredAt();
        lead.industry = p.industry();
        lead.region = p.region();
        lead.updatedAt = clock.instant();
    }
}
