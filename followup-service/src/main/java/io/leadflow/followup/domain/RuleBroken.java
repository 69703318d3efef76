package io.leadflow.followup.domain;

/** A request that is well-formed but not allowed in the lead's current state (an illegal stage jump, a closed lead). */
public class RuleBroken extends RuntimeException {

    public RuleBroken(String message) {
        super(message);
    }
}
