package io.leadflow.routing.domain;

import java.time.LocalDate;

/**
 * Whether a rep takes new leads. {@code awayUntil} is the last day away (inclusive): a rep away until 2024-03-20
 * takes leads again on 2024-03-21, without anyone having to flip a switch. AWAY without a date means until
 * someone sets the rep back to AVAILABLE.
 */
public record Availability(Status status, LocalDate awayUntil) {

    public enum Status { AVAILABLE, AWAY }

    public static Availability available() {
        return new Availability(Status.AVAILABLE, null);
    }

    public boolean isAvailableOn(LocalDate businessDay) {
        if (status == Status.AVAILABLE) {
            return true;
        }
        return awayUntil != null && businessDay.isAfter(awayUntil);
    }

    public String describe() {
        return status == Status.AVAILABLE ? "available" : awayUntil == null ? "away" : "away until " + awayUntil;
    }
}
