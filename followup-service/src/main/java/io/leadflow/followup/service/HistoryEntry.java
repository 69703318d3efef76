package io.leadflow.followup.service;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One thing that happened to a lead in follow-up, and who did it.
 *
 * @param by     the user who did it (the token's user); null when the system did it (a cadence task cancelled by a
 *               regrade, tasks closed by an erasure)
 * @param ref    the follow-up, task or regrade request it concerns
 * @param from   before (a stage, a due time, a grade)
 * @param to     after
 * @param detail what was said about it (a reason, a note); removed when the lead is erased
 */
public record HistoryEntry(
        OffsetDateTime at,
        String by,
        @Schema(description = "STAGE_CHANGED, REOPENED, WON, LOST, FOLLOW_UP_LOGGED, FOLLOW_UP_IMPORTED, TASK_COMPLETED, "
                + "TASK_CANCELLED, TASK_SNOOZED, REGRADE_REQUESTED, ERASED") String action,
        String ref,
        String from,
        String to,
        String detail) {
}
