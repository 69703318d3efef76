package io.leadflow.followup.service;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;

import io.leadflow.events.vocabulary.Language;
import io.leadflow.events.vocabulary.Term;

/**
 * How a view reads for one reader: the suite's words in the language the request negotiated (lead-events'
 * {@code LanguageParams}: Chinese unless English is asked for), times in the business zone.
 */
public record Labels(Language language, ZoneId zone) {

    public String word(Term term, String code) {
        return term.label(code, language);
    }

    public OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atZone(zone).toOffsetDateTime();
    }
}
