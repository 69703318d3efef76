package io.leadflow.routing.messaging;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadflow.events.consumer.EventHandler;
import io.leadflow.events.contract.EventEnvelope;
import io.leadflow.events.contract.EventType;
import io.leadflow.events.contract.LeadEvent;
import io.leadflow.events.contract.Topics;
import io.leadflow.routing.service.LeadDecisions;
import io.leadflow.routing.service.LeadLifecycleService;

/** followup-service's events: a regrade request regrades; a won or lost lead frees its owner's capacity. */
@ApplicationScoped
public class FollowupEventsHandler implements EventHandler {

    private final LeadDecisions decisions;
    private final LeadLifecycleService lifecycle;

    public FollowupEventsHandler(LeadDecisions decisions, LeadLifecycleService lifecycle) {
        this.decisions = decisions;
        this.lifecycle = lifecycle;
    }

    @Override
    public String name() {
        return "routing-followup";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.FOLLOWUP);
    }

    @Override
    public Set<EventType> eventTypes() {
        return Set.of(EventType.REGRADE_REQUESTED, EventType.LEAD_WON, EventType.LEAD_LOST);
    }

    @Override
    public void handle(EventEnvelope event) {
        if (event.payload() instanceof LeadEvent.RegradeRequested) {
            decisions.regradeRequested(event);
        } else if (event.payload() instanceof LeadEvent.LeadWon) {
            lifecycle.closed(event.leadId(), "WON");
        } else if (event.payload() instanceof LeadEvent.LeadLost) {
            lifecycle.closed(event.leadId(), "LOST");
        }
    }
}
