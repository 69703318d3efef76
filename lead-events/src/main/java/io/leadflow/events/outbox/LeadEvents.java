package io.leadflow.events.outbox;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.leadflow.events.config.EventsConfig;
import io.leadflow.events.contract.EventEnvelope;
import io.leadflow.events.contract.LeadEvent;

/**
 * The one way business code emits an event about a lead: stamped with a fresh id, the service's clock and its
 * producer name, and written to the outbox in the caller's transaction (so it exists exactly when the change does).
 */
@ApplicationScoped
public class LeadEvents {

    private final OutboxWriter outbox;
    private final Clock clock;
    private final EventsConfig config;

    public LeadEvents(OutboxWriter outbox, Clock clock, EventsConfig config) {
        this.outbox = outbox;
        this.clock = clock;
        this.config = config;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void emit(String leadId, LeadEvent payload) {
        outbox.append(EventEnvelope.of(leadId, clock.instant(), config.producer(), payload));
    }

    /**
     * The one way a service forgets an erased lead's events, in the erasing transaction: see
     * {@link OutboxWriter#forget}. Events emitted about the lead afterwards are sent, then deleted here too.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public OutboxWriter.Forgotten forget(String leadId) {
        return outbox.forget(leadId);
    }

    /** A new version of a rule policy, keyed by its policy, in the caller's transaction (the one that saves it). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void emit(LeadEvent.PolicyVersionPublished version) {
        emit(LeadEvent.PolicyVersionPublished.key(version.policy()), version);
    }
}
