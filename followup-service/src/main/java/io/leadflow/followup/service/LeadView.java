package io.leadflow.followup.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import io.leadflow.events.vocabulary.Coded;
import io.leadflow.events.vocabulary.Term;

/** Follow-up's picture of a lead: owner, grade, stage (with where it may go next), outcome and SLA. */
public record LeadView(String leadId, String customerName, String contactName, @Coded(Term.SOURCE) String source,
                       @Coded(Term.GRADE) String grade, String ownerId, String ownerName, OffsetDateTime assignedAt,
                       @Coded(Term.STAGE) String stage, String stageLabel,
                       @Coded(Term.STAGE) List<String> allowedNextStages, Outcome outcome, SlaView sla, long openTasks,
                       boolean erased, OffsetDateTime erasedAt, String erasedBy,
                       @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "The lead staff merged "
                               + "this one into: its tasks were cancelled, and follow-ups go there now")
                       String mergedInto, List<StageChange> stageHistory) {

    public record Outcome(@Coded(Term.OUTCOME) String outcome, LocalDate on, BigDecimal amount, String currency,
                          List<String> winFactors, String reason, String note, String recordedBy,
                          OffsetDateTime recordedAt) {
    }

    /** @param changedAt when it happened (a date from history when one was given); recordedAt when it was written down */
    public record StageChange(@Coded(Term.STAGE) String from, @Coded(Term.STAGE) String to, String changedBy,
                              String reason, boolean reopened, OffsetDateTime changedAt, OffsetDateTime recordedAt) {
    }
}
