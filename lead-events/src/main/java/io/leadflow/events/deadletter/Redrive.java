package io.leadflow.events.deadletter;

import java.time.Instant;
import java.util.UUID;

/**
 * A dead letter sent back to its original topic.
 *
 * @param alreadyRedriven true when it had been re-driven before: nothing was sent this time, and {@code redrivenAt}
 *                        and {@code redrivenBy} are the earlier re-drive's
 */
public record Redrive(String id, UUID eventId, String eventType, String leadId, String originalTopic,
                      boolean alreadyRedriven, Instant redrivenAt, String redrivenBy) {
}
