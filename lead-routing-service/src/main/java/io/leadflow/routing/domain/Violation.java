package io.leadflow.routing.domain;

/** One thing wrong with a policy or a request, named by the field a person would fix. */
public record Violation(String field, String message) {
}
