package io.leadflow.events.domain;

/** The acting user may not do this (e.g. log a follow-up on someone else's lead): a 403. */
public class NotPermitted extends RuntimeException {

    public NotPermitted(String message) {
        super(message);
    }
}
