package io.leadflow.followup.service;

import java.time.OffsetDateTime;

/** A first-response SLA breach as GET /api/v1/sla/breaches lists it. */
public record BreachView(String leadId, String customerName, String grade, String source, String ownerId,
                         String ownerName, OffsetDateTime assignedAt, OffsetDateTime deadline,
                         OffsetDateTime detectedAt, OffsetDateTime firstResponseAt) {
}
