package io.leadflow.events.contract;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What travels on every Leadflow topic. {@code eventType} and {@code schemaVersion} are derived from the
 * payload's {@link EventType}, so an envelope can never claim to be one event and carry another.
 *
 * @param producer the service that emitted it, e.g. {@code lead-intake-service}
 * @param payload  the whole payload; on the wire, when {@code sealed} is there, only its clear part
 *                 ({@link LeadEvent#withoutPersonalData()})
 * @param sealed   the whole payload encrypted with the lead's key, when it holds personal data; null once opened
 *                 (the payload is then whole) and for events without personal data
 */
public record EventEnvelope(
        UUID eventId,
        String eventType,
        int schemaVersion,
        String leadId,
        Instant occurredAt,
        String producer,
        LeadEvent payload,
        SealedPayload sealed) {

    /** An envelope without a sealed part: an event without personal data, or one already opened. */
    public EventEnvelope(UUID eventId, String eventType, int schemaVersion, String leadId, Instant occurredAt,
                         String producer, LeadEvent payload) {
        this(eventId, eventType, schemaVersion, leadId, occurredAt, producer, payload, null);
    }

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

    /** The same event (id, time, producer) with another payload of its type, and no sealed part. */
    public EventEnvelope withPayload(LeadEvent other) {
        return new EventEnvelope(eventId, eventType, schemaVersion, leadId, occurredAt, producer, other, null);
    }

    /** The event as it travels when its payload holds personal data: its clear part, and the whole sealed. */
    public EventEnvelope sealedAs(SealedPayload whole) {
        return new EventEnvelope(eventId, eventType, schemaVersion, leadId, occurredAt, producer,
                payload.withoutPersonalData(), whole);
    }

    public EventType type() {
        return EventType.of(payload);
    }

    /** The topic this event belongs on, before any deployment prefix. */
    public String topic() {
        return type().topic();
    }
}
