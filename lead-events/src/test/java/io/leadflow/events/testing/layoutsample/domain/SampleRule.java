package io.leadflow.events.testing.layoutsample.domain;

/** For ServiceLayoutTest: a pure rule. */
public final class SampleRule {

    private SampleRule() {
    }

    public static boolean holds(String value) {
        return value != null;
    }
}
