package io.leadflow.followup.domain;

import java.time.Instant;
import java.time.Period;

/** A task a cadence asks for. {@code every} is null for a one-off (the first response, a next action). */
public record PlannedTask(String kind, FollowUpMethod method, String label, Instant dueAt, Period every) {

    public static final String FIRST_RESPONSE = "FIRST_RESPONSE";
    public static final String NEXT_ACTION = "NEXT_ACTION";

    public boolean recurring() {
        return every != null;
    }
}
