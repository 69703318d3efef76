package io.leadflow.followup.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.leadflow.events.contract.LeadEvent;
import io.leadflow.events.outbox.LeadEvents;
import io.leadflow.followup.domain.CadencePlan;
import io.leadflow.followup.domain.CadencePolicy;
import io.leadflow.followup.domain.FirstResponseClock;
import io.leadflow.followup.domain.PlannedTask;
import io.leadflow.followup.repository.LeadState;
import io.leadflow.followup.repository.TaskEntity;
import io.leadflow.followup.repository.TaskRepository;

/**
 * Puts a cadence's tasks on the owner's list and keeps them there through reassignment, regrades and the end of the
 * lead. Always called inside the transaction of the action that caused it, with the lead's row locked.
 */
@ApplicationScoped
public class TaskScheduler {

    private final TaskRepository tasks;
    private final CadencePolicyService policies;
    private final LeadEvents events;
    private final Clock clock;

    public TaskScheduler(TaskRepository tasks, CadencePolicyService policies, LeadEvents events, Clock clock) {
        this.tasks = tasks;
        this.policies = policies;
        this.events = events;
        this.clock = clock;
    }

    /**
     * A new assignment: the SLA clock runs from the lead's registration (its history's date for an imported or
     * back-dated lead) and the cadence's tasks go to the owner, recurring touches counting from the assignment.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void startCadence(LeadState lead) {
        CadencePolicy policy = policies.current();
        lead.slaStartedAt = FirstResponseClock.start(lead.registeredAt, lead.assignedAt);
        CadencePlan plan = policy.plan(lead.grade, lead.source, lead.slaStartedAt, lead.assignedAt, lead.firstResponseAt == null);
        applySla(lead, plan, policy);
        schedule(lead, plan.tasks(), policy.version(), null);
    }

    /**
     * A regrade (or a reopened lead): open cadence tasks are cancelled and the new grade's cadence counts from
     * {@code from}; next actions people promised stay. The first-response deadline follows the new grade unless
     * a response was made or a breach reported already.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void rescheduleCadence(LeadState lead, Instant from, String reason) {
        Instant now = clock.instant();
        for (TaskEntity task : tasks.openOf(lead.leadId)) {
            if (!PlannedTask.NEXT_ACTION.equals(task.kind)) {
                close(task, TaskEntity.CANCELLED, reason, null, now, null);
            }
        }
        CadencePolicy policy = policies.current();
        boolean firstResponseOpen = lead.firstResponseAt == null && lead.slaBreachedAt == null;
        if (lead.slaStartedAt == null) {
            lead.slaStartedAt = FirstResponseClock.start(lead.registeredAt, lead.assignedAt);
        }
        CadencePlan plan = policy.plan(lead.grade, lead.source, lead.slaStartedAt, from, firstResponseOpen);
        if (firstResponseOpen) {
            applySla(lead, plan, policy);
        }
        List<PlannedTask> planned = plan.tasks();
        if (!firstResponseOpen && lead.firstResponseAt == null && lead.slaBreachedAt != null) {
            // Breached and still unanswered: keep the first-response task on the list, due now.
            planned = new ArrayList<>(planned);
            planned.add(0, new PlannedTask(PlannedTask.FIRST_RESPONSE, io.leadflow.followup.domain.FollowUpMethod.PHONE,
                    "首次响应(已超时)", lead.slaDeadline, null));
        }
        schedule(lead, planned, policy.version(), null);
    }

    private static void applySla(LeadState lead, CadencePlan plan, CadencePolicy policy) {
        lead.slaDeadline = plan.firstResponseDeadline();
        lead.slaGrade = lead.grade;
        lead.slaPolicyVersion = policy.version();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public List<TaskEntity> schedule(LeadState lead, List<PlannedTask> planned, Integer policyVersion, String fromFollowUpId) {
        Instant now = clock.instant();
        List<TaskEntity> created = new ArrayList<>();
        for (PlannedTask p : planned) {
            TaskEntity task = new TaskEntity();
            task.id = "T-" + UUID.randomUUID();
            task.leadId = lead.leadId;
            task.ownerId = lead.ownerId;
            task.ownerName = lead.ownerName;
            task.kind = p.kind();
            task.method = p.method().name();
            task.title = p.label();
            task.grade = lead.grade;
            task.every = p.every() == null ? null : p.every().toString();
            task.dueAt = p.dueAt();
            task.originalDueAt = p.dueAt();
            task.status = TaskEntity.OPEN;
            task.policyVersion = policyVersion;
            task.fromFollowUpId = fromFollowUpId;
            task.createdAt = now;
            tasks.persist(task);
            announce(lead, task);
            created.add(task);
        }
        return created;
    }

    /** Reassignment: every open task follows the lead to its new owner. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void moveOpen(LeadState lead) {
        for (TaskEntity task : tasks.openOf(lead.leadId)) {
            task.ownerId = lead.ownerId;
            task.ownerName = lead.ownerName;
            announce(lead, task);
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void closeOpen(LeadState lead, String reason, String by) {
        Instant now = clock.instant();
        tasks.openOf(lead.leadId).forEach(task -> close(task, TaskEntity.CANCELLED, reason, by, now, null));
    }

    /** Takes the task off the owner's list and announces it, in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void close(TaskEntity task, String status, String reason, String by, Instant at, String followUpId) {
        task.status = status;
        task.closeReason = reason;
        task.closedBy = by;
        task.closedAt = at;
        events.emit(task.leadId, new LeadEvent.FollowUpTaskClosed(task.id, task.ownerId, task.kind, status, by, at,
                followUpId));
    }

    void announce(LeadState lead, TaskEntity task) {
        events.emit(lead.leadId, new LeadEvent.FollowUpScheduled(task.id, task.ownerId, task.grade, task.kind, task.method,
                task.dueAt));
    }
}
