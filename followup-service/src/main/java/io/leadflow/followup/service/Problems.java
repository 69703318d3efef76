package io.leadflow.followup.service;

import io.leadflow.events.domain.NotFound;

final class Problems {

    private Problems() {
    }

    static NotFound unknownLead(String leadId) {
        return new NotFound("Lead " + leadId
                + " is not known to follow-up: check the id, or wait until routing has assigned it.");
    }
}
