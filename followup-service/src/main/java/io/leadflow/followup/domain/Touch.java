package io.leadflow.followup.domain;

import java.time.Period;

/** One recurring touch of a cadence, e.g. a weekly phone/email touch or a monthly webinar invitation. */
public record Touch(String kind, FollowUpMethod method, Period every, String label) {
}
