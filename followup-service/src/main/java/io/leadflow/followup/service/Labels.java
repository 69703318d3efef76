package io.leadflow.followup.service;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Locale;

/** Chinese or English labels for what people read, chosen by Accept-Language; times shown in the business zone. */
public record Labels(boolean chinese, ZoneId zone) {

    public static Labels of(String acceptLanguage, ZoneId zone) {
        return new Labels(acceptLanguage != null && acceptLanguage.trim().toLowerCase(Locale.ROOT).startsWith("zh"), zone);
    }

    public OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atZone(zone).toOffsetDateTime();
    }
}
