package io.leadflow.followup.messaging;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadflow.events.consumer.EventHandler;
import io.leadflow.events.contract.EventEnvelope;
import io.leadflow.events.contract.EventType;
import io.leadflow.events.contract.LeadEvent;
import io.leadflow.events.contract.Topics;
import io.leadflow.followup.service.LeadEventsService;

/** Intake's and routing's events about a lead, in whatever order the two topics deliver them. */
@ApplicationScoped
public class LeadEventsHandler implements EventHandler {

    private final LeadEventsService service;

    public LeadEventsHandler(LeadEventsService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "followup-leads";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.INTAKE, Topics.ROUTING);
    }

    @Override
    public Set<EventType> eventTypes() {
        return Set.of(EventType.LEAD_CAPTURED, EventType.LEAD_QUALIFIED, EventType.LEAD_UPDATED, EventType.LEAD_MERGED,
                EventType.LEAD_ERASED,
                EventType.LEAD_GRADED, EventType.LEAD_ASSIGNED, EventType.LEAD_REASSIGNED);
    }

    @Override
    public void handle(EventEnvelope event) {
        String leadId = event.leadId();
        LeadEvent payload = event.payload();
        if (payload instanceof LeadEvent.LeadCaptured e) {
            service.profile(leadId, e.lead());
        } else if (payload instanceof LeadEvent.LeadQualified e) {
            service.profile(leadId, e.lead());
        } else if (payload instanceof LeadEvent.LeadUpdated e) {
            service.profile(leadId, e.lead());
        } else if (payload instanceof LeadEvent.LeadMerged e) {
            service.merged(leadId, e.intoLeadId(), e.mergedBy(), event.occurredAt());
        } else if (payload instanceof LeadEvent.LeadErased e) {
            service.erased(leadId, event.occurredAt(), e.requestedBy());
        } else if (payload instanceof LeadEvent.LeadGraded e) {
            service.graded(leadId, e.grade(), event.occurredAt(), e.regradeReason());
        } else if (payload instanceof LeadEvent.LeadAssigned e) {
            service.assigned(leadId, e.ownerId(), e.ownerName(), e.grade(), e.source(), e.registeredAt(),
                    event.occurredAt());
        } else if (payload instanceof LeadEvent.LeadReassigned e) {
            service.reassigned(leadId, e.ownerId(), e.ownerName(), e.grade(), event.occurredAt());
        }
    }
}
