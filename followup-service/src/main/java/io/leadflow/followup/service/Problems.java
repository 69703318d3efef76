package io.leadflow.followup.service;

import io.leadflow.events.rest.Problem;
import io.leadflow.events.rest.ProblemException;

final class Problems {

    private Problems() {
    }

    static ProblemException unknownLead(String leadId) {
        return new ProblemException(Problem.of("not-found", 404, "Not Found", "Lead " + leadId
                + " is not known to follow-up: check the id, or wait until routing has assigned it."));
    }
}
