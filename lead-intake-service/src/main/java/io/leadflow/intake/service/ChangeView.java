package io.leadflow.intake.service;

import java.time.Instant;

/** One audited correction. */
public record ChangeView(String field, String oldValue, String newValue, String changedBy, Instant changedAt,
                         String reason) {
}
