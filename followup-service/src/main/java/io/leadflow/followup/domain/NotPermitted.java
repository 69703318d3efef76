package io.leadflow.followup.domain;

/** The acting user may not do this (e.g. log a follow-up on someone else's lead). */
public class NotPermitted extends RuntimeException {

    public NotPermitted(String message) {
        super(message);
    }
}
