package io.leadflow.events.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON codec of the contract, independent of any service's ObjectMapper settings so that a service
 * cannot change the wire format by configuring its REST layer.
 */
public final class EventJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // Readers ignore fields they do not know, so producers may add optional fields without a new version.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private EventJson() {
    }

    public static String encode(EventEnvelope envelope) {
        try {
            return MAPPER.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] encodeBytes(EventEnvelope envelope) {
        return encode(envelope).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads an envelope and its typed payload.
     *
     * @throws UnknownEventTypeException when the type is newer than this build knows (skip it, do not fail)
     * @throws MalformedEventException   when the bytes are not a valid envelope of a known type
     */
    public static EventEnvelope decode(byte[] json) {
        return decode(json == null ? null : new String(json, StandardCharsets.UTF_8));
    }

    /** The envelope as it travels, with its sealed part when it has one ({@code KeyRing} opens it). */
    public static EventEnvelope decode(String json) {
        if (json == null || json.isBlank()) {
            throw new MalformedEventException("empty record value");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("not JSON" + where(e));
        }
        if (!(root instanceof ObjectNode node)) {
            throw new MalformedEventException("envelope is not a JSON object");
        }
        String typeCode = text(node, "eventType");
        EventType type = EventType.fromCode(typeCode)
                .orElseThrow(() -> new UnknownEventTypeException(typeCode));
        try {
            UUID eventId = UUID.fromString(text(node, "eventId"));
            Instant occurredAt = Instant.parse(text(node, "occurredAt"));
            int version = version(node.get("schemaVersion"));
            if (version > type.schemaVersion()) {
                // Read as this build understands it, a newer major version could be half-applied: refuse it whole.
                throw new UnsupportedSchemaVersionException(type, version);
            }
            JsonNode payloadNode = node.get("payload");
            if (payloadNode == null || !payloadNode.isObject()) {
                throw new MalformedEventException("payload missing or not an object");
            }
            LeadEvent payload = MAPPER.treeToValue(payloadNode, type.payloadType());
            JsonNode sealedNode = node.get("sealed");
            SealedPayload sealed = sealedNode == null || sealedNode.isNull() ? null
                    : MAPPER.treeToValue(sealedNode, SealedPayload.class);
            return new EventEnvelope(eventId, typeCode, version, text(node, "leadId"), occurredAt,
                    text(node, "producer"), payload, sealed);
        } catch (IOException | RuntimeException e) {
            if (e instanceof MalformedEventException m) {
                throw m;
            }
            // Jackson's own message may quote the value it could not read (a person's words): say where, not what.
            throw new MalformedEventException(typeCode + ": " + e.getClass().getSimpleName() + where(e));
        }
    }

    /** A payload's JSON (what a {@link SealedPayload} holds) as the event type's record. */
    public static LeadEvent payload(EventType type, String json) {
        try {
            // Through the tree, as an envelope's clear payload is read, so both read numbers alike (100000.0).
            return MAPPER.treeToValue(MAPPER.readTree(json), type.payloadType());
        } catch (JsonProcessingException e) {
            throw new MalformedEventException(type.code() + " sealed payload: " + e.getClass().getSimpleName()
                    + where(e));
        }
    }

    public static String payloadJson(LeadEvent payload) {
        try {
            return MAPPER.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String where(Exception e) {
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()) {
            return " at " + m.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(java.util.stream.Collectors.joining("."));
        }
        if (e instanceof JsonProcessingException p && p.getLocation() != null) {
            return " at line " + p.getLocation().getLineNr() + ", column " + p.getLocation().getColumnNr();
        }
        return "";
    }

    /** Absent means 1 (the first producers wrote no version); anything but a whole number from 1 up is malformed. */
    private static int version(JsonNode node) {
        if (node == null || node.isNull()) {
            return 1;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 1) {
            throw new MalformedEventException("schemaVersion must be a whole number from 1 up, not " + node);
        }
        return node.intValue();
    }

    private static String text(ObjectNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new MalformedEventException("field '" + field + "' missing or not a string");
        }
        return value.asText();
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Bytes that are not an event of this contract; a consumer sends them to the dead-letter topic. Its message says
     * what is wrong and where, never the value it found, so it may travel in a dead letter's headers.
     */
    public static class MalformedEventException extends RuntimeException implements SafeMessage {
        public MalformedEventException(String message) {
            super("Malformed event: " + message);
        }
    }

    /**
     * A known type in a newer major version than this build reads: a consumer of that type must not apply it in part,
     * so it goes to the dead-letter topic with this reason, to be re-driven once the consumer is upgraded.
     */
    public static class UnsupportedSchemaVersionException extends MalformedEventException {
        private final EventType type;
        private final int version;

        public UnsupportedSchemaVersionException(EventType type, int version) {
            super(type.code() + " schemaVersion " + version + " is newer than this build reads (up to "
                    + type.schemaVersion() + "); upgrade this service, then re-drive the dead letter");
            this.type = type;
            this.version = version;
        }

        public EventType type() {
            return type;
        }

        public int version() {
            return version;
        }
    }

    /** An event type this build does not know yet; consumers skip it so producers can evolve first. */
    public static class UnknownEventTypeException extends RuntimeException {
        private final String eventType;

        public UnknownEventTypeException(String eventType) {
            super("Unknown event type " + eventType);
            this.eventType = eventType;
        }

        public String eventType() {
            return eventType;
        }
    }
}
