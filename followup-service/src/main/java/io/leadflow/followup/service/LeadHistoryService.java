package io.leadflow.followup.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.leadflow.events.rest.Page;
import io.leadflow.followup.domain.Actor;
import io.leadflow.followup.repository.FollowUpEntity;
import io.leadflow.followup.repository.FollowUpRepository;
import io.leadflow.followup.repository.LeadState;
import io.leadflow.followup.repository.RegradeRequestEntity;
import io.leadflow.followup.repository.RegradeRequestRepository;
import io.leadflow.followup.repository.StageChangeEntity;
import io.leadflow.followup.repository.StageChangeRepository;
import io.leadflow.followup.repository.TaskEntity;
import io.leadflow.followup.repository.TaskRepository;
import io.leadflow.followup.repository.TaskSnoozeEntity;
import io.leadflow.followup.repository.TaskSnoozeRepository;

/**
 * The audit trail of a lead in follow-up: stage changes, outcomes, follow-ups logged or imported, tasks completed,
 * cancelled and snoozed, regrade requests and the erasure, each with who and when, newest first. Read from the
 * rows the actions themselves wrote, so the trail cannot drift from what happened.
 */
@ApplicationScoped
public class LeadHistoryService {

    private final LeadAccess access;
    private final StageChangeRepository stageChanges;
    private final FollowUpRepository followUps;
    private final TaskRepository tasks;
    private final TaskSnoozeRepository snoozes;
    private final RegradeRequestRepository regradeRequests;

    public LeadHistoryService(LeadAccess access, StageChangeRepository stageChanges, FollowUpRepository followUps,
                              TaskRepository tasks, TaskSnoozeRepository snoozes, RegradeRequestRepository regradeRequests) {
        this.access = access;
        this.stageChanges = stageChanges;
        this.followUps = followUps;
        this.tasks = tasks;
        this.snoozes = snoozes;
        this.regradeRequests = regradeRequests;
    }

    private record Dated(Instant at, int order, HistoryEntry entry) {
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<HistoryEntry> of(String leadId, Actor actor, Page.PageRequest page, Labels labels) {
        LeadState lead = access.visible(leadId, actor);
        List<Dated> all = new ArrayList<>();
        for (StageChangeEntity c : stageChanges.ofLead(leadId)) {
            String action = c.reopened ? "REOPENED"
                    : c.toStage.equals("WON") || c.toStage.equals("LOST") ? c.toStage : "STAGE_CHANGED";
            all.add(new Dated(c.changedAt, all.size(), new HistoryEntry(labels.time(c.changedAt), c.changedBy, action,
                    null, c.fromStage, c.toStage, c.reason)));
        }
        for (FollowUpEntity f : followUps.allOf(leadId)) {
            all.add(new Dated(f.createdAt, all.size(), new HistoryEntry(labels.time(f.createdAt), f.loggedBy,
                    f.importId == null ? "FOLLOW_UP_LOGGED" : "FOLLOW_UP_IMPORTED", f.id, null, f.status,
                    f.method + " at " + labels.time(f.contactedAt) + (f.importId == null ? "" : " (import " + f.importId + ")"))));
        }
        for (TaskEntity t : tasks.list("leadId", leadId)) {
            if (t.closedAt != null) {
                all.add(new Dated(t.closedAt, all.size(), new HistoryEntry(labels.time(t.closedAt), t.closedBy,
                        TaskEntity.DONE.equals(t.status) ? "TASK_COMPLETED" : "TASK_CANCELLED", t.id, t.kind, t.status,
                        t.closeReason)));
            }
        }
        for (TaskSnoozeEntity s : snoozes.ofLead(leadId)) {
            all.add(new Dated(s.snoozedAt, all.size(), new HistoryEntry(labels.time(s.snoozedAt), s.snoozedBy,
                    "TASK_SNOOZED", s.taskId, String.valueOf(labels.time(s.dueBefore)),
                    String.valueOf(labels.time(s.dueAfter)), s.reason)));
        }
        for (RegradeRequestEntity r : regradeRequests.list("leadId", leadId)) {
            all.add(new Dated(r.requestedAt, all.size(), new HistoryEntry(labels.time(r.requestedAt), r.requestedBy,
                    "REGRADE_REQUESTED", r.id, r.currentGrade, r.requestedGrade, r.reason)));
        }
        if (lead.erasedAt != null) {
            all.add(new Dated(lead.erasedAt, all.size(), new HistoryEntry(labels.time(lead.erasedAt), lead.erasedBy,
                    "ERASED", null, null, null, null)));
        }
        all.sort(Comparator.comparing(Dated::at).thenComparing(Dated::order).reversed());
        List<HistoryEntry> items = all.stream().skip(page.offset()).limit(page.size()).map(Dated::entry).toList();
        return page.of(items, all.size());
    }
}
