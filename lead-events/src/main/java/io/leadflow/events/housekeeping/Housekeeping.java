package io.leadflow.events.housekeeping;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import io.leadflow.events.config.EventsConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;

/**
 * Purges bookkeeping rows nobody needs any more: {@code processed_event} marks past their
 * {@link ProcessedEventRetention retention}, and every table a service declared as {@link ExpiringRows}. One
 * instance of a service purges at a time (a PostgreSQL advisory lock; the others skip the run), in short statements.
 */
@ApplicationScoped
public class Housekeeping {

    private static final Logger LOG = Logger.getLogger(Housekeeping.class);
    /** Names the purge's advisory lock; one per database, so one purge per service at a time. */
    static final long LOCK = 0x1EADF10F_4B45L;
    public static final String JOB = "leadflow-housekeeping";

    private final DataSource dataSource;
    private final Instance<ExpiringRows> declared;
    private final EventsConfig.Housekeeping config;
    private final Duration processedEventRetention;
    private final Clock clock;
    private final MeterRegistry registry;

    public Housekeeping(DataSource dataSource, @Any Instance<ExpiringRows> declared, EventsConfig config, Clock clock,
                        MeterRegistry registry) {
        this.dataSource = dataSource;
        this.declared = declared;
        this.config = config.housekeeping();
        this.clock = clock;
        this.registry = registry;
        Duration configured = this.config.processedEventRetention();
        this.processedEventRetention = ProcessedEventRetention.effective(configured, config.topics().retentionMs());
        if (!processedEventRetention.equals(configured)) {
            LOG.warnf("leadflow.events.housekeeping.processed-event-retention %s is shorter than an event can be "
                            + "delivered again (topic retention %d ms, at least %s); keeping processed events for %s",
                    configured, config.topics().retentionMs(), ProcessedEventRetention.MINIMUM, processedEventRetention);
        }
    }

    /** How long this service remembers applied events, after the floor was applied. */
    public Duration processedEventRetention() {
        return processedEventRetention;
    }

    /** What is purged: processed events first, then the service's declared tables. */
    public List<ExpiringRows> tables() {
        List<ExpiringRows> tables = new ArrayList<>();
        tables.add(new ExpiringRows("processed_event", "processed_at", processedEventRetention));
        declared.forEach(tables::add);
        return tables;
    }

    @Scheduled(identity = JOB, every = "${leadflow.events.housekeeping.interval:1h}",
            delayed = "${leadflow.events.housekeeping.initial-delay:2m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            run();
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("Housekeeping could not run (next run in %s): %s", config.interval(), e.toString());
        }
    }

    /**
     * One purge of every table. A table that cannot be purged (missing, no permission) is logged and skipped; the
     * others are purged all the same.
     *
     * @return rows deleted per table, or empty when another instance is purging right now
     */
    public Optional<Map<String, Long>> run() throws SQLException {
        Instant now = clock.instant();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            if (!tryLock(connection)) {
                LOG.debug("Housekeeping skipped: another instance is purging");
                return Optional.empty();
            }
            try {
                Map<String, Long> deleted = new LinkedHashMap<>();
                for (ExpiringRows rows : tables()) {
                    try {
                        long n = TablePurger.purge(connection, rows, now.minus(rows.keepFor()), config.batchSize(),
                                config.maxBatches());
                        deleted.put(rows.table(), n);
                        registry.counter("leadflow.housekeeping.purged", "table", rows.table()).increment(n);
                        if (n > 0) {
                            LOG.infof("Purged %d rows of %s older than %s", n, rows.table(), rows.keepFor());
                        }
                    } catch (SQLException e) {
                        LOG.warnf("Could not purge %s: %s", rows.table(), e.getMessage());
                    }
                }
                return Optional.of(deleted);
            } finally {
                unlock(connection);
            }
        }
    }

    private static boolean tryLock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
            lock.setLong(1, LOCK);
            try (ResultSet rs = lock.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** A session lock outlives the statements, so it is given back before the connection returns to the pool. */
    private static void unlock(Connection connection) throws SQLException {
        try (PreparedStatement unlock = connection.prepareStatement("select pg_advisory_unlock(?)")) {
            unlock.setLong(1, LOCK);
            unlock.execute();
        }
    }
}
