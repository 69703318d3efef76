package io.leadflow.followup.service;

import java.time.OffsetDateTime;

import io.leadflow.events.vocabulary.Coded;
import io.leadflow.events.vocabulary.Term;
import io.leadflow.followup.domain.FollowUpMethod;
import io.leadflow.followup.repository.LeadState;
import io.leadflow.followup.repository.TaskEntity;

/**
 * A task on an owner's list, with the lead's customer and contact so the list can be read at a glance: only for a
 * viewer who may read the lead now (its current owner, a manager). A rep's done or cancelled tasks of a lead that
 * has since moved to someone else keep what they did, but no longer name the customer or the person.
 */
public record TaskView(String id, String leadId, String customerName, String contactName, String ownerId,
                       String ownerName, String kind, @Coded(Term.FOLLOW_UP_METHOD) String method, String methodLabel,
                       String title, @Coded(Term.GRADE) String grade, String every, OffsetDateTime dueAt,
                       OffsetDateTime originalDueAt, boolean overdue, String status, int snoozeCount,
                       String snoozeReason, String snoozedBy, OffsetDateTime snoozedAt, String fromFollowUpId,
                       Integer policyVersion, OffsetDateTime createdAt, OffsetDateTime closedAt, String closedBy,
                       String closeReason) {

    /**
     * What a completion or a snooze is made on: the task's state, due time, snoozes and owner. Anything else that
     * changes (labels, the lead's names) does not make a change of the task stale.
     */
    public static jakarta.ws.rs.core.EntityTag tag(String status, java.time.Instant dueAt, int snoozeCount,
                                                  String ownerId) {
        return io.leadflow.events.rest.EntityTags.ofFields(status, dueAt, snoozeCount, ownerId);
    }

    /** This view's {@link #tag(String, java.time.Instant, int, String)}. */
    public jakarta.ws.rs.core.EntityTag tag() {
        return tag(status, dueAt == null ? null : dueAt.toInstant(), snoozeCount, ownerId);
    }

    /** @param viewer who asks; null when the caller already checked they may read the lead */
    static TaskView of(TaskEntity t, LeadState lead, Labels labels, java.time.Instant now,
                       io.leadflow.followup.domain.Actor viewer) {
        FollowUpMethod method = FollowUpMethod.parse(t.method).orElse(null);
        boolean names = lead != null && (viewer == null || viewer.mayWorkOn(lead.ownerId));
        return new TaskView(t.id, t.leadId, names ? lead.customerName : null, names ? lead.contactName : null,
                t.ownerId, t.ownerName, t.kind, t.method, method == null ? t.method : labels.word(Term.FOLLOW_UP_METHOD, method.name()),
                t.title, t.grade, t.every, labels.time(t.dueAt), labels.time(t.originalDueAt),
                TaskEntity.OPEN.equals(t.status) && t.dueAt.isBefore(now), t.status, t.snoozeCount, t.snoozeReason,
                t.snoozedBy, labels.time(t.snoozedAt),
                t.fromFollowUpId, t.policyVersion, labels.time(t.createdAt), labels.time(t.closedAt), t.closedBy, t.closeReason);
    }
}
