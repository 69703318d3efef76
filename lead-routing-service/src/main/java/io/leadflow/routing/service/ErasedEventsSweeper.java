package io.leadflow.routing.service;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.jboss.logging.Logger;

import io.leadflow.events.contract.EventEnvelope;
import io.leadflow.events.contract.EventJson;
import io.leadflow.events.contract.LeadEvent;
import io.leadflow.events.tx.AfterCommit;
import io.leadflow.routing.config.RoutingConfig;
import io.leadflow.routing.domain.Router;
import io.leadflow.routing.repository.LeadRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Erasure of this service's own events. At erasure the lead's published outbox rows are deleted in the erasing
 * transaction and the rows still waiting are scrubbed of every word a person typed ({@link #scrub}); once the relay
 * has published those, this sweep deletes them too. The sweep runs shortly after each erasure and on a timer, so
 * an erasure on another instance is covered as well.
 */
@ApplicationScoped
public class ErasedEventsSweeper {

    private static final Logger LOG = Logger.getLogger(ErasedEventsSweeper.class);
    private static final Object SIGNALLED = new Object();
    static final String ERASED = "[erased]";

    private final TransactionSynchronizationRegistry registry;
    private final LeadRepository leads;
    private final RoutingConfig config;
    private final Clock clock;
    private ScheduledExecutorService executor;

    public ErasedEventsSweeper(TransactionSynchronizationRegistry registry, LeadRepository leads, RoutingConfig config,
                               Clock clock) {
        this.registry = registry;
        this.leads = leads;
        this.config = config;
        this.clock = clock;
    }

    void start(@Observes StartupEvent ignored) {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "erased-events-sweep");
            t.setDaemon(true);
            return t;
        });
        long every = config.erasedEventsSweepInterval().toMillis();
        executor.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent ignored) {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    /** Sweep soon after the erasing transaction commits (the relay publishes waiting rows within moments). */
    public void afterCommit() {
        AfterCommit.once(registry, SIGNALLED, () -> {
            if (executor != null && !executor.isShutdown()) {
                executor.schedule(this::sweep, 1, TimeUnit.SECONDS);
            }
        });
    }

    /** Deletes the published outbox rows of every lead erased within the sweep window. */
    public int sweep() {
        try {
            int removed = QuarkusTransaction.requiringNew().call(() ->
                    leads.deletePublishedEventsOfErasedLeads(clock.instant().minus(config.erasedEventsSweepWindow())));
            if (removed > 0) {
                LOG.debugf("Deleted %d published events of erased leads", removed);
            }
            return removed;
        } catch (RuntimeException e) {
            LOG.warnf("Sweeping published events of erased leads failed (will retry): %s", e.toString());
            return 0;
        }
    }

    /**
     * Within the erasing transaction: rewrites the lead's outbox rows the relay has not published yet so that they
     * carry no reason, explanation or why a person typed or that quotes the customer; a row the relay is sending
     * at this moment is skipped and deleted by the sweep once published.
     */
    public void scrubUnpublished(String leadId) {
        List<LeadRepository.WaitingEvent> waiting = leads.lockUnpublishedEvents(leadId);
        for (LeadRepository.WaitingEvent row : waiting) {
            EventEnvelope event = EventJson.decode(row.envelope());
            LeadEvent scrubbed = scrub(event.payload());
            if (scrubbed != event.payload()) {
                leads.replaceUnpublishedEnvelope(row.seq(), EventJson.encode(new EventEnvelope(event.eventId(),
                        event.eventType(), event.schemaVersion(), event.leadId(), event.occurredAt(), event.producer(),
                        scrubbed)));
            }
        }
    }

    /** The event without words: grades, owners, codes and numbers stay. Returns the same instance when clean. */
    static LeadEvent scrub(LeadEvent payload) {
        if (payload instanceof LeadEvent.LeadGraded g) {
            return new LeadEvent.LeadGraded(g.grade(), g.score(), List.of(), g.gradingPolicyVersion(), g.given(),
                    g.previousGrade(), g.regradeReason() == null ? null : ERASED);
        }
        if (payload instanceof LeadEvent.LeadReassigned r) {
            return new LeadEvent.LeadReassigned(r.previousOwnerId(), r.ownerId(), r.ownerName(), r.grade(),
                    r.reason() == null ? null : ERASED, r.reassignedBy());
        }
        if (payload instanceof LeadEvent.LeadAssigned a && Router.MANUAL_RULE.equals(a.ruleId())) {
            return new LeadEvent.LeadAssigned(a.ownerId(), a.ownerName(), a.seniority(), a.grade(), a.source(),
                    a.ruleId(), a.strategy(), ERASED, a.registeredAt());
        }
        return payload;
    }
}
