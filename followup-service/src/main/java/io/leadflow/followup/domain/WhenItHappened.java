package io.leadflow.followup.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * When something a person records happened, as they write it: an ISO date-time with offset, a local date-time in the
 * business zone, or a date. A date is today's "now", and a past day's end of work: what a sheet's 2024-03-02 means
 * is "by the end of that day", and measuring from it never makes a response look faster than it was.
 */
public final class WhenItHappened {

    private WhenItHappened() {
    }

    public static Optional<Instant> parse(String text, WorkingCalendar calendar, Instant now) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String t = text.trim();
        try {
            return Optional.of(OffsetDateTime.parse(t).toInstant());
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return Optional.of(LocalDateTime.parse(t).atZone(calendar.zone()).toInstant());
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return Optional.of(onDay(LocalDate.parse(t), calendar, now));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** A day as a moment: now when it is today, else the end of that day's work. */
    public static Instant onDay(LocalDate day, WorkingCalendar calendar, Instant now) {
        return day.equals(now.atZone(calendar.zone()).toLocalDate()) ? now : calendar.endOfDay(day);
    }

    public static final String FORMS = "an ISO date-time with offset (2024-03-02T10:00:00+08:00) or a date (2024-03-02)";
}
