package io.leadflow.events.contract;

/** A machine-readable code (e.g. {@code CONTACT_INCOMPLETE}) with a sentence a person can act on. */
public record Reason(String code, String message) {
}
