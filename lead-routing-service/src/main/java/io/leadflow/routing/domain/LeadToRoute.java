package io.leadflow.routing.domain;

/** What the router matches rules on. */
public record LeadToRoute(String leadId, String grade, String industry, String region, String source) {
}
