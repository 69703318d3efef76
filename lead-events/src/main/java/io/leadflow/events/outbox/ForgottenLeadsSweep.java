package io.leadflow.events.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.leadflow.events.config.EventsConfig;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;

/**
 * The rest of {@link OutboxWriter#forget}: a row the relay was sending while the lead was erased is published after
 * the erasing transaction looked, and after the relay's own check (which could not see the erasure yet). This sweep
 * deletes the published rows of the leads forgotten within the relay's retention, so such a row is gone within one
 * interval of its publication; the relay deletes every later one itself.
 */
@ApplicationScoped
public class ForgottenLeadsSweep {

    private static final Logger LOG = Logger.getLogger(ForgottenLeadsSweep.class);

    private final DataSource dataSource;
    private final EventsConfig config;
    private final Clock clock;

    public ForgottenLeadsSweep(DataSource dataSource, EventsConfig config, Clock clock) {
        this.dataSource = dataSource;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(identity = "leadflow-forgotten-leads", every = "${leadflow.events.relay.forgotten-sweep-interval:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = RelayDisabled.class)
    void scheduled() {
        try {
            sweep();
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("Deleting published events of erased leads failed (next run in one interval): %s", e.toString());
        }
    }

    /** @return how many published rows of forgotten leads were deleted */
    public int sweep() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement("""
                     delete from outbox_event o using outbox_forgotten_lead f
                     where o.lead_id = f.lead_id and o.published_at is not null and f.forgotten_at > ?""")) {
            delete.setTimestamp(1, Timestamp.from(clock.instant().minus(config.relay().retention())));
            int deleted = delete.executeUpdate();
            if (deleted > 0) {
                LOG.debugf("Deleted %d published events of erased leads", deleted);
            }
            return deleted;
        }
    }

    /** A service without a relay has no outbox to sweep. */
    @ApplicationScoped
    public static class RelayDisabled implements Scheduled.SkipPredicate {

        private final EventsConfig config;

        public RelayDisabled(EventsConfig config) {
            this.config = config;
        }

        @Override
        public boolean test(ScheduledExecution execution) {
            return !config.relay().enabled();
        }
    }
}
