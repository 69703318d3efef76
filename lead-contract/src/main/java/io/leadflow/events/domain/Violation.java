package io.leadflow.events.domain;

/** One thing wrong with what a person sent: the field they would fix, and a sentence they can act on. */
public record Violation(String field, String message) {
}
