package io.leadflow.followup.service;

import java.time.OffsetDateTime;

import io.leadflow.events.vocabulary.Coded;
import io.leadflow.events.vocabulary.Term;

public record RegradeRequestView(String id, String leadId, @Coded(Term.GRADE) String currentGrade,
                                 @Coded(Term.GRADE) String suggestedGrade, String reason, String requestedBy,
                                 OffsetDateTime requestedAt) {
}
