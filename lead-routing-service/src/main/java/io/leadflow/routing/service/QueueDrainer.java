package io.leadflow.routing.service;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import org.jboss.logging.Logger;

import io.leadflow.routing.config.RoutingConfig;
import io.leadflow.routing.repository.LeadRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Assigns leads waiting in the unassigned queue as soon as a rep may have become free: within a second of a commit
 * that fired {@link RepMayBeFree}, and every {@code leadflow.routing.queue-retry-interval} (away-until dates passing,
 * other instances' changes). One drain at a time per instance; each lead in its own transaction, skipping leads
 * another instance is draining.
 */
@ApplicationScoped
public class QueueDrainer {

    private static final Logger LOG = Logger.getLogger(QueueDrainer.class);

    private final LeadRepository leads;
    private final AssignmentService assignments;
    private final RoutingConfig config;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final AtomicLong waiting = new AtomicLong();

    public QueueDrainer(LeadRepository leads, AssignmentService assignments, RoutingConfig config,
                        MeterRegistry meters) {
        // Leads no rep fits, as of the last drain round: an alert when it grows means the roster is short.
        meters.gauge("leadflow.routing.unassigned.leads", waiting);
        this.leads = leads;
        this.assignments = assignments;
        this.config = config;
    }

    /** A committed change may have given a rep room: drain at the next check. */
    void repMayBeFree(@Observes(during = TransactionPhase.AFTER_SUCCESS) RepMayBeFree signal) {
        pending.set(true);
    }

    @Scheduled(identity = "routing-queue-retry", every = "${leadflow.routing.queue-retry-interval}",
            delayed = "${leadflow.routing.queue-retry-interval}")
    void retry() {
        pending.set(true);
    }

    /** Drains when asked to; the check costs nothing when nobody asked. */
    @Scheduled(identity = "routing-queue-drain", every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void drainWhenAsked() {
        if (pending.getAndSet(false)) {
            drain();
        }
    }

    /** The whole queue, oldest first, in keyset batches so old leads nobody fits never starve newer ones. */
    void drain() {
        try {
            int assigned = 0;
            int seen = 0;
            Instant afterAt = Instant.EPOCH;
            String afterId = "";
            while (true) {
                Instant at = afterAt;
                String id = afterId;
                List<LeadRepository.Queued> batch = QuarkusTransaction.requiringNew()
                        .call(() -> leads.queuedAfter(at, id, config.queueDrainBatch()));
                if (batch.isEmpty()) {
                    break;
                }
                for (LeadRepository.Queued queued : batch) {
                    seen++;
                    try {
                        if (QuarkusTransaction.requiringNew().call(() -> assignments.assignFromQueue(queued.leadId()))) {
                            assigned++;
                        }
                    } catch (RuntimeException e) {
                        LOG.warnf("Could not assign queued lead %s (will retry): %s", queued.leadId(), e.toString());
                    }
                }
                LeadRepository.Queued last = batch.get(batch.size() - 1);
                afterAt = last.queuedAt();
                afterId = last.leadId();
            }
            waiting.set(seen - assigned);
            if (assigned > 0) {
                LOG.infof("Assigned %d of %d queued leads", assigned, seen);
            }
        } catch (RuntimeException e) {
            pending.set(true); // the next check tries again
            LOG.warnf("Unassigned queue drain failed (will retry): %s", e.toString());
        }
    }
}
