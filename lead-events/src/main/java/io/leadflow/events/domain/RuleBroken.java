package io.leadflow.events.domain;

/** A well-formed request the record's current state does not allow (an illegal stage jump, a closed lead): a 409. */
public class RuleBroken extends RuntimeException {

    public RuleBroken(String message) {
        super(message);
    }
}
