package io.leadflow.events.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;

import io.leadflow.events.domain.Text;

/**
 * Dates in query parameters ({@code from}, {@code to}, {@code day}), read one way in every service: a day as
 * {@code yyyy-MM-dd} in the business zone, or where a moment is meant also a date-time with its offset; a year from
 * 1900 to 9999 (a sales history has no other, and a date beyond that cannot become a time the database stores).
 * Anything else is a 400 naming the parameter, in the same words everywhere.
 */
public final class QueryDates {

    static final LocalDate FIRST = LocalDate.of(1900, 1, 1);
    static final LocalDate LAST = LocalDate.of(9999, 12, 31);

    private QueryDates() {
    }

    /** The day a parameter names; null when it is absent or blank. */
    public static LocalDate day(String name, String value) {
        String text = Text.orNull(value);
        if (text == null) {
            return null;
        }
        try {
            return within(name, value, LocalDate.parse(text));
        } catch (DateTimeParseException e) {
            throw refused(name, value, "a date such as 2024-03-01");
        }
    }

    /** Where a range starts: the start of the day in {@code zone}, or the date-time given; null when absent. */
    public static Instant from(String name, String value, ZoneId zone) {
        return moment(name, value, zone, false);
    }

    /** Where a range ends, exclusive: the start of the day after the day given, or the date-time given. */
    public static Instant to(String name, String value, ZoneId zone) {
        return moment(name, value, zone, true);
    }

    private static Instant moment(String name, String value, ZoneId zone, boolean endOfDay) {
        String text = Text.orNull(value);
        if (text == null) {
            return null;
        }
        String expected = "a date such as 2024-03-01 or a date-time with offset such as 2024-03-01T09:00:00+08:00";
        try {
            if (!text.contains("T")) {
                LocalDate day = within(name, value, LocalDate.parse(text));
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(zone).toInstant();
            }
            OffsetDateTime at = OffsetDateTime.parse(text);
            within(name, value, at.toLocalDate());
            return at.toInstant();
        } catch (DateTimeParseException e) {
            throw refused(name, value, expected);
        }
    }

    private static LocalDate within(String name, String value, LocalDate day) {
        if (day.isBefore(FIRST) || day.isAfter(LAST)) {
            throw ProblemException.badRequest("Parameter '" + name + "' must be a date from " + FIRST + " to "
                    + LAST + ".", List.of(new Problem.FieldError(name, "'" + value + "' is out of range")));
        }
        return day;
    }

    private static ProblemException refused(String name, String value, String expected) {
        return ProblemException.badRequest("Parameter '" + name + "' must be " + expected + ".",
                List.of(new Problem.FieldError(name, "'" + value + "' is not " + expected)));
    }
}
