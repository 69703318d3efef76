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

/**
 * lead-intake-service's events: qualified leads are graded and assigned, updates regrade, a lead merged into another
 * closes, erasure erases.
 */
@ApplicationScoped
public class IntakeEventsHandler implements EventHandler {

    private final LeadDecisions decisions;
    private final LeadLifecycleService lifecycle;

    public IntakeEventsHandler(LeadDecisions decisions, LeadLifecycleService lifecycle) {
        this.decisions = decisions;
        this.lifecycle = lifecycle;
    }

    @Override
    public String name() {
        return "routing-intake";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.INTAKE);
    }

    @Override
    public Set<EventType> eventTypes() {
        return Set.of(EventType.LEAD_QUALIFIED, EventType.LEAD_UPDATED, EventType.LEAD_MERGED, EventType.LEAD_ERASED);
    }

    @Override
    public void handle(EventEnvelope event) {
        if (event.payload() instanceof LeadEvent.LeadQualified q) {
            decisions.qualified(event.leadId(), require(q.lead(), event));
        } else if (event.payload() instanceof LeadEvent.LeadUpdated u) {
            decisions.updated(event.leadId(), require(u.lead(), event), u.changedFields());
        } else if (event.payload() instanceof LeadEvent.LeadMerged merged) {
            lifecycle.closed(event.leadId(), "MERGED", merged.mergedBy());
        } else if (event.payload() instanceof LeadEvent.LeadErased erased) {
            lifecycle.erased(event.leadId(), erased.requestedBy());
        }
    }

    private static <T> T require(T lead, EventEnvelope event) {
        if (lead == null) {
            throw new IllegalArgumentException(event.eventType() + " " + event.eventId() + " carries no lead profile");
        }
        return lead;
    }
}
