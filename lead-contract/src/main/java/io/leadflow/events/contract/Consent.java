package io.leadflow.events.contract;

import java.time.Instant;

/** Consent to be contacted, with when and the words the person agreed to. */
public record Consent(boolean granted, Instant at, String text) {
}
