package io.leadflow.followup.service;

import java.time.OffsetDateTime;
import java.util.List;

import io.leadflow.events.vocabulary.Coded;
import io.leadflow.events.vocabulary.Term;

/**
 * A lead's first-response SLA and its overdue recurring touches.
 *
 * @param clockStartedAt          when the clock started: the lead's registration (its history's date for an
 *                                imported or back-dated lead), or the assignment if that came first
 * @param status                  NONE (no deadline), RUNNING, MET, BREACHED or MET_LATE
 * @param responseMinutes         wall-clock minutes from the clock's start to the first human touch
 * @param responseBusinessMinutes the same in working time, as the cadence policy's calendar counts it
 */
public record SlaView(String leadId, @Coded(Term.GRADE) String grade, @Coded(Term.SOURCE) String source, String ownerId,
                      OffsetDateTime assignedAt, OffsetDateTime clockStartedAt, OffsetDateTime deadline, String status,
                      Long minutesLeft, OffsetDateTime firstResponseAt, String firstResponseBy, Long responseMinutes,
                      Long responseBusinessMinutes, OffsetDateTime breachedAt, Integer policyVersion,
                      List<TaskView> overdueTouches) {
}
