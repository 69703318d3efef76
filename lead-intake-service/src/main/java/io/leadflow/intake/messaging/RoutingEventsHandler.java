package io.leadflow.intake.messaging;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadflow.events.consumer.EventHandler;
import io.leadflow.events.contract.EventEnvelope;
import io.leadflow.events.contract.EventType;
import io.leadflow.events.contract.LeadEvent;
import io.leadflow.events.contract.Topics;
import io.leadflow.intake.service.OwnerService;

/** lead-routing-service's assignments: the owner a sales token must be to read a lead here. */
@ApplicationScoped
public class RoutingEventsHandler implements EventHandler {

    private final OwnerService owners;

    public RoutingEventsHandler(OwnerService owners) {
        this.owners = owners;
    }

    @Override
    public String name() {
        return "intake-owners";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.ROUTING);
    }

    @Override
    public Set<EventType> eventTypes() {
        return Set.of(EventType.LEAD_ASSIGNED, EventType.LEAD_REASSIGNED);
    }

    @Override
    public void handle(EventEnvelope event) {
        if (event.payload() instanceof LeadEvent.LeadAssigned a) {
            owners.announced(event.leadId(), a.ownerId(), event.occurredAt(), event.producer(),
                    a.why() == null ? "assigned" : "assigned: " + a.why());
        } else if (event.payload() instanceof LeadEvent.LeadReassigned r) {
            owners.announced(event.leadId(), r.ownerId(), event.occurredAt(), event.producer(),
                    r.reason() == null ? "reassigned" : "reassigned: " + r.reason());
        }
    }
}
