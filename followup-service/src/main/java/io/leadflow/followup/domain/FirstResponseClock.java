package io.leadflow.followup.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * A lead's first-response SLA: started by the lead's registration (or its assignment, if that came first), stopped by
 * the first genuine human touch. A lead captured now starts it moments before its assignment; an imported or
 * back-dated one starts it at its history's date, so its response time is what really happened.
 *
 * @param startedAt  when the clock started; null for a lead never assigned
 * @param assignedAt when the lead reached its first owner
 * @param deadline   null when neither the grade nor the source sets one
 */
public record FirstResponseClock(Instant startedAt, Instant assignedAt, Instant deadline, Instant firstResponseAt,
                                 Instant breachedAt) {

    public enum Status { NONE, RUNNING, MET, BREACHED, MET_LATE }

    /** Where the clock starts: the registration, unless the assignment came first (a clock skew, a missing date). */
    public static Instant start(Instant registeredAt, Instant assignedAt) {
        if (registeredAt == null) {
            return assignedAt;
        }
        return assignedAt == null || registeredAt.isBefore(assignedAt) ? registeredAt : assignedAt;
    }

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

    /**
     * When a breach may be reported: at the deadline, for a live lead. History (a lead registered at least
     * {@code lateArrivalGrace} before its assignment: imported, back-dated) that reached its owner with its deadline
     * already behind it is given {@code lateArrivalGrace} after the assignment, so the follow-ups logged from the same
     * history can stop its clock first. A live lead whose routing merely took longer than a tight deadline is not
     * history, and is reported at once.
     */
    public Instant reportableAt(Duration lateArrivalGrace) {
        if (deadline == null) {
            return null;
        }
        if (assignedAt == null || deadline.isAfter(assignedAt) || !history(lateArrivalGrace)) {
            return deadline;
        }
        return assignedAt.plus(lateArrivalGrace);
    }

    private boolean history(Duration lateArrivalGrace) {
        return startedAt != null && assignedAt != null
                && Duration.between(startedAt, assignedAt).compareTo(lateArrivalGrace) >= 0;
    }

    /**
     * The breach rule: past the deadline with no human touch before it, and not yet reported. A touch logged after the
     * deadline is a breach known at once; a missing touch is reported from {@link #reportableAt}.
     */
    public boolean breachDue(Instant now, Duration lateArrivalGrace) {
        if (deadline == null || breachedAt != null) {
            return false;
        }
        if (firstResponseAt != null) {
            return firstResponseAt.isAfter(deadline);
        }
        return !now.isBefore(reportableAt(lateArrivalGrace));
    }

    /** The stopped clock: a touch counts from when it happened; an earlier touch keeps the earlier time. */
    public FirstResponseClock touchedAt(Instant contactedAt) {
        if (firstResponseAt != null && !contactedAt.isBefore(firstResponseAt)) {
            return this;
        }
        return new FirstResponseClock(startedAt, assignedAt, deadline, contactedAt, breachedAt);
    }

    public Duration remaining(Instant now) {
        return deadline == null || firstResponseAt != null ? null : Duration.between(now, deadline);
    }

    /**
     * How long the first response took, in wall-clock time from the clock's start; never negative (a touch dated
     * before the registration, within its day, counts as immediate).
     */
    public Duration responseTime() {
        if (startedAt == null || firstResponseAt == null) {
            return null;
        }
        return firstResponseAt.isBefore(startedAt) ? Duration.ZERO : Duration.between(startedAt, firstResponseAt);
    }
}
