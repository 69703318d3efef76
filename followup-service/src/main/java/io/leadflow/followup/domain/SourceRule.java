package io.leadflow.followup.domain;

import java.time.Duration;

/** A source that tightens the first response whatever the grade, e.g. WEBSITE_FORM within 24 h (Table 3). */
public record SourceRule(String source, Duration firstResponse) {
}
