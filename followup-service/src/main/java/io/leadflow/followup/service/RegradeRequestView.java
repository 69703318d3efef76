package io.leadflow.followup.service;

import java.time.OffsetDateTime;

public record RegradeRequestView(String id, String leadId, String currentGrade, String suggestedGrade, String reason,
                                 String requestedBy, OffsetDateTime requestedAt) {
}
