package io.leadflow.events.deadletter;

import java.time.Instant;
import java.util.UUID;

/**
 * One dead letter as an operator sees it: where it is, what it was, who gave up on it and why, and whether it was
 * re-driven. Never the event's value (it carries a lead's contact data) nor the stack trace.
 *
 * @param id                {@code <dead-letter topic>:<partition>:<offset>}, for re-driving it
 * @param originalTopic     the contract topic it came from, and is re-driven to
 * @param originalPartition where it was on that topic (null when the header is missing)
 * @param consumer          the handler that gave up on it
 * @param eventId           null when the record was not a readable event
 * @param attempts          attempts made; 0 when the record could not be read as an event
 * @param redrivable        false for a record that is not an event this service can read: re-driving it would only
 *                          dead-letter it again
 */
public record DeadLetter(String id, String originalTopic, Integer originalPartition, Long originalOffset,
                         String consumer, UUID eventId, String eventType, String leadId, Instant deadLetteredAt,
                         int attempts, DeadLetterReason reason, boolean redrivable, boolean redriven,
                         Instant redrivenAt, String redrivenBy) {
}
