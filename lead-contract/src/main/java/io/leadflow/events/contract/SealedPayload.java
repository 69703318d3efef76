package io.leadflow.events.contract;

import java.util.Objects;

/**
 * An event's whole payload, encrypted with a key of its lead (AES-256-GCM, the event id as associated data), next to
 * the payload that travels in the clear: {@link LeadEvent#withoutPersonalData()}. A reader holding the key reads the
 * whole event; once the lead is erased its key is destroyed and every reader, now and on any replay, reads the clear
 * part only: the event as the contract keeps it after erasure.
 *
 * @param keyId      the key it was sealed with: {@code <producer>/<leadId>}, published on {@link Topics#KEYS}
 * @param nonce      the GCM nonce, base64
 * @param ciphertext the payload's JSON, encrypted and authenticated, base64
 */
public record SealedPayload(String keyId, String nonce, String ciphertext) {

    public SealedPayload {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(ciphertext, "ciphertext");
    }
}
