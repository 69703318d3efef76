package io.leadflow.followup.domain;

/** One thing wrong with what a person sent: the field it concerns and a sentence they can act on. */
public record Violation(String field, String message) {
}
