package io.leadflow.intake.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Fixed-window counters (per client address, per form). In memory, so each instance counts its own share; behind a
 * load balancer with N instances a client gets at most N times the limit, which still stops a flood.
 */
@ApplicationScoped
public class RateLimiter {

    private record Window(Instant start, Duration length, int count) {
        boolean over(Instant now) {
            return !start.plus(length).isAfter(now);
        }
    }

    private static final int MAX_KEYS = 50_000;

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final Clock clock;

    public RateLimiter(Clock clock) {
        this.clock = clock;
    }

    /** Counts one attempt under {@code key}; empty when within {@code limit}, otherwise how long to wait. */
    public Optional<Duration> attempt(String key, int limit, Duration window) {
        Instant now = clock.instant();
        if (windows.size() > MAX_KEYS) {
            windows.values().removeIf(w -> w.over(now));
        }
        Window w = windows.compute(key, (k, old) -> old == null || old.over(now)
                ? new Window(now, window, 1) : new Window(old.start(), old.length(), old.count() + 1));
        if (w.count() <= limit) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, w.start().plus(w.length())));
    }

    /** Whole seconds to announce in {@code Retry-After}: at least one. */
    public static long retryAfterSeconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }
}
