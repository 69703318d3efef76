package io.leadflow.followup.domain;

import java.time.Duration;
import java.util.List;

/**
 * How a lead of one grade is followed up: the first response due within {@code firstResponse} of assignment
 * (null when the grade has no first-response SLA), then the recurring touches. {@code counting} says whether the
 * deadlines count calendar time or only business hours/days.
 */
public record GradeCadence(String grade, Duration firstResponse, Counting counting, List<Touch> touches) {

    public GradeCadence {
        touches = List.copyOf(touches);
    }
}
