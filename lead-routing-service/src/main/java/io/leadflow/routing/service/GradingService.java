package io.leadflow.routing.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import io.leadflow.events.vocabulary.Language;
import io.leadflow.routing.config.RoutingConfig;
import io.leadflow.routing.domain.Grade;
import io.leadflow.routing.domain.GradeLevel;
import io.leadflow.routing.domain.GradeOrigin;
import io.leadflow.routing.domain.Grader;
import io.leadflow.routing.domain.GradingPolicy;
import io.leadflow.routing.repository.GradeHistoryEntity;
import io.leadflow.routing.repository.Json;
import io.leadflow.routing.repository.LeadEntity;
import io.leadflow.routing.repository.LeadRepository;
import io.leadflow.routing.repository.PolicyRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** Grades leads as they qualify, regrades them on request, and keeps each lead's grade history. */
@ApplicationScoped
public class GradingService {

    private static final Logger LOG = Logger.getLogger(GradingService.class);
    public static final String MANUAL_GRADE = "MANUAL_GRADE";

    private final LeadRepository leads;
    private final PolicyService policies;
    private final AssignmentService assignments;
    private final AssignmentQueries visibility;
    private final LeadEvents events;
    private final RoutingConfig config;
    private final PolicyRepository policyRepository;
    private final Caller caller;
    private final Clock clock;
    private final io.leadflow.routing.repository.RepRepository reps;

    public GradingService(LeadRepository leads, PolicyService policies, AssignmentService assignments, LeadEvents events,
                          RoutingConfig config, PolicyRepository policyRepository, Caller caller, Clock clock,
                          io.leadflow.routing.repository.RepRepository reps, AssignmentQueries visibility) {
        this.visibility = visibility;
        this.reps = reps;
        this.leads = leads;
        this.policies = policies;
        this.assignments = assignments;
        this.events = events;
        this.config = config;
        this.policyRepository = policyRepository;
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
        LeadEntity lead = lockOrCreate(leadId);
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
        assignments.assignNew(lead, profile);
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
            assignments.afterRegrade(lead, previous, null);
        }
    }

    // ---- regrades ------------------------------------------------------------------------------------------

    /**
     * A person's regrade (PUT /leads/{id}/grade), recorded as the caller's (the token's user, never a name the
     * client sends); an unchanged grade records and emits nothing.
     */
    @Transactional
    public LeadEntity regrade(String leadId, String typedGrade, String reason) {
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
        return lead;
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
        assignments.afterRegrade(lead, previous, requestedBy);
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
            assignments.afterRegrade(lead, previous, requestedBy);
            changes.add(previous + "→" + grade.code());
        }
        return changes;
    }

    // ---- reading ------------------------------------------------------------------------------------------

    public record GradeRecord(LeadEntity lead, List<GradeHistoryEntity> history) {
    }

    /** A sales rep sees only the grade of a lead they own: any other is "not found", as if it did not exist. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public GradeRecord gradeOf(String leadId) {
        LeadEntity lead = leads.find(leadId).filter(l -> l.grade != null).filter(visibility::visibleToCaller)
                .orElseThrow(() -> new NotFound("Graded lead", leadId));
        return new GradeRecord(lead, leads.gradeHistory(leadId));
    }

    /** The lead's grade as answered: its level's words in the reader's language, the reasons, the history. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Views.GradeView gradeView(String leadId, Language language) {
        GradeRecord record = gradeOf(leadId);
        LeadEntity lead = record.lead();
        GradeLevel level = policies.grading().policy().level(lead.grade).orElse(null);
        return new Views.GradeView(lead.leadId, lead.grade,
                level == null ? lead.grade : level.label(language), level == null ? null : level.labelZh(),
                level == null ? null : level.labelEn(), lead.score == null ? 0 : lead.score, lead.gradeOrigin,
                "GIVEN".equals(lead.gradeOrigin), lead.gradingPolicyVersion == null ? 0 : lead.gradingPolicyVersion,
                Json.reasons(lead.gradeReasons), lead.gradedAt, lead.status,
                record.history().stream().map(Views.GradeChange::of).toList());
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

    private LeadEntity lockOrCreate(String leadId) {
        return leads.lockOrCreate(leadId, clock.instant());
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
