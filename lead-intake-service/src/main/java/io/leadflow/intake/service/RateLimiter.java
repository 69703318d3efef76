package io.leadflow.intake.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Fixed-window counters (per client address, per form) kept in PostgreSQL: one upsert per attempt, so every instance
 * counts the same window and a client gets the limit, not the limit times the number of instances. A key found over
 * its limit is remembered in memory until its window ends, so a flood is refused without a database round trip; that
 * memory holds only keys over their limit, at most {@value #MAX_BLOCKED}, and is emptied when full.
 */
@ApplicationScoped
public class RateLimiter {

    private static final int MAX_BLOCKED = 10_000;

    private final Clock clock;
    private final DataSource dataSource;
    private final Map<String, Instant> blockedUntil = new ConcurrentHashMap<>();

    public RateLimiter(Clock clock, DataSource dataSource) {
        this.clock = clock;
        this.dataSource = dataSource;
    }

    /** Counts one attempt under {@code key}; empty when within {@code limit}, otherwise how long to wait. */
    public Optional<Duration> attempt(String key, int limit, Duration window) {
        Instant now = clock.instant();
        Instant until = blockedUntil.get(key);
        if (until != null) {
            if (until.isAfter(now)) {
                return Optional.of(Duration.between(now, until));
            }
            blockedUntil.remove(key, until);
        }
        // Within the window: one more. Past it: this attempt opens a new window.
        String sql = """
                insert into rate_limit (key, window_start, count) values (?, ?, 1)
                on conflict (key) do update set
                    count = case when rate_limit.window_start > ? then rate_limit.count + 1 else 1 end,
                    window_start = case when rate_limit.window_start > ? then rate_limit.window_start
                                        else excluded.window_start end
                returning count, window_start""";
        Timestamp at = Timestamp.from(now);
        Timestamp windowOpenedAfter = Timestamp.from(now.minus(window));
        try (Connection c = dataSource.getConnection(); PreparedStatement upsert = c.prepareStatement(sql)) {
            upsert.setString(1, key);
            upsert.setTimestamp(2, at);
            upsert.setTimestamp(3, windowOpenedAfter);
            upsert.setTimestamp(4, windowOpenedAfter);
            try (ResultSet rs = upsert.executeQuery()) {
                rs.next();
                int count = rs.getInt(1);
                Instant end = rs.getTimestamp(2).toInstant().plus(window);
                if (count <= limit) {
                    return Optional.empty();
                }
                if (blockedUntil.size() >= MAX_BLOCKED) {
                    blockedUntil.clear();
                }
                blockedUntil.put(key, end);
                return Optional.of(Duration.between(now, end));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not count a rate-limited attempt", e);
        }
    }

    /** Whole seconds to announce in {@code Retry-After}: at least one. */
    public static long retryAfterSeconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }
}
