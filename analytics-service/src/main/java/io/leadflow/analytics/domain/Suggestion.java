package io.leadflow.analytics.domain;

/** A recommended action: a stable {@code code} for tools, and what to say to people, worded at the edge. */
public record Suggestion(String code, Wording wording) {
}
