package io.leadflow.events.crypto;

import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadflow.events.config.EventsConfig;

/** The suite's master key ({@code leadflow.events.crypto.master-key}): wraps each lead's key at rest and in transit. */
@ApplicationScoped
public class MasterKey {

    private final byte[] key;

    public MasterKey(EventsConfig config) {
        this.key = decode(config.crypto().masterKey().orElseThrow(() -> new IllegalStateException(
                "leadflow.events.crypto.master-key (LEADFLOW_EVENTS_CRYPTO_MASTER_KEY) is not set: give every service the "
                        + "same 32 random bytes, base64 (openssl rand -base64 32)")));
    }

    /** A service without its master key does not start, rather than fail at its first event. */
    void checkAtStart(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent ignored) {
        // constructing the bean read and checked the key
    }

    static byte[] decode(String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("leadflow.events.crypto.master-key is not base64");
        }
        if (key.length != EventCipher.KEY_BYTES) {
            throw new IllegalStateException("leadflow.events.crypto.master-key must be " + EventCipher.KEY_BYTES
                    + " bytes, base64 (openssl rand -base64 32); it has " + key.length);
        }
        return key;
    }

    byte[] wrap(String keyId, byte[] leadKey) {
        return EventCipher.wrap(key, keyId, leadKey);
    }

    byte[] unwrap(String keyId, byte[] wrapped) {
        return EventCipher.unwrap(key, keyId, wrapped);
    }
}
