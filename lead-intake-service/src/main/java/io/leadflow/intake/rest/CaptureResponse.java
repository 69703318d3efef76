package io.leadflow.intake.rest;

import java.util.List;

import io.leadflow.events.contract.Reason;
import io.leadflow.intake.service.LeadView;

/**
 * The answer to a capture: the lead id and its verdict. {@code outcome} is CREATED, DUPLICATE (linked to the existing
 * lead as another touch; {@code matchedOn} says how it was found) or ALREADY_IMPORTED.
 */
public record CaptureResponse(String leadId, String outcome, String status, Integer screeningPolicyVersion,
                              List<Reason> reasons, String matchedOn, String touchId, LeadView lead) {
}
