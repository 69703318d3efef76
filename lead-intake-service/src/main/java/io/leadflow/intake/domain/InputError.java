package io.leadflow.intake.domain;

/** A field a person has to fix, and what would be accepted. */
public record InputError(String field, String message) {
}
