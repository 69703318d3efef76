package io.leadflow.analytics.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.leadflow.analytics.domain.Aggregates;
import io.leadflow.analytics.domain.FactsProjection;
import io.leadflow.analytics.domain.LeadFacts;
import io.leadflow.analytics.repository.CubeRepository;
import io.leadflow.analytics.repository.FactsRepository;
import io.leadflow.analytics.repository.PolicyVersionRepository;
import io.leadflow.events.contract.EventEnvelope;
import io.leadflow.events.contract.LeadEvent;
import io.leadflow.events.outbox.LeadEvents;
import io.leadflow.events.time.BusinessTime;

/** Folds events into the read model: into every live generation as they arrive, or into one during a replay. */
@ApplicationScoped
public class ReadModelService {

    private final FactsRepository facts;
    private final CubeRepository cube;
    private final PolicyVersionRepository policyVersions;
    private final FactsProjection projection;
    private final LeadEvents events;

    public ReadModelService(FactsRepository facts, CubeRepository cube, PolicyVersionRepository policyVersions,
                            BusinessTime businessTime, LeadEvents events) {
        this.events = events;
        this.facts = facts;
        this.cube = cube;
        this.policyVersions = policyVersions;
        this.projection = new FactsProjection(businessTime.zone());
    }

    /** A live event: the active model and, while a rebuild runs, the model being built both take it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(EventEnvelope event) {
        for (int generation : facts.liveGenerations()) {
            applyTo(generation, event);
        }
        if (event.payload() instanceof LeadEvent.LeadErased) {
            // Analytics publishes nothing about leads today; should it ever, they are forgotten like every service's.
            events.forget(event.leadId());
        }
    }

    /** @return false when {@code generation} had already applied this event (a duplicate or a replay overlap) */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean applyTo(int generation, EventEnvelope event) {
        Map<Aggregates.Cell, Aggregates.Delta> deltas = new HashMap<>();
        boolean applied = applyTo(generation, event, deltas, null);
        cube.add(generation, deltas);
        return applied;
    }

    /**
     * A replay's batch in the caller's one transaction: the cube's changes of all its events are summed and written
     * once at the end (many events of a batch move the same month's cells).
     *
     * @return how many of the events were new to {@code generation}
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int applyAll(int generation, List<EventEnvelope> events) {
        Map<Aggregates.Cell, Aggregates.Delta> deltas = new HashMap<>();
        // A generation being built starts with its cube (GenerationRepository.startBuilding); read once per batch.
        boolean keepCube = cube.ready(generation);
        int applied = 0;
        for (EventEnvelope event : events) {
            if (applyTo(generation, event, deltas, keepCube)) {
                applied++;
            }
        }
        deltas.values().removeIf(Aggregates.Delta::isZero);
        cube.add(generation, deltas);
        return applied;
    }

    private boolean applyTo(int generation, EventEnvelope event, Map<Aggregates.Cell, Aggregates.Delta> deltas,
                            Boolean cubeReady) {
        if (event.payload() instanceof LeadEvent.PolicyVersionPublished published) {
            // about a policy, not a lead: the same fact in every generation, kept once
            return policyVersions.record(published);
        }
        if (!facts.markApplied(generation, event.eventId())) {
            return false;
        }
        LeadFacts lead = facts.lockOrCreate(generation, event.leadId(), event.occurredAt());
        // Read after the lead's lock: a backfill that built the cube meanwhile has committed by now.
        boolean keepCube = cubeReady != null ? cubeReady : cube.ready(generation);
        List<Aggregates.Move> moves = new ArrayList<>();
        List<Aggregates.Breach> breaches = new ArrayList<>();
        Map<Aggregates.Cell, Aggregates.Delta> before = Map.of();
        if (keepCube) {
            if (lead.stage != null) {
                moves.addAll(facts.moves(generation, lead.leadId));
            }
            if (lead.slaBreaches > 0) {
                breaches.addAll(facts.breaches(generation, lead.leadId));
            }
            before = Aggregates.contribution(lead, moves, breaches);
        }
        List<FactsProjection.HistoryEntry> history = projection.apply(lead, event);
        facts.saveFacts(generation, lead);
        facts.saveHistory(generation, lead.leadId, history);
        if (keepCube) {
            for (FactsProjection.HistoryEntry entry : history) {
                if (entry instanceof FactsProjection.StageEntry m) {
                    moves.add(new Aggregates.Move(m.toStage(), m.occurredAt()));
                } else if (entry instanceof FactsProjection.SlaBreachEntry b) {
                    breaches.add(new Aggregates.Breach(b.ownerId(), b.source()));
                }
            }
            // The lead's new contribution minus its old one, in this transaction: regrades, reassignments,
            // outcomes, erasures and late registrations all move the lead between cells here.
            Aggregates.accumulate(deltas, Aggregates.difference(before, Aggregates.contribution(lead, moves, breaches)));
        }
        return true;
    }
}
