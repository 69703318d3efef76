package io.leadflow.events.contract;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What travels on every Leadflow topic. {@code eventType} and {@code schemaVersion} are derived from the
 * payload's {@link EventType}, so an envelope can never claim to be one event and carry another.
 *
 * @param producer the service that emitted it, e.g. {@code lead-intake-service}
 */
public record EventEnvelope(
        UUID eventId,
        String eventType,
        int schemaVersion,
        String leadId,
        Instant occurredAt,
        String producer,
        LeadEvent payload) {

    public EventEnvelope {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(leadId, "leadId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(producer, "producer");
        Objects.requireNonNull(payload, "payload");
        EventType declared = EventType.of(payload);
        if (!declared.code().equals(eventType)) {
            throw new IllegalArgumentException("eventType " + eventType + " does not match payload " + declared.code());
        }
    }

    /** A new event with a fresh id; {@code occurredAt} comes from the caller's clock, never from here. */
    public static EventEnvelope of(String leadId, Instant occurredAt, String producer, LeadEvent payload) {
        EventType type = EventType.of(payload);
        return new EventEnvelope(UUID.randomUUID(), type.code(), type.schemaVersion(), leadId, occurredAt, producer, payload);
    }

    public EventType type() {
        return EventType.of(payload);
    }

    /** The topic this event belongs on, before any deployment prefix. */
    public String topic() {
        return type().topic();
    }
}
