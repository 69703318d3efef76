package io.leadflow.events.outbox;

import java.time.Clock;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.leadflow.events.config.EventsConfig;
import io.leadflow.events.contract.EventEnvelope;
import io.leadflow.events.contract.LeadEvent;
import io.leadflow.events.crypto.EventCipher;
import io.leadflow.events.crypto.KeyRing;
import io.leadflow.events.crypto.LeadKeys;

/**
 * The one way business code emits an event about a lead: stamped with a fresh id, the service's clock and its
 * producer name, and written to the outbox in the caller's transaction (so it exists exactly when the change does).
 */
@ApplicationScoped
public class LeadEvents {

    private final OutboxWriter outbox;
    private final LeadKeys keys;
    private final KeyRing keyRing;
    private final Clock clock;
    private final EventsConfig config;

    public LeadEvents(OutboxWriter outbox, LeadKeys keys, KeyRing keyRing, Clock clock, EventsConfig config) {
        this.outbox = outbox;
        this.keys = keys;
        this.keyRing = keyRing;
        this.clock = clock;
        this.config = config;
    }

    /**
     * An event whose payload holds personal data (anything {@link LeadEvent#withoutPersonalData()} takes out) travels
     * with that clear part as its payload and the whole payload sealed with the lead's key ({@link SealedPayload}); once
     * the lead is erased here, with its clear part only.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void emit(String leadId, LeadEvent payload) {
        EventEnvelope event = EventEnvelope.of(leadId, clock.instant(), config.producer(), payload);
        LeadEvent clear = payload.withoutPersonalData();
        if (clear.equals(payload)) {
            outbox.append(event);
            return;
        }
        Optional<LeadKeys.LeadKey> key = keys.keyFor(leadId);
        outbox.append(key.isEmpty() ? event.withPayload(clear)
                : event.sealedAs(EventCipher.seal(key.get().keyId(), key.get().key(), event)));
    }

    /**
     * The one way a service forgets an erased lead, in the erasing transaction: its events ({@link OutboxWriter#forget};
     * events emitted about the lead afterwards are sent without personal data, then deleted here too), the key its
     * events were sealed with (destroyed, a tombstone on the keys topic) and its copies of other services' keys.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public OutboxWriter.Forgotten forget(String leadId) {
        OutboxWriter.Forgotten forgotten = outbox.forget(leadId);
        keys.destroy(leadId);
        keyRing.forget(leadId);
        return forgotten;
    }

    /** A new version of a rule policy, keyed by its policy, in the caller's transaction (the one that saves it). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void emit(LeadEvent.PolicyVersionPublished version) {
        emit(LeadEvent.PolicyVersionPublished.key(version.policy()), version);
    }
}
