package io.leadflow.events.crypto;

import java.util.Base64;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.leadflow.events.contract.EventJson;

/**
 * A value on the keys topic: a lead's key, wrapped with the master key. The record's key is {@code keyId}; a null
 * value (a tombstone) says the key was destroyed.
 *
 * @param wrapped base64 of {@code nonce || AES-GCM(master key, lead key)}, bound to {@code keyId}
 */
public record KeyRecord(String keyId, String leadId, String producer, String wrapped) {

    public static String keyIdOf(String producer, String leadId) {
        return producer + "/" + leadId;
    }

    byte[] wrappedBytes() {
        return Base64.getDecoder().decode(wrapped);
    }

    String json() {
        try {
            return EventJson.mapper().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyRecord parse(byte[] value) {
        try {
            KeyRecord record = EventJson.mapper().readValue(value, KeyRecord.class);
            if (record.keyId == null || record.leadId == null || record.wrapped == null) {
                throw new IllegalArgumentException("key record without keyId, leadId or wrapped");
            }
            return record;
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("key record is not JSON");
        }
    }
}
