package io.leadflow.followup.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** Follow-up's picture of a lead: owner, grade, stage (with where it may go next), outcome and SLA. */
public record LeadView(String leadId, String customerName, String contactName, String source, String grade,
                       String ownerId, String ownerName, OffsetDateTime assignedAt, String stage, String stageLabel,
                       List<String> allowedNextStages, Outcome outcome, SlaView sla, long openTasks, boolean erased,
                       OffsetDateTime erasedAt, String erasedBy, List<StageChange> stageHistory) {

    public record Outcome(String outcome, LocalDate on, BigDecimal amount, String currency, List<String> winFactors,
                          String reason, String note, String recordedBy, OffsetDateTime recordedAt) {
    }

    /** @param changedAt when it happened (a date from history when one was given); recordedAt when it was written down */
    public record StageChange(String from, String to, String changedBy, String reason, boolean reopened,
                              OffsetDateTime changedAt, OffsetDateTime recordedAt) {
    }
}
