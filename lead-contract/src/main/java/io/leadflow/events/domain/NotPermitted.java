package io.leadflow.events.domain;

/** The acting user may not do this (e.g. log a follow-up on someone else's lead). */
public class NotPermitted extends Refusal {

    public NotPermitted(String message) {
        super(Kind.FORBIDDEN, "forbidden", message);
    }
}
