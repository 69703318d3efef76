package io.leadflow.followup.service;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.leadflow.events.config.EventsConfig;
import io.leadflow.events.contract.EventEnvelope;
import io.leadflow.events.contract.LeadEvent;
import io.leadflow.events.outbox.OutboxWriter;

/** Appends this service's events to the outbox, inside the caller's transaction. */
@ApplicationScoped
public class Events {

    private final OutboxWriter outbox;
    private final Clock clock;
    private final EventsConfig config;

    public Events(OutboxWriter outbox, Clock clock, EventsConfig config) {
        this.outbox = outbox;
        this.clock = clock;
        this.config = config;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void emit(String leadId, LeadEvent payload) {
        outbox.append(EventEnvelope.of(leadId, clock.instant(), config.producer(), payload));
    }
}
