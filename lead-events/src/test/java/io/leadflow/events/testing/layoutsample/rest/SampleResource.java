package io.leadflow.events.testing.layoutsample.rest;

import io.leadflow.events.testing.layoutsample.repository.SampleRow;

/** For ServiceLayoutTest: a resource that reads a row itself, which the layout refuses. */
public class SampleResource {

    public String get(SampleRow row) {
        return row.id();
    }
}
