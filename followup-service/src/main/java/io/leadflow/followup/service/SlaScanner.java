package io.leadflow.followup.service;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.leadflow.followup.config.FollowupConfig;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;

/**
 * Looks for passed first-response deadlines every {@code leadflow.followup.sla.scan-interval}. Every instance may run
 * it: the scan locks due rows with SKIP LOCKED, so two instances never report the same lead.
 */
@ApplicationScoped
public class SlaScanner {

    private static final Logger LOG = Logger.getLogger(SlaScanner.class);

    private final SlaService sla;
    private final FollowupConfig config;

    public SlaScanner(SlaService sla, FollowupConfig config) {
        this.sla = sla;
        this.config = config;
    }

    @Scheduled(identity = "followup-sla-scan", every = "${leadflow.followup.sla.scan-interval}",
            delayed = "${leadflow.followup.sla.scan-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = ScanDisabled.class)
    void scheduled() {
        scan();
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

    /** Off on instances that should not scan ({@code leadflow.followup.sla.scan-enabled}). */
    @ApplicationScoped
    public static class ScanDisabled implements Scheduled.SkipPredicate {

        private final FollowupConfig config;

        public ScanDisabled(FollowupConfig config) {
            this.config = config;
        }

        @Override
        public boolean test(ScheduledExecution execution) {
            return !config.sla().scanEnabled();
        }
    }
}
