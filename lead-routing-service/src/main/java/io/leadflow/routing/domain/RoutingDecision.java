package io.leadflow.routing.domain;

/** What the router decided for one lead: an owner with the rule and why, or the queue with why not. */
public sealed interface RoutingDecision {

    String why();

    record Assigned(Candidate owner, String ruleId, Strategy strategy, String why) implements RoutingDecision {
    }

    record Unassigned(String why) implements RoutingDecision {
    }
}
