package io.leadflow.followup.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.leadflow.events.contract.LeadEvent;
import io.leadflow.events.domain.InvalidInput;
import io.leadflow.events.domain.NotFound;
import io.leadflow.events.domain.RuleBroken;
import io.leadflow.events.domain.Text;
import io.leadflow.events.domain.Violation;
import io.leadflow.events.outbox.LeadEvents;
import io.leadflow.events.rest.Page;
import io.leadflow.events.time.BusinessTime;
import io.leadflow.events.vocabulary.Stage;
import io.leadflow.followup.domain.Actor;
import io.leadflow.followup.domain.FirstResponseClock;
import io.leadflow.followup.domain.FollowUpMethod;
import io.leadflow.followup.domain.FollowUpStatus;
import io.leadflow.followup.domain.NextActionDates;
import io.leadflow.followup.domain.PlannedTask;
import io.leadflow.followup.domain.WhenItHappened;
import io.leadflow.followup.repository.FollowUpEntity;
import io.leadflow.followup.repository.FollowUpRepository;
import io.leadflow.followup.repository.LeadRepository;
import io.leadflow.followup.repository.LeadState;
import io.leadflow.followup.repository.TaskEntity;
import io.leadflow.followup.repository.TaskRepository;

/** The follow-up log (Table 2): logging a touch stops the first-response clock and turns the next step into a task. */
@ApplicationScoped
public class FollowUpService {

    /** Clocks of phones and servers differ; a touch this little in the future is taken as now. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final LeadRepository leads;
    private final FollowUpRepository followUps;
    private final TaskRepository tasks;
    private final TaskScheduler scheduler;
    private final SlaService sla;
    private final StageRecorder stages;
    private final CadencePolicyService policies;
    private final LeadEvents events;
    private final BusinessTime businessTime;
    private final Clock clock;
    private final LeadAccess access;

    public FollowUpService(LeadAccess access, LeadRepository leads, FollowUpRepository followUps, TaskRepository tasks,
                           TaskScheduler scheduler, SlaService sla, StageRecorder stages,
                           CadencePolicyService policies, LeadEvents events, BusinessTime businessTime, Clock clock) {
        this.leads = leads;
        this.followUps = followUps;
        this.tasks = tasks;
        this.scheduler = scheduler;
        this.sla = sla;
        this.stages = stages;
        this.policies = policies;
        this.events = events;
        this.businessTime = businessTime;
        this.clock = clock;
        this.access = access;
    }

    /** A validated follow-up, ready to record. */
    record Parsed(Instant contactedAt, FollowUpMethod method, FollowUpStatus status, LocalDate nextActionDue) {
    }

    @Transactional
    public FollowUpView log(String leadId, FollowUpRequest request, Actor actor, Labels labels) {
        LeadState lead = access.lockVisible(leadId, actor);
        return FollowUpView.of(record(lead, request, actor, null), labels);
    }

    /** One row of a Table 2 import, in a transaction of its own so that a bad row never undoes a good one. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public java.util.Optional<String> importRow(String leadId, FollowUpRequest request, Actor actor, String importId) {
        LeadState lead = leads.lock(leadId).orElseThrow(() -> InvalidInput.of("leadId",
                "lead " + leadId + " is not known to follow-up (wrong id, or not assigned yet)"));
        return java.util.Optional.ofNullable(record(lead, request, actor, importId)).map(f -> f.id);
    }

    /**
     * Records one follow-up for a locked lead; shared by the log endpoint and the Table 2 import.
     *
     * @return null for an imported row that is already in the log
     */
    @Transactional(Transactional.TxType.MANDATORY)
    FollowUpEntity record(LeadState lead, FollowUpRequest request, Actor actor, String importId) {
        if (!actor.mayWorkOn(lead.ownerId)) {
            throw Problems.unknownLead(lead.leadId);
        }
        if (lead.erased()) {
            throw new RuleBroken("Lead " + lead.leadId + " was erased; no follow-ups can be logged for it.");
        }
        if (lead.merged()) {
            throw new RuleBroken("Lead " + lead.leadId + " was merged into " + lead.mergedInto
                    + "; log the follow-up there.");
        }
        Instant now = clock.instant();
        Parsed parsed = parse(lead, request, now);
        if (importId != null && followUps.alreadyLogged(lead.leadId, parsed.contactedAt(), parsed.method().name(),
                Text.orNull(request.content()))) {
            // The same sheet imported twice: the row is already in the log.
            return null;
        }
        TaskEntity completes = null;
        if (request.taskId() != null && !request.taskId().isBlank()) {
            completes = tasks.findByIdOptional(request.taskId().trim())
                    .filter(t -> t.leadId.equals(lead.leadId))
                    .orElseThrow(() -> InvalidInput.of("taskId", "'" + request.taskId() + "' is not a task of lead " + lead.leadId));
            if (!TaskEntity.OPEN.equals(completes.status)) {
                throw new RuleBroken("Task " + completes.id + " is already " + completes.status + ".");
            }
        }

        FollowUpEntity f = new FollowUpEntity();
        f.id = "F-" + UUID.randomUUID();
        f.leadId = lead.leadId;
        f.ownerId = lead.ownerId;
        f.ownerName = lead.ownerName;
        f.loggedBy = actor.userId();
        f.contactedAt = parsed.contactedAt();
        f.method = parsed.method().name();
        f.status = parsed.status().name();
        f.humanTouch = FirstResponseClock.stopsClock(parsed.method(), parsed.status());
        f.content = Text.orNull(request.content());
        f.feedback = Text.orNull(request.feedback());
        f.nextAction = Text.orNull(request.nextAction());
        f.nextActionDue = parsed.nextActionDue();
        f.importId = importId;
        f.createdAt = now;

        if (f.humanTouch && lead.assignedAt != null) {
            FirstResponseClock before = SlaService.clockOf(lead);
            FirstResponseClock after = before.touchedAt(f.contactedAt);
            if (after != before) {
                boolean first = lead.firstResponseAt == null;
                lead.firstResponseAt = after.firstResponseAt();
                lead.firstResponseBy = actor.userId();
                if (first) {
                    for (TaskEntity open : tasks.openOf(lead.leadId)) {
                        if (PlannedTask.FIRST_RESPONSE.equals(open.kind)) {
                            scheduler.close(open, TaskEntity.DONE, "first response logged as follow-up " + f.id,
                                    actor.userId(), now, f.id);
                            f.completedTaskId = open.id;
                        }
                    }
                }
                if (sla.breachDue(lead, now)) {
                    sla.reportBreach(lead, now);
                }
            }
        }
        if (completes != null && TaskEntity.OPEN.equals(completes.status)) {
            scheduler.close(completes, TaskEntity.DONE, "done as follow-up " + f.id, actor.userId(), now, f.id);
            f.completedTaskId = completes.id;
            scheduleNextOccurrence(lead, completes, f.contactedAt);
        }
        if (f.nextAction != null && f.nextActionDue != null && !lead.closed() && lead.ownerId != null) {
            TaskEntity next = scheduler.schedule(lead, List.of(new PlannedTask(PlannedTask.NEXT_ACTION,
                    FollowUpMethod.PHONE, f.nextAction, policies.current().calendar().endOfDay(f.nextActionDue), null)),
                    null, f.id).get(0);
            f.taskId = next.id;
        }
        followUps.persist(f);
        if (f.humanTouch && Stage.NEW.name().equals(lead.stage)) {
            stages.move(lead, Stage.CONTACTED, actor.userId(), "first follow-up logged (" + f.method + ")", false,
                    f.contactedAt);
        }
        events.emit(lead.leadId, new LeadEvent.FollowUpLogged(f.id, lead.ownerId, f.contactedAt, f.method, f.status,
                f.humanTouch, f.nextAction, f.nextActionDue));
        return f;
    }

    /** A recurring touch done: the next one is due one interval later, under the lead's current grade. */
    @Transactional(Transactional.TxType.MANDATORY)
    void scheduleNextOccurrence(LeadState lead, TaskEntity done, Instant doneAt) {
        if (done.every == null || lead.closed() || lead.erased()) {
            return;
        }
        var policy = policies.current();
        policy.nextOccurrence(lead.grade, done.kind, doneAt.isAfter(clock.instant()) ? clock.instant() : doneAt)
                .ifPresent(next -> scheduler.schedule(lead, List.of(next), policy.version(), null));
    }

    private Parsed parse(LeadState lead, FollowUpRequest request, Instant now) {
        List<Violation> violations = new ArrayList<>();
        ZoneId zone = businessTime.zone();
        FollowUpMethod method = null;
        if (request.method() == null || request.method().isBlank()) {
            violations.add(new Violation("method", "is required: one of " + FollowUpMethod.accepted()));
        } else {
            method = FollowUpMethod.parse(request.method()).orElse(null);
            if (method == null) {
                violations.add(new Violation("method", "'" + request.method() + "' is not one of " + FollowUpMethod.accepted()));
            }
        }
        FollowUpStatus status = FollowUpStatus.DONE;
        if (request.status() != null && !request.status().isBlank()) {
            status = FollowUpStatus.parse(request.status()).orElse(null);
            if (status == null) {
                violations.add(new Violation("status", "'" + request.status() + "' is not one of " + FollowUpStatus.accepted()));
            }
        }
        Instant contactedAt = now;
        if (request.contactedAt() != null && !request.contactedAt().isBlank()) {
            contactedAt = parseWhen(request.contactedAt().trim(), now);
            if (contactedAt == null) {
                violations.add(new Violation("contactedAt", "'" + request.contactedAt() + "' is not " + WhenItHappened.FORMS));
                contactedAt = now;
            }
        }
        boolean happened = status == null || status.happened();
        if (happened && contactedAt.isAfter(now.plus(CLOCK_SKEW))) {
            violations.add(new Violation("contactedAt", "is in the future; log a follow-up when it happened, or with status PLANNED"));
        }
        if (lead.registeredAt != null && contactedAt.atZone(zone).toLocalDate().isBefore(lead.registeredAt.atZone(zone).toLocalDate())) {
            violations.add(new Violation("contactedAt", "is before the lead was registered ("
                    + lead.registeredAt.atZone(zone).toLocalDate() + ")"));
        }
        if (happened && (request.content() == null || request.content().isBlank())) {
            violations.add(new Violation("content", "is required: what was discussed (沟通内容)"));
        }
        LocalDate contactedDate = contactedAt.atZone(zone).toLocalDate();
        LocalDate due = request.nextActionDue();
        boolean hasAction = request.nextAction() != null && !request.nextAction().isBlank();
        if (due != null && !hasAction) {
            violations.add(new Violation("nextAction", "is required when nextActionDue is given: say what is to be done"));
        }
        if (due == null && hasAction) {
            due = NextActionDates.infer(request.nextAction(), contactedDate).orElse(null);
        } else if (due != null && due.isBefore(contactedDate)) {
            violations.add(new Violation("nextActionDue", "(" + due + ") is before the follow-up (" + contactedDate + ")"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInput(violations);
        }
        return new Parsed(contactedAt, method, status, due);
    }

    /**
     * A date-only touch (Table 2 has dates) counts at the end of that working day, the latest it can have been, so a
     * date never makes a late response look on time; today's date means now.
     */
    private Instant parseWhen(String text, Instant now) {
        return WhenItHappened.parse(text, policies.current().calendar(), now).orElse(null);
    }

    /** One follow-up of the lead, as its log lists it: what the Location of a logged follow-up names. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public FollowUpView get(String leadId, String followUpId, Actor actor, Labels labels) {
        access.visible(leadId, actor);
        return followUps.findByIdOptional(followUpId).filter(f -> leadId.equals(f.leadId))
                .map(f -> FollowUpView.of(f, labels))
                .orElseThrow(() -> new NotFound("Follow-up", followUpId + " of lead " + leadId));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<FollowUpView> list(String leadId, Actor actor, Page.PageRequest page, Labels labels) {
        access.visible(leadId, actor);
        var query = followUps.ofLead(leadId);
        return page.of(query.page(page.page(), page.size()).list().stream().map(f -> FollowUpView.of(f, labels)).toList(),
                query.count());
    }
}
