package io.leadflow.followup.service;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A lead's first-response SLA and its overdue recurring touches.
 *
 * @param status NONE (no deadline), RUNNING, MET, BREACHED or MET_LATE
 */
public record SlaView(String leadId, String grade, String source, String ownerId, OffsetDateTime assignedAt,
                      OffsetDateTime deadline, String status, Long minutesLeft, OffsetDateTime firstResponseAt,
                      String firstResponseBy, Long responseMinutes, OffsetDateTime breachedAt,
                      Integer policyVersion, List<TaskView> overdueTouches) {
}
