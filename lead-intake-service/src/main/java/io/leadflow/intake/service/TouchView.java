package io.leadflow.intake.service;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

import io.leadflow.events.contract.Utm;
import io.leadflow.events.vocabulary.Coded;
import io.leadflow.events.vocabulary.Term;

/**
 * A submission that reached a lead; {@code submitted} is what was sent (null once the lead, or the lead it came in
 * on, is erased). {@code mergedFrom} names the lead it came in on when staff merged that lead into this one.
 */
public record TouchView(String id, String kind, String matchedOn, @Coded(Term.CHANNEL) String channel,
                        @Coded(Term.SOURCE) String source, String sourceDetail, Utm utm, Instant submittedAt,
                        JsonNode submitted, String mergedFrom) {
}
