package io.leadflow.events.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import io.leadflow.events.contract.EventEnvelope;
import io.leadflow.events.contract.EventJson;
import io.leadflow.events.contract.SealedPayload;

/**
 * AES-256-GCM as the contract uses it: a payload sealed with its lead's key and bound to its event id (so a sealed
 * payload cannot be moved onto another event), and a lead's key wrapped with the master key and bound to its key id.
 */
public final class EventCipher {

    static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private EventCipher() {
    }

    public static byte[] newKey() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return key;
    }

    /** The event's whole payload, sealed with {@code key}; the envelope itself travels with its clear payload. */
    public static SealedPayload seal(String keyId, byte[] key, EventEnvelope event) {
        byte[] nonce = nonce();
        byte[] sealed = crypt(Cipher.ENCRYPT_MODE, key, nonce, aad(event),
                EventJson.payloadJson(event.payload()).getBytes(StandardCharsets.UTF_8));
        Base64.Encoder b64 = Base64.getEncoder();
        return new SealedPayload(keyId, b64.encodeToString(nonce), b64.encodeToString(sealed));
    }

    /** The payload's JSON; throws {@link SealBroken} when the key is not the one it was sealed with or it was altered. */
    public static String open(byte[] key, SealedPayload sealed, EventEnvelope event) {
        try {
            Base64.Decoder b64 = Base64.getDecoder();
            return new String(crypt(Cipher.DECRYPT_MODE, key, b64.decode(sealed.nonce()), aad(event),
                    b64.decode(sealed.ciphertext())), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new SealBroken("sealed payload of " + event.eventType() + " is not base64");
        }
    }

    /** {@code nonce || ciphertext} of {@code key} under {@code master}, bound to {@code keyId}. */
    static byte[] wrap(byte[] master, String keyId, byte[] key) {
        byte[] nonce = nonce();
        byte[] sealed = crypt(Cipher.ENCRYPT_MODE, master, nonce, keyId.getBytes(StandardCharsets.UTF_8), key);
        return ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
    }

    static byte[] unwrap(byte[] master, String keyId, byte[] wrapped) {
        if (wrapped.length != NONCE_BYTES + KEY_BYTES + TAG_BITS / 8) {
            throw new SealBroken("wrapped key " + keyId + " has " + wrapped.length + " bytes");
        }
        byte[] nonce = java.util.Arrays.copyOf(wrapped, NONCE_BYTES);
        byte[] sealed = java.util.Arrays.copyOfRange(wrapped, NONCE_BYTES, wrapped.length);
        return crypt(Cipher.DECRYPT_MODE, master, nonce, keyId.getBytes(StandardCharsets.UTF_8), sealed);
    }

    private static byte[] aad(EventEnvelope event) {
        return event.eventId().toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] nonce() {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        return nonce;
    }

    private static byte[] crypt(int mode, byte[] key, byte[] nonce, byte[] aad, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad);
            return cipher.doFinal(input);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new SealBroken("authentication failed: wrong key, or the data was altered");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available: " + e, e);
        }
    }

    /** Sealed data that does not open with its key: altered, or sealed with another key (a wrong master key). */
    public static class SealBroken extends RuntimeException implements io.leadflow.events.contract.SafeMessage {
        public SealBroken(String message) {
            super(message);
        }
    }
}
