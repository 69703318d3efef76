package io.leadflow.events.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;

import org.junit.jupiter.api.Test;

import io.leadflow.events.contract.EventEnvelope;
import io.leadflow.events.contract.EventJson;
import io.leadflow.events.contract.EventType;
import io.leadflow.events.contract.SealedPayload;
import io.leadflow.events.testing.SampleEvents;

class EventCipherTest {

    private static final EventEnvelope CAPTURED = SampleEvents.all().get(EventType.LEAD_CAPTURED);

    @Test
    void aSealedPayloadOpensWithItsKeyToTheWholePayload() {
        byte[] key = EventCipher.newKey();
        SealedPayload sealed = EventCipher.seal("svc/" + CAPTURED.leadId(), key, CAPTURED);
        assertThat(EventJson.payload(CAPTURED.type(), EventCipher.open(key, sealed, CAPTURED)))
                .isEqualTo(CAPTURED.payload());
        assertThat(new String(Base64.getDecoder().decode(sealed.ciphertext()), java.nio.charset.StandardCharsets.UTF_8))
                .doesNotContain("13912345678");
    }

    @Test
    void anotherKeyDoesNotOpenIt() {
        SealedPayload sealed = EventCipher.seal("svc/x", EventCipher.newKey(), CAPTURED);
        assertThatThrownBy(() -> EventCipher.open(EventCipher.newKey(), sealed, CAPTURED))
                .isInstanceOf(EventCipher.SealBroken.class);
    }

    @Test
    void aWrappedKeyUnwrapsOnlyWithItsMasterKeyAndUnderItsOwnId() {
        byte[] master = EventCipher.newKey();
        byte[] key = EventCipher.newKey();
        byte[] wrapped = EventCipher.wrap(master, "intake/LX1", key);
        assertThat(EventCipher.unwrap(master, "intake/LX1", wrapped)).isEqualTo(key);
        assertThatThrownBy(() -> EventCipher.unwrap(master, "intake/LX2", wrapped))
                .as("a key record copied under another lead's id").isInstanceOf(EventCipher.SealBroken.class);
        assertThatThrownBy(() -> EventCipher.unwrap(EventCipher.newKey(), "intake/LX1", wrapped))
                .isInstanceOf(EventCipher.SealBroken.class);
    }

    @Test
    void aMasterKeyMustBeThirtyTwoBytesOfBase64() {
        assertThatThrownBy(() -> MasterKey.decode("c2hvcnQ=")).hasMessageContaining("must be 32 bytes");
        assertThatThrownBy(() -> MasterKey.decode("not base64!")).hasMessageContaining("not base64");
        assertThat(MasterKey.decode(Base64.getEncoder().encodeToString(new byte[32]))).hasSize(32);
    }
}
