package io.leadflow.events.outbox;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
        emitAll(List.of(new Emission(leadId, payload)));
    }

    /** An event to emit about a lead. */
    public record Emission(String leadId, LeadEvent payload) {
    }

    /**
     * Events about many leads, in this order, as {@link #emit} emits each: the keys of the leads whose events need
     * sealing are made or read together, and the events written in one round trip.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void emitAll(List<Emission> emissions) {
        Instant at = clock.instant();
        Set<String> sealing = new LinkedHashSet<>();
        List<LeadEvent> clear = new ArrayList<>(emissions.size());
        for (Emission e : emissions) {
            LeadEvent c = e.payload().withoutPersonalData();
            clear.add(c);
            if (!c.equals(e.payload())) {
                sealing.add(e.leadId());
            }
        }
        Map<String, Optional<LeadKeys.LeadKey>> leadKeys = sealing.isEmpty() ? Map.of() : keys.keysFor(sealing);
        List<EventEnvelope> events = new ArrayList<>(emissions.size());
        for (int i = 0; i < emissions.size(); i++) {
            Emission e = emissions.get(i);
            EventEnvelope event = EventEnvelope.of(e.leadId(), at, config.producer(), e.payload());
            if (clear.get(i).equals(e.payload())) {
                events.add(event);
                continue;
            }
            Optional<LeadKeys.LeadKey> key = leadKeys.get(e.leadId());
            events.add(key.isEmpty() ? event.withPayload(clear.get(i))
                    : event.sealedAs(EventCipher.seal(key.get().keyId(), key.get().key(), event)));
        }
        outbox.appendAll(events);
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
