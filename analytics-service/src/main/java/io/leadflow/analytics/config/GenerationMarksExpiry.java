package io.leadflow.analytics.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.leadflow.events.config.EventsConfig;
import io.leadflow.events.housekeeping.ExpiringRows;
import io.leadflow.events.housekeeping.ProcessedEventRetention;

/**
 * A generation's marks of applied events ({@code generation_event}) are kept as long as {@code processed_event}
 * remembers the same events: past that an event can no longer be delivered again, and a year of leads would otherwise
 * leave a dozen marks per lead to probe for ever.
 */
@ApplicationScoped
public class GenerationMarksExpiry {

    @Produces
    @Singleton
    ExpiringRows generationMarks(EventsConfig config) {
        return new ExpiringRows("generation_event", "applied_at", ProcessedEventRetention.effective(
                config.housekeeping().processedEventRetention(), config.topics().retentionMs()));
    }
}
