package io.leadflow.followup.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.leadflow.events.contract.LeadEvent;
import io.leadflow.events.rest.Page;
import io.leadflow.events.outbox.LeadEvents;
import io.leadflow.followup.config.FollowupConfig;
import io.leadflow.followup.domain.Actor;
import io.leadflow.followup.domain.FirstResponseClock;
import io.leadflow.followup.repository.LeadRepository;
import io.leadflow.followup.repository.LeadState;
import io.leadflow.followup.repository.SlaBreachEntity;
import io.leadflow.followup.repository.SlaBreachRepository;
import io.leadflow.followup.repository.TaskEntity;
import io.leadflow.followup.repository.TaskRepository;

/** First-response SLAs: the breach scan, and what a lead's clock shows. */
@ApplicationScoped
public class SlaService {

    private final LeadRepository leads;
    private final SlaBreachRepository breaches;
    private final TaskRepository tasks;
    private final LeadEvents events;
    private final Clock clock;
    private final io.micrometer.core.instrument.MeterRegistry metrics;
    private final LeadAccess access;

    private final FollowupConfig config;
    private final CadencePolicyService policies;

    public SlaService(LeadAccess access, LeadRepository leads, SlaBreachRepository breaches, TaskRepository tasks, LeadEvents events, Clock clock,
                      io.micrometer.core.instrument.MeterRegistry metrics, FollowupConfig config,
                      CadencePolicyService policies) {
        this.config = config;
        this.policies = policies;
        this.metrics = metrics;
        this.access = access;
        this.leads = leads;
        this.breaches = breaches;
        this.tasks = tasks;
        this.events = events;
        this.clock = clock;
    }

    static FirstResponseClock clockOf(LeadState lead) {
        Instant started = lead.slaStartedAt != null ? lead.slaStartedAt : lead.assignedAt;
        return new FirstResponseClock(started, lead.assignedAt, lead.slaDeadline, lead.firstResponseAt, lead.slaBreachedAt);
    }

    /** Whether the lead's breach is due now, under the configured grace for leads that arrive late. */
    boolean breachDue(LeadState lead, Instant now) {
        return clockOf(lead).breachDue(now, config.sla().lateArrivalGrace());
    }

    /**
     * One batch of the breach scan: due rows are locked with SKIP LOCKED, so instances running side by side split the
     * work instead of doubling it, and the breach is recorded with its event in the same transaction.
     *
     * @return how many breaches were reported
     */
    @Transactional
    public int detectBreaches(int batchSize) {
        Instant now = clock.instant();
        int reported = 0;
        for (String leadId : leads.lockDueBreaches(now, config.sla().lateArrivalGrace(), batchSize)) {
            LeadState lead = leads.findById(leadId);
            if (breachDue(lead, now) && reportBreach(lead, now)) {
                reported++;
            }
        }
        return reported;
    }

    /**
     * Records the breach and emits FirstResponseSlaBreached, exactly once per lead: the caller holds the lead's row
     * lock, and the breach row's primary key refuses a second one whatever happens.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean reportBreach(LeadState lead, Instant now) {
        if (lead.slaBreachedAt != null || breaches.findByIdOptional(lead.leadId).isPresent()) {
            return false;
        }
        lead.slaBreachedAt = now;
        SlaBreachEntity breach = new SlaBreachEntity();
        breach.leadId = lead.leadId;
        breach.grade = lead.slaGrade != null ? lead.slaGrade : lead.grade;
        breach.source = lead.source;
        breach.ownerId = lead.ownerId;
        breach.assignedAt = lead.assignedAt;
        breach.deadline = lead.slaDeadline;
        breach.detectedAt = now;
        breaches.persist(breach);
        metrics.counter("leadflow.followup.sla.breaches", "grade", String.valueOf(breach.grade),
                "source", String.valueOf(breach.source)).increment();
        events.emit(lead.leadId, new LeadEvent.FirstResponseSlaBreached(breach.grade, breach.source, lead.ownerId,
                lead.assignedAt, lead.slaDeadline, clockOf(lead).startedAt()));
        return true;
    }

    /** The lead's SLA, if the actor may see the lead (else 404, as for an unknown lead). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public SlaView ofLead(String leadId, Actor actor, Labels labels) {
        return view(access.visible(leadId, actor), labels);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    SlaView view(LeadState lead, Labels labels) {
        String leadId = lead.leadId;
        Instant now = clock.instant();
        FirstResponseClock sla = clockOf(lead);
        List<TaskView> overdue = tasks.openOf(leadId).stream()
                .filter(t -> t.dueAt.isBefore(now))
                .map(t -> TaskView.of(t, lead, labels, now, null)).toList(); // the lead was checked visible
        Duration remaining = lead.assignedAt == null ? null : sla.remaining(now);
        Duration response = lead.assignedAt == null ? null : sla.responseTime();
        Long responseBusinessMinutes = response == null ? null : policies.current().calendar()
                .businessTimeBetween(sla.startedAt(), lead.firstResponseAt).toMinutes();
        return new SlaView(leadId, lead.slaGrade != null ? lead.slaGrade : lead.grade, lead.source, lead.ownerId,
                labels.time(lead.assignedAt), labels.time(lead.assignedAt == null ? null : sla.startedAt()),
                labels.time(lead.slaDeadline), lead.assignedAt == null ? "NONE" : sla.status(now).name(),
                remaining == null ? null : remaining.toMinutes(), labels.time(lead.firstResponseAt), lead.firstResponseBy,
                response == null ? null : response.toMinutes(), responseBusinessMinutes, labels.time(lead.slaBreachedAt),
                lead.slaPolicyVersion, overdue);
    }

    /** Breaches, newest first; a sales rep sees only those of the leads they own now. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<BreachView> breaches(Actor actor, String ownerId, String grade, String source, Instant from, Instant to,
                                     Page.PageRequest page, Labels labels) {
        var query = breaches.search(ownerId, actor.isManager() ? null : actor.userId(), grade, source, from, to);
        List<BreachView> items = query.page(page.page(), page.size()).list().stream().map(b -> {
            LeadState lead = leads.findById(b.leadId);
            // A breach stays on the record of the rep who breached it; the customer's name only for who owns it now.
            boolean names = lead != null && actor.mayWorkOn(lead.ownerId);
            return new BreachView(b.leadId, names ? lead.customerName : null, b.grade, b.source, b.ownerId,
                    lead == null ? null : lead.ownerName, labels.time(b.assignedAt), labels.time(b.deadline),
                    labels.time(b.detectedAt), lead == null ? null : labels.time(lead.firstResponseAt));
        }).toList();
        return page.of(items, query.count());
    }

    /**
     * Overdue recurring touches and next actions across owners, oldest first. A sales rep sees only their own: asking
     * for another owner's filters to nothing.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<TaskView> overdueTouches(Actor actor, String ownerId, Page.PageRequest page, Labels labels) {
        Instant now = clock.instant();
        if (!actor.isManager()) {
            if (ownerId != null && !ownerId.equals(actor.userId())) {
                return page.of(List.of(), 0);
            }
            ownerId = actor.userId();
        }
        var query = tasks.search(new TaskRepository.Filter(ownerId, null, TaskEntity.OPEN, null, now));
        List<TaskView> items = query.page(page.page(), page.size()).list().stream()
                .map(t -> TaskView.of(t, leads.findById(t.leadId), labels, now, actor)).toList();
        return page.of(items, query.count());
    }
}
