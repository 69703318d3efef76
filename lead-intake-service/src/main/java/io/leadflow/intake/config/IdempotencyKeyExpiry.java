package io.leadflow.intake.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.leadflow.events.housekeeping.ExpiringRows;

/**
 * A form's Idempotency-Key answers a double click for {@code leadflow.intake.forms.idempotency-ttl}; after that the
 * key is forgotten (lead-events' housekeeping purges its row through {@code form_submission_created}), and a post with
 * it again is a new submission.
 */
@ApplicationScoped
public class IdempotencyKeyExpiry {

    @Produces
    @Singleton
    ExpiringRows formSubmissions(IntakeConfig config) {
        return new ExpiringRows("form_submission", "created_at", config.forms().idempotencyTtl());
    }

    /** A rate-limit window an hour past its end counts nothing any more (purged through {@code rate_limit_window}). */
    @Produces
    @Singleton
    ExpiringRows rateLimitWindows(IntakeConfig config) {
        return new ExpiringRows("rate_limit", "window_start", config.forms().rateWindow().plusHours(1));
    }
}
