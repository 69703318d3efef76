package io.leadflow.followup.domain;

import java.time.Instant;
import java.util.List;

/** What an assignment (or a regrade) schedules: the first-response deadline, if any, and the tasks. */
public record CadencePlan(String grade, boolean fallback, Instant firstResponseDeadline, List<PlannedTask> tasks) {

    public CadencePlan {
        tasks = List.copyOf(tasks);
    }
}
