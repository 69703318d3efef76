package io.leadflow.followup.service;

import java.time.OffsetDateTime;

import io.leadflow.events.vocabulary.Coded;
import io.leadflow.events.vocabulary.Term;

/** A first-response SLA breach as GET /api/v1/sla/breaches lists it. */
public record BreachView(String leadId, String customerName, @Coded(Term.GRADE) String grade,
                         @Coded(Term.SOURCE) String source, String ownerId, String ownerName, OffsetDateTime assignedAt,
                         OffsetDateTime deadline, OffsetDateTime detectedAt, OffsetDateTime firstResponseAt) {
}
