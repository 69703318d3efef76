package io.leadflow.events.contract;

import java.util.List;

/** One topic per producing service; the record key is always the lead id so a lead's events stay in order. */
public final class Topics {
    public static final String INTAKE = "leadflow.intake.v1";
    public static final String ROUTING = "leadflow.routing.v1";
    public static final String FOLLOWUP = "leadflow.followup.v1";
    public static final List<String> ALL = List.of(INTAKE, ROUTING, FOLLOWUP);
    public static final String DLQ_SUFFIX = ".dlq";

    private Topics() {
    }

    public static String deadLetterOf(String topic) {
        return topic + DLQ_SUFFIX;
    }
}
