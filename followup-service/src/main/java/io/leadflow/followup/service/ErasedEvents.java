package io.leadflow.followup.service;

import java.util.List;

import io.leadflow.events.contract.EventEnvelope;
import io.leadflow.events.contract.LeadEvent;

/**
 * This service's events with the text people typed removed: what an erased lead's not-yet-published outbox rows are
 * rewritten to. Codes, dates, amounts and owners stay, so downstream counts still add up.
 */
final class ErasedEvents {

    private ErasedEvents() {
    }

    static EventEnvelope redact(EventEnvelope e) {
        LeadEvent payload = redact(e.payload());
        return payload == e.payload() ? e
                : new EventEnvelope(e.eventId(), e.eventType(), e.schemaVersion(), e.leadId(), e.occurredAt(), e.producer(), payload);
    }

    static LeadEvent redact(LeadEvent payload) {
        if (payload instanceof LeadEvent.FollowUpLogged f) {
            return new LeadEvent.FollowUpLogged(f.followUpId(), f.ownerId(), f.contactedAt(), f.method(), f.status(),
                    f.humanTouch(), null, f.nextActionDue());
        }
        if (payload instanceof LeadEvent.LeadStageChanged s) {
            return new LeadEvent.LeadStageChanged(s.fromStage(), s.toStage(), s.ownerId(), null, s.changedAt(),
                    s.reopened());
        }
        if (payload instanceof LeadEvent.LeadWon w) {
            return new LeadEvent.LeadWon(w.wonOn(), w.amount(), List.of(), w.ownerId());
        }
        if (payload instanceof LeadEvent.LeadLost l) {
            return new LeadEvent.LeadLost(l.lostOn(), l.reason(), null, l.ownerId());
        }
        if (payload instanceof LeadEvent.RegradeRequested r) {
            return new LeadEvent.RegradeRequested(r.requestedGrade(), null, r.requestedBy());
        }
        return payload;
    }
}
