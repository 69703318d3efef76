package io.leadflow.followup.service;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.leadflow.followup.config.FollowupConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Looks for passed first-response deadlines on a fixed delay. Every instance may run it: the scan locks due rows
 * with SKIP LOCKED, so two instances never report the same lead.
 */
@ApplicationScoped
public class SlaScanner {

    private static final Logger LOG = Logger.getLogger(SlaScanner.class);

    private final SlaService sla;
    private final FollowupConfig config;
    private ScheduledExecutorService executor;

    public SlaScanner(SlaService sla, FollowupConfig config) {
        this.sla = sla;
        this.config = config;
    }

    void start(@Observes StartupEvent ignored) {
        if (!config.sla().scanEnabled()) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sla-breach-scan");
            t.setDaemon(true);
            return t;
        });
        long period = config.sla().scanInterval().toMillis();
        executor.scheduleWithFixedDelay(this::scan, period, period, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent ignored) {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    /** One scan: batches until fewer than a batch were due. Public so that tests drive it instead of the timer. */
    public void scan() {
        try {
            int batch = config.sla().batchSize();
            int reported;
            do {
                reported = sla.detectBreaches(batch);
                if (reported > 0) {
                    LOG.infof("Reported %d first-response SLA breaches", reported);
                }
            } while (reported == batch);
        } catch (RuntimeException e) {
            // The next run retries; a database hiccup must not kill the schedule.
            LOG.warnf("SLA breach scan failed: %s", e.toString());
        }
    }
}
