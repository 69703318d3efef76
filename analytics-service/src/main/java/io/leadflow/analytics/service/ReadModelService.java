package io.leadflow.analytics.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.leadflow.analytics.domain.FactsProjection;
import io.leadflow.analytics.domain.LeadFacts;
import io.leadflow.analytics.repository.FactsRepository;
import io.leadflow.events.contract.EventEnvelope;
import io.leadflow.events.contract.LeadEvent;
import io.leadflow.events.time.BusinessTime;

/** Folds events into the read model: into every live generation as they arrive, or into one during a replay. */
@ApplicationScoped
public class ReadModelService {

    private final FactsRepository facts;
    private final FactsProjection projection;

    public ReadModelService(FactsRepository facts, BusinessTime businessTime) {
        this.facts = facts;
        this.projection = new FactsProjection(businessTime.zone());
    }

    /** A live event: the active model and, while a rebuild runs, the model being built both take it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(EventEnvelope event) {
        for (int generation : facts.liveGenerations()) {
            applyTo(generation, event);
        }
        if (event.payload() instanceof LeadEvent.LeadErased) {
            // Analytics publishes nothing today; should it ever, an erased lead's published events go with it.
            facts.deletePublishedOutbox(event.leadId());
        }
    }

    /** @return false when {@code generation} had already applied this event (a duplicate or a replay overlap) */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean applyTo(int generation, EventEnvelope event) {
        if (!facts.markApplied(generation, event.eventId())) {
            return false;
        }
        LeadFacts lead = facts.lockOrCreate(generation, event.leadId(), event.occurredAt());
        List<FactsProjection.HistoryEntry> history = projection.apply(lead, event);
        facts.saveFacts(generation, lead);
        facts.saveHistory(generation, lead.leadId, history);
        return true;
    }
}
