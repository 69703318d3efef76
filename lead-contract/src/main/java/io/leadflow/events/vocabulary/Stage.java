package io.leadflow.events.vocabulary;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Where a lead stands in the sales process, in funnel order. The codes travel in {@code LeadStageChanged}; what a
 * person reads is {@link Term#STAGE}'s label. {@code rank} is how far down the funnel a stage is: LOST and NURTURING
 * are exits, not steps, so they reach nothing further. WON and LOST are reached only through an outcome.
 */
public enum Stage {
    NEW(1),
    CONTACTED(2),
    NEEDS_CONFIRMED(3),
    PROPOSAL(4),
    NEGOTIATION(5),
    WON(6),
    LOST(0),
    NURTURING(0);

    private final int rank;

    Stage(int rank) {
        this.rank = rank;
    }

    public int rank() {
        return rank;
    }

    public boolean closed() {
        return this == WON || this == LOST;
    }

    /** The stages a lead passes on the way to a deal, in order. */
    public static List<Stage> funnel() {
        return Arrays.stream(values()).filter(s -> s.rank > 0).toList();
    }

    /** The stage of a code in any case; empty for anything else (words people type are the services' concern). */
    public static Optional<Stage> of(String code) {
        if (code == null) {
            return Optional.empty();
        }
        return Arrays.stream(values()).filter(s -> s.name().equalsIgnoreCase(code.trim())).findFirst();
    }

    public static int rankOf(String code) {
        return of(code).map(Stage::rank).orElse(0);
    }
}
