package io.leadflow.followup.service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.leadflow.events.domain.InvalidInput;
import io.leadflow.events.domain.NotFound;
import io.leadflow.events.domain.NotPermitted;
import io.leadflow.events.domain.RuleBroken;
import io.leadflow.events.domain.Text;
import io.leadflow.events.rest.EntityTags;
import io.leadflow.events.rest.Page;
import io.leadflow.events.time.BusinessTime;
import io.leadflow.followup.config.FollowupConfig;
import io.leadflow.followup.domain.Actor;
import io.leadflow.followup.domain.PlannedTask;
import io.leadflow.followup.repository.LeadRepository;
import io.leadflow.followup.repository.LeadState;
import io.leadflow.followup.repository.TaskEntity;
import io.leadflow.followup.repository.TaskRepository;
import io.leadflow.followup.repository.TaskSnoozeEntity;
import io.leadflow.followup.repository.TaskSnoozeRepository;

/** An owner's task list: what is overdue, due today or this week; completing and snoozing. */
@ApplicationScoped
public class TaskService {

    private final TaskRepository tasks;
    private final LeadRepository leads;
    private final FollowUpService followUps;
    private final TaskScheduler scheduler;
    private final BusinessTime businessTime;
    private final FollowupConfig config;
    private final CadencePolicyService policies;
    private final Clock clock;
    private final TaskSnoozeRepository snoozes;

    private final EntityTags entityTags;

    public TaskService(TaskSnoozeRepository snoozes, TaskRepository tasks, LeadRepository leads, FollowUpService followUps, TaskScheduler scheduler,
                       BusinessTime businessTime, FollowupConfig config, CadencePolicyService policies, Clock clock,
                       EntityTags entityTags) {
        this.entityTags = entityTags;
        this.policies = policies;
        this.tasks = tasks;
        this.leads = leads;
        this.followUps = followUps;
        this.scheduler = scheduler;
        this.businessTime = businessTime;
        this.config = config;
        this.clock = clock;
        this.snoozes = snoozes;
    }

    /**
     * @param due overdue (open and past due), today (due today in the business zone), week (due from today through
     *            the next 6 days); null for all
     * @param status OPEN (default), DONE, CANCELLED or ALL
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<TaskView> list(Actor actor, String ownerId, String leadId, String due, String status,
                               Page.PageRequest page, Labels labels) {
        ownerId = Text.orNull(ownerId);
        if (!actor.isManager()) {
            if (ownerId != null && !ownerId.equals(actor.userId())) {
                throw new NotPermitted("A sales user sees only their own "
                        + "tasks: leave ownerId out, or set it to your own id (" + actor.userId() + "). A sales manager "
                        + "sees every owner's list.");
            }
            ownerId = actor.userId();
        }
        Instant now = clock.instant();
        ZoneId zone = businessTime.zone();
        ZonedDateTime startOfToday = now.atZone(zone).toLocalDate().atStartOfDay(zone);
        String wantedStatus = status == null || status.isBlank() ? TaskEntity.OPEN : status.trim().toUpperCase(Locale.ROOT);
        if (!List.of(TaskEntity.OPEN, TaskEntity.DONE, TaskEntity.CANCELLED, "ALL").contains(wantedStatus)) {
            throw InvalidInput.of("status", "'" + status + "' is not one of OPEN, DONE, CANCELLED, ALL");
        }
        Instant from = null;
        Instant before = null;
        if (due != null && !due.isBlank()) {
            switch (due.trim().toLowerCase(Locale.ROOT)) {
                case "overdue" -> before = now;
                case "today" -> {
                    from = startOfToday.toInstant();
                    before = startOfToday.plusDays(1).toInstant();
                }
                case "week" -> {
                    from = startOfToday.toInstant();
                    before = startOfToday.plusDays(7).toInstant();
                }
                default -> throw InvalidInput.of("due", "'" + due + "' is not one of overdue, today, week");
            }
        }
        var query = tasks.search(new TaskRepository.Filter(ownerId, Text.orNull(leadId),
                wantedStatus.equals("ALL") ? null : wantedStatus, from, before));
        List<TaskView> items = query.page(page.page(), page.size()).list().stream()
                .map(t -> TaskView.of(t, leads.findById(t.leadId), labels, now, actor)).toList();
        return page.of(items, query.count());
    }

    /**
     * One task, for its owner, a sales manager or an admin (anyone else: 404, as if it did not exist). Its
     * {@link TaskView#tag()} is what {@code If-Match} names on a completion or a snooze.
     */
    @Transactional
    public TaskView get(String taskId, Actor actor, Labels labels) {
        TaskEntity task = tasks.findByIdOptional(taskId).orElseThrow(() -> new NotFound("Task", taskId));
        if (!actor.mayWorkOn(task.ownerId)) {
            throw new NotFound("Task", taskId);
        }
        return TaskView.of(task, leads.findById(task.leadId), labels, clock.instant(), actor);
    }

    /**
     * @param ifMatch the tag the caller read the task with, or null: a stale one is a 412 (someone completed,
     *                snoozed or reassigned it since), and none a 428 where the suite requires it
     */
    @Transactional
    public TaskView complete(String taskId, String note, String ifMatch, Actor actor, Labels labels) {
        TaskEntity task = tasks.findByIdOptional(taskId).orElseThrow(() -> new NotFound("Task", taskId));
        LeadState lead = leads.lock(task.leadId).orElseThrow();
        // Read again under the lead's lock: an event or another request may have closed or moved it meanwhile.
        tasks.reread(task);
        if (!actor.mayWorkOn(task.ownerId)) {
            // Someone else's task answers as a task that does not exist.
            throw new NotFound("Task", taskId);
        }
        entityTags.check(ifMatch, TaskView.tag(task.status, task.dueAt, task.snoozeCount, task.ownerId),
                "Task " + taskId);
        if (!TaskEntity.OPEN.equals(task.status)) {
            throw new RuleBroken("Task " + taskId + " is already " + task.status + ".");
        }
        if (PlannedTask.FIRST_RESPONSE.equals(task.kind)) {
            throw new RuleBroken("A first response is done by logging it: POST /api/v1/pipeline/" + lead.leadId
                    + "/followups with what was discussed; that completes this task and stops the SLA clock.");
        }
        Instant now = clock.instant();
        scheduler.close(task, TaskEntity.DONE, note == null || note.isBlank() ? "completed" : note.trim(), actor.userId(), now,
                null);
        followUps.scheduleNextOccurrence(lead, task, now);
        return TaskView.of(task, lead, labels, now, actor);
    }

    /**
     * Snoozing moves the task, never the SLA: a snoozed first-response task still breaches at its deadline.
     *
     * @param until an ISO date-time with offset, or a date (due at the end of that working day)
     */
    @Transactional
    public TaskView snooze(String taskId, String until, String reason, String ifMatch, Actor actor, Labels labels) {
        TaskEntity task = tasks.findByIdOptional(taskId).orElseThrow(() -> new NotFound("Task", taskId));
        LeadState lead = leads.lock(task.leadId).orElseThrow();
        // Read again under the lead's lock: an event or another request may have closed or moved it meanwhile.
        tasks.reread(task);
        if (!actor.mayWorkOn(task.ownerId)) {
            // Someone else's task answers as a task that does not exist.
            throw new NotFound("Task", taskId);
        }
        entityTags.check(ifMatch, TaskView.tag(task.status, task.dueAt, task.snoozeCount, task.ownerId),
                "Task " + taskId);
        if (!TaskEntity.OPEN.equals(task.status)) {
            throw new RuleBroken("Task " + taskId + " is " + task.status + "; only open tasks can be snoozed.");
        }
        if (reason == null || reason.isBlank()) {
            throw InvalidInput.of("reason", "is required: say why the task is put off (e.g. 客户出差,下周回来)");
        }
        if (until == null || until.isBlank()) {
            throw InvalidInput.of("until", "is required: an ISO date-time with offset or a date");
        }
        Instant now = clock.instant();
        Instant newDue;
        try {
            newDue = until.trim().length() == 10
                    ? policies.current().calendar().endOfDay(LocalDate.parse(until.trim()))
                    : OffsetDateTime.parse(until.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw InvalidInput.of("until", "'" + until + "' is not an ISO date-time with offset (2024-03-08T10:00:00+08:00) or a date");
        }
        if (!newDue.isAfter(now)) {
            throw InvalidInput.of("until", "must be in the future");
        }
        if (task.snoozeCount >= config.maxSnoozes()) {
            throw new RuleBroken("Task " + taskId + " was snoozed " + task.snoozeCount
                    + " times already; complete it, or ask a sales manager to reassign the lead.");
        }
        TaskSnoozeEntity snooze = new TaskSnoozeEntity();
        snooze.taskId = task.id;
        snooze.leadId = task.leadId;
        snooze.snoozedBy = actor.userId();
        snooze.snoozedAt = now;
        snooze.dueBefore = task.dueAt;
        snooze.dueAfter = newDue;
        snooze.reason = reason.trim();
        snoozes.persist(snooze);
        task.dueAt = newDue;
        task.snoozeCount++;
        task.snoozeReason = reason.trim();
        task.snoozedBy = actor.userId();
        task.snoozedAt = now;
        scheduler.announce(lead, task);
        return TaskView.of(task, lead, labels, now, actor);
    }
}
