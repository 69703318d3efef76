package io.leadflow.analytics.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

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
        applyLive(List.of(event));
    }

    /**
     * Live events of one poll, in their order, in the caller's one transaction: the active model and, while a rebuild
     * runs, the model being built both take them.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void applyLive(List<EventEnvelope> events) {
        for (int generation : facts.liveGenerations()) {
            applyAll(generation, events);
        }
        for (EventEnvelope event : events) {
            if (event.payload() instanceof LeadEvent.LeadErased) {
                // Analytics publishes nothing about leads today; should it ever, they are forgotten like every service's.
                this.events.forget(event.leadId());
            }
        }
    }

    /** @return false when {@code generation} had already applied this event (a duplicate or a replay overlap) */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean applyTo(int generation, EventEnvelope event) {
        return applyAll(generation, List.of(event)) == 1;
    }

    /**
     * Folds events into {@code generation} in the caller's one transaction, the work shared across them: one statement
     * marks them applied, one creates and locks all their leads, each lead's facts are written once, and the cube's
     * changes of all of them are summed and written once (many events of a batch move the same month's cells). The
     * result is the same as applying them one by one in their order.
     *
     * @return how many of the events were new to {@code generation}
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int applyAll(int generation, List<EventEnvelope> events) {
        int applied = 0;
        List<EventEnvelope> leadEvents = new ArrayList<>(events.size());
        for (EventEnvelope event : events) {
            if (event.payload() instanceof LeadEvent.PolicyVersionPublished published) {
                // about a policy, not a lead: the same fact in every generation, kept once
                if (policyVersions.record(published)) {
                    applied++;
                }
            } else {
                leadEvents.add(event);
            }
        }
        if (leadEvents.isEmpty()) {
            return applied;
        }
        Set<UUID> fresh = facts.markApplied(generation, leadEvents.stream().map(EventEnvelope::eventId).toList());
        List<EventEnvelope> todo = new ArrayList<>(fresh.size());
        Map<String, Instant> firstEventAt = new LinkedHashMap<>();
        for (EventEnvelope event : leadEvents) {
            if (fresh.remove(event.eventId())) {
                todo.add(event);
                firstEventAt.putIfAbsent(event.leadId(), event.occurredAt());
            }
        }
        if (todo.isEmpty()) {
            return applied;
        }
        Map<String, LeadFacts> leads = facts.lockOrCreate(generation, firstEventAt);
        // Read after the leads' locks: a backfill that built the cube meanwhile has committed by now.
        boolean keepCube = cube.ready(generation);
        Map<String, List<Aggregates.Move>> moves = new HashMap<>();
        Map<String, List<Aggregates.Breach>> breaches = new HashMap<>();
        Map<String, Map<Aggregates.Cell, Aggregates.Delta>> before = new HashMap<>();
        if (keepCube) {
            moves.putAll(facts.moves(generation, leads.values().stream().filter(f -> f.stage != null)
                    .map(f -> f.leadId).toList()));
            breaches.putAll(facts.breaches(generation, leads.values().stream().filter(f -> f.slaBreaches > 0)
                    .map(f -> f.leadId).toList()));
            leads.forEach((id, lead) -> before.put(id, Aggregates.contribution(lead,
                    moves.computeIfAbsent(id, k -> new ArrayList<>()),
                    breaches.computeIfAbsent(id, k -> new ArrayList<>()))));
        }
        List<FactsRepository.History> history = new ArrayList<>();
        for (EventEnvelope event : todo) {
            LeadFacts lead = leads.get(event.leadId());
            for (FactsProjection.HistoryEntry entry : projection.apply(lead, event)) {
                history.add(new FactsRepository.History(lead.leadId, entry));
                if (entry instanceof FactsProjection.StageEntry m) {
                    moves.computeIfAbsent(lead.leadId, k -> new ArrayList<>()).add(new Aggregates.Move(m.toStage(), m.occurredAt()));
                } else if (entry instanceof FactsProjection.SlaBreachEntry b) {
                    breaches.computeIfAbsent(lead.leadId, k -> new ArrayList<>()).add(new Aggregates.Breach(b.ownerId(), b.source()));
                }
            }
        }
        facts.saveFacts(generation, leads.values());
        facts.saveHistory(generation, history);
        if (keepCube) {
            // Each lead's new contribution minus its old one: regrades, reassignments, outcomes, erasures and late
            // registrations all move the lead between cells here.
            Map<Aggregates.Cell, Aggregates.Delta> deltas = new HashMap<>();
            leads.forEach((id, lead) -> Aggregates.accumulate(deltas, Aggregates.difference(before.get(id),
                    Aggregates.contribution(lead, moves.get(id), breaches.get(id)))));
            deltas.values().removeIf(Aggregates.Delta::isZero);
            cube.add(generation, deltas);
        }
        return applied + todo.size();
    }
}
