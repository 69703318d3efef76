package io.leadflow.events.contract;

import java.util.List;

/**
 * One topic per producing service, where the record key is the lead id so a lead's events stay in order; and one for
 * the versions of the rule policies, which every service that owns a policy writes, keyed by the policy.
 */
public final class Topics {
    public static final String INTAKE = "leadflow.intake.v1";
    public static final String ROUTING = "leadflow.routing.v1";
    public static final String FOLLOWUP = "leadflow.followup.v1";
    public static final String POLICIES = "leadflow.policies.v1";
    public static final List<String> ALL = List.of(INTAKE, ROUTING, FOLLOWUP, POLICIES);
    public static final String DLQ_SUFFIX = ".dlq";
    /**
     * The keys personal fields are sealed with ({@link SealedPayload}), keyed by key id; compacted, and a key destroyed
     * on erasure is a tombstone, so the topic keeps only the keys of leads that still exist. Not an event topic: its
     * values are key records, not envelopes, and it has no dead-letter topic.
     */
    public static final String KEYS = "leadflow.keys.v1";

    private Topics() {
    }

    public static String deadLetterOf(String topic) {
        return topic + DLQ_SUFFIX;
    }
}
