package io.leadflow.analytics.domain;

/** A recommended action: a stable {@code code} for tools, and the sentence for people. */
public record Suggestion(String code, String text) {
}
