package io.leadflow.routing.domain;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** How a rule picks one rep among the eligible reps of its pool. */
public enum Strategy {
    /**
     * The rep who waited longest since their last lead. Fair to a rep added later (they take one turn and join the
     * rotation instead of being flooded to catch up) and a removed rep does not reset the others.
     */
    ROUND_ROBIN {
        @Override
        public Optional<Candidate> pick(List<Candidate> eligible) {
            return eligible.stream().min(Comparator.comparingLong(Candidate::lastTurn).thenComparing(Candidate::repId));
        }
    },
    /** The rep with the lowest share of their capacity in use; ties go to the rep who waited longest. */
    LEAST_LOADED {
        @Override
        public Optional<Candidate> pick(List<Candidate> eligible) {
            return eligible.stream().min(Comparator.comparingDouble(Candidate::load)
                    .thenComparingInt(Candidate::openLeads)
                    .thenComparingLong(Candidate::lastTurn)
                    .thenComparing(Candidate::repId));
        }
    };

    public abstract Optional<Candidate> pick(List<Candidate> eligible);
}
