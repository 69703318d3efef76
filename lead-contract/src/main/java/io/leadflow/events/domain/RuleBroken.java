package io.leadflow.events.domain;

/** A well-formed request the record's current state does not allow (an illegal stage jump, a closed lead). */
public class RuleBroken extends Refusal {

    public RuleBroken(String message) {
        this("conflict", message);
    }

    /** @param code what rule, when a client should tell it apart (e.g. {@code duplicate}) */
    public RuleBroken(String code, String message) {
        super(Kind.CONFLICT, code, message);
    }
}
