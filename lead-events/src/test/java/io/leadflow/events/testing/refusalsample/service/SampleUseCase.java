package io.leadflow.events.testing.refusalsample.service;

import io.leadflow.events.rest.ProblemException;

/** A use case that answers in HTTP's terms: what the layout check refuses. */
public class SampleUseCase {

    public void close(String leadId) {
        throw ProblemException.conflict("Lead " + leadId + " is closed");
    }
}
