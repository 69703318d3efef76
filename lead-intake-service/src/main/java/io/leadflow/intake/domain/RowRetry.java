package io.leadflow.intake.domain;

import java.time.Duration;

/**
 * How often an import tries a row again when the database turned it away for a passing reason (a serialization
 * failure, a deadlock, a lost connection): up to {@code attempts} tries in all, waiting {@code firstDelay} after the
 * first failure and twice as long after each next one, never more than {@code maxDelay}. Past the last try the
 * import stops rather than skip the row.
 */
public record RowRetry(int attempts, Duration firstDelay, Duration maxDelay) {

    public RowRetry {
        if (attempts < 1) {
            throw new IllegalArgumentException("a row is tried at least once");
        }
        if (firstDelay.isNegative() || maxDelay.compareTo(firstDelay) < 0) {
            throw new IllegalArgumentException("delays must be 0 <= first <= max");
        }
    }

    /** Whether a row that failed {@code failedAttempts} times may be tried once more. */
    public boolean mayTryAgain(int failedAttempts) {
        return failedAttempts < attempts;
    }

    /** The wait before the next try, after {@code failedAttempts} (1, 2, ...) failures. */
    public Duration delayAfter(int failedAttempts) {
        Duration delay = firstDelay;
        for (int i = 1; i < failedAttempts && delay.compareTo(maxDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
}
