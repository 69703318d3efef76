package io.leadflow.followup.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * A lead's first-response SLA: started by the assignment, stopped by the first genuine human touch.
 *
 * @param deadline null when neither the grade nor the source sets one
 */
public record FirstResponseClock(Instant assignedAt, Instant deadline, Instant firstResponseAt, Instant breachedAt) {

    public enum Status { NONE, RUNNING, MET, BREACHED, MET_LATE }

    /**
     * The stop rule: only a touch by a person that actually happened stops the clock; a newsletter, an automated
     * message or a merely planned follow-up does not.
     */
    public static boolean stopsClock(FollowUpMethod method, FollowUpStatus status) {
        return method.humanTouch() && status.happened();
    }

    public Status status(Instant now) {
        if (deadline == null) {
            return firstResponseAt != null ? Status.MET : Status.NONE;
        }
        if (firstResponseAt != null) {
            return firstResponseAt.isAfter(deadline) ? Status.MET_LATE : Status.MET;
        }
        return breachedAt != null || !now.isBefore(deadline) ? Status.BREACHED : Status.RUNNING;
    }

    /** The breach rule: past the deadline with no human touch before it, and not yet reported. */
    public boolean breachDue(Instant now) {
        if (deadline == null || breachedAt != null) {
            return false;
        }
        if (firstResponseAt != null) {
            return firstResponseAt.isAfter(deadline);
        }
        return !now.isBefore(deadline);
    }

    /** The stopped clock: a touch counts from when it happened; an earlier touch keeps the earlier time. */
    public FirstResponseClock touchedAt(Instant contactedAt) {
        if (firstResponseAt != null && !contactedAt.isBefore(firstResponseAt)) {
            return this;
        }
        return new FirstResponseClock(assignedAt, deadline, contactedAt, breachedAt);
    }

    public Duration remaining(Instant now) {
        return deadline == null || firstResponseAt != null ? null : Duration.between(now, deadline);
    }
}
