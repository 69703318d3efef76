package io.leadflow.followup.service;

import java.time.LocalDate;
import java.time.OffsetDateTime;

import io.leadflow.events.vocabulary.Coded;
import io.leadflow.events.vocabulary.Term;
import io.leadflow.followup.repository.FollowUpEntity;

public record FollowUpView(String id, String leadId, String ownerId, String ownerName, String loggedBy,
                           OffsetDateTime contactedAt, @Coded(Term.FOLLOW_UP_METHOD) String method, String methodLabel,
                           @Coded(Term.FOLLOW_UP_STATUS) String status, String statusLabel, boolean humanTouch,
                           String content, String feedback, String nextAction, LocalDate nextActionDue,
                           String nextActionTaskId, String completedTaskId, String importId, OffsetDateTime createdAt) {

    static FollowUpView of(FollowUpEntity f, Labels labels) {
        return new FollowUpView(f.id, f.leadId, f.ownerId, f.ownerName, f.loggedBy, labels.time(f.contactedAt),
                f.method, labels.word(Term.FOLLOW_UP_METHOD, f.method), f.status, labels.word(Term.FOLLOW_UP_STATUS, f.status), f.humanTouch,
                f.content, f.feedback, f.nextAction, f.nextActionDue, f.taskId, f.completedTaskId, f.importId,
                labels.time(f.createdAt));
    }
}
