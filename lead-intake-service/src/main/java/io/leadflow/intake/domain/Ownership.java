package io.leadflow.intake.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * Who owns a lead, as routing announces it. Routing's events of one lead arrive in order, but a replay or a
 * redelivery after a rebalance can bring an older announcement again: it must not take the lead back.
 */
public final class Ownership {

    private Ownership() {
    }

    /** True when an announcement made at {@code announcedAt} changes the owner recorded since {@code since}. */
    public static boolean changes(String currentOwner, Instant since, String announcedOwner, Instant announcedAt) {
        if (announcedOwner == null || announcedOwner.isBlank()) {
            return false;
        }
        if (since != null && announcedAt.isBefore(since)) {
            return false;
        }
        return !Objects.equals(currentOwner, announcedOwner);
    }
}
