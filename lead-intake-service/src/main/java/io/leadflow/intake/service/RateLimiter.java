package io.leadflow.intake.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadflow.intake.config.IntakeConfig;

/**
 * A fixed-window counter per (form, client address). In memory, so each instance counts its own share; behind a
 * load balancer with N instances a client gets at most N times the limit, which still stops a flood.
 */
@ApplicationScoped
public class RateLimiter {

    private record Window(Instant start, int count) {
    }

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int limit;
    private final Duration window;

    public RateLimiter(Clock clock, IntakeConfig config) {
        this.clock = clock;
        this.limit = config.forms().rateLimit();
        this.window = config.forms().rateWindow();
    }

    /** Counts one attempt; empty when allowed, otherwise how long to wait. */
    public java.util.Optional<Duration> attempt(String key) {
        Instant now = clock.instant();
        if (windows.size() > 50_000) {
            windows.values().removeIf(w -> w.start().plus(window).isBefore(now));
        }
        Window w = windows.compute(key, (k, old) -> old == null || !old.start().plus(window).isAfter(now)
                ? new Window(now, 1) : new Window(old.start(), old.count() + 1));
        if (w.count() <= limit) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(Duration.between(now, w.start().plus(window)));
    }
}
