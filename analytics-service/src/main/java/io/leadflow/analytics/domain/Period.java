package io.leadflow.analytics.domain;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * A registration period in business dates, both ends inclusive; either end may be open. Tables count the leads
 * registered in it and follow them to their outcome, whenever that came.
 */
public record Period(LocalDate from, LocalDate to) {

    public Period {
        if (from != null && (from.getYear() < 1 || from.getYear() > 9999)) {
            throw new InvalidQueryException("from", "'" + from + "' is outside the years 1 to 9999");
        }
        if (to != null && (to.getYear() < 1 || to.getYear() > 9999)) {
            throw new InvalidQueryException("to", "'" + to + "' is outside the years 1 to 9999");
        }
        if (from != null && to != null && from.isAfter(to)) {
            throw new InvalidQueryException("from", "'from' " + from + " is after 'to' " + to
                    + "; give the earlier date first");
        }
    }

    public static Period all() {
        return new Period(null, null);
    }

    public static Period month(YearMonth month) {
        return new Period(month.atDay(1), month.atEndOfMonth());
    }

    /** Parses {@code from}/{@code to} as ISO dates (2024-03-01) or months (2024-03: the first or the last day). */
    public static Period parse(String from, String to) {
        return new Period(date("from", from, true), date("to", to, false));
    }

    public static YearMonth parseMonth(String field, String text) {
        try {
            return YearMonth.parse(text.trim());
        } catch (DateTimeParseException | NullPointerException e) {
            throw new InvalidQueryException(field, "'" + text + "' is not a month; write it as yyyy-MM, e.g. 2024-03");
        }
    }

    private static LocalDate date(String field, String text, boolean start) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.trim();
        try {
            if (t.length() == 7) {
                YearMonth month = YearMonth.parse(t);
                return start ? month.atDay(1) : month.atEndOfMonth();
            }
            return LocalDate.parse(t.length() > 10 ? t.substring(0, 10) : t);
        } catch (DateTimeParseException e) {
            throw new InvalidQueryException(field, "'" + text + "' is not a date; write yyyy-MM-dd (2024-03-01) or "
                    + "yyyy-MM (2024-03)");
        }
    }

    public boolean bounded() {
        return from != null && to != null;
    }

    public long days() {
        return bounded() ? ChronoUnit.DAYS.between(from, to) + 1 : 0;
    }

    /**
     * The period just before, for "better or worse than last time": the previous calendar month when this is a
     * whole month, else the same number of days ending the day before {@code from}. Null when open-ended.
     */
    public Period previous() {
        if (!bounded()) {
            return null;
        }
        if (from.getDayOfMonth() == 1 && to.equals(YearMonth.from(from).atEndOfMonth())) {
            return month(YearMonth.from(from).minusMonths(1));
        }
        return new Period(from.minusDays(days()), from.minusDays(1));
    }

    public boolean contains(LocalDate day) {
        return day != null && (from == null || !day.isBefore(from)) && (to == null || !day.isAfter(to));
    }
}
