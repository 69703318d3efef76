package io.leadflow.routing.service;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadflow.events.config.EventsConfig;
import io.leadflow.events.contract.EventEnvelope;
import io.leadflow.events.contract.LeadEvent;
import io.leadflow.events.outbox.OutboxWriter;

/** Appends this service's events to the outbox, inside the caller's transaction. */
@ApplicationScoped
public class Events {

    private final OutboxWriter outbox;
    private final EventsConfig config;
    private final Clock clock;

    public Events(OutboxWriter outbox, EventsConfig config, Clock clock) {
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
    }

    public void emit(String leadId, LeadEvent payload) {
        outbox.append(EventEnvelope.of(leadId, clock.instant(), config.producer(), payload));
    }
}
