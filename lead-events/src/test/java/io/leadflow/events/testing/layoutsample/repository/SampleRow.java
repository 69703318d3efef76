package io.leadflow.events.testing.layoutsample.repository;

/** A row, for ServiceLayoutTest: the edge must not see it. */
public record SampleRow(String id) {
}
