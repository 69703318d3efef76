package io.leadflow.routing.service;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.jboss.logging.Logger;

import io.leadflow.events.tx.AfterCommit;
import io.leadflow.routing.config.RoutingConfig;
import io.leadflow.routing.repository.LeadRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Assigns leads waiting in the unassigned queue as soon as a rep may have become free: after a commit that added a
 * rep, brought one back, raised a capacity or closed a lead, and on a timer (away-until dates passing, other
 * instances' changes). One drain at a time per instance; each lead in its own transaction, skipping leads another
 * instance is draining.
 */
@ApplicationScoped
public class QueueDrainer {

    private static final Logger LOG = Logger.getLogger(QueueDrainer.class);
    private static final Object SIGNALLED = new Object();

    private final TransactionSynchronizationRegistry registry;
    private final LeadRepository leads;
    private final Instance<AssignmentService> assignments;
    private final RoutingConfig config;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final java.util.concurrent.atomic.AtomicLong waiting = new java.util.concurrent.atomic.AtomicLong();
    private ScheduledExecutorService executor;

    public QueueDrainer(TransactionSynchronizationRegistry registry, LeadRepository leads,
                        Instance<AssignmentService> assignments, RoutingConfig config,
                        io.micrometer.core.instrument.MeterRegistry meters) {
        // Leads no rep fits, as of the last drain round: an alert when it grows means the roster is short.
        meters.gauge("leadflow.routing.unassigned.leads", waiting);
        this.registry = registry;
        this.leads = leads;
        this.assignments = assignments;
        this.config = config;
    }

    void start(@Observes StartupEvent ignored) {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "unassigned-queue");
            t.setDaemon(true);
            return t;
        });
        long every = config.queueRetryInterval().toMillis();
        executor.scheduleWithFixedDelay(this::requestDrain, every, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent ignored) {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    /** Drain once the current transaction commits (a rep may be free now). */
    public void afterCommit() {
        AfterCommit.once(registry, SIGNALLED, this::requestDrain);
    }

    public void requestDrain() {
        if (executor != null && !executor.isShutdown() && pending.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
    }

    /** The whole queue, oldest first, in keyset batches so old leads nobody fits never starve newer ones. */
    private void drain() {
        pending.set(false);
        try {
            int assigned = 0;
            int seen = 0;
            java.time.Instant afterAt = java.time.Instant.EPOCH;
            String afterId = "";
            while (true) {
                java.time.Instant at = afterAt;
                String id0 = afterId;
                List<LeadRepository.Queued> batch = QuarkusTransaction.requiringNew()
                        .call(() -> leads.queuedAfter(at, id0, config.queueDrainBatch()));
                if (batch.isEmpty()) {
                    break;
                }
                for (LeadRepository.Queued queued : batch) {
                    seen++;
                    try {
                        if (QuarkusTransaction.requiringNew().call(() -> assignments.get().assignFromQueue(queued.leadId()))) {
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
            LOG.warnf("Unassigned queue drain failed (will retry): %s", e.toString());
        }
    }
}
