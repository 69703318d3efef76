package io.leadflow.events.time;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The past period a policy is tried on, in business dates, both ends inclusive: {@code from}/{@code to} as dates
 * (2026-07-01) or months (2026-07), or one {@code period} such as 2026-Q3, 2026-07 or 2026. Always bounded, and at
 * most {@link #MAX_DAYS} long, so a trial never replays the whole history by accident. Shared by the services'
 * policy labs (routing's backtests and dry runs, follow-up's cadence what-ifs).
 */
public record LabPeriod(LocalDate from, LocalDate to) {

    public static final int MAX_DAYS = 400;
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-?[Qq]([1-4])");

    /** What was wrong with the period as sent, naming the field, for the caller's validation problem. */
    public static final class Invalid extends RuntimeException {
        private final String field;
        private final String reason;

        Invalid(String field, String reason) {
            super(field + " " + reason);
            this.field = field;
            this.reason = reason;
        }

        public String field() {
            return field;
        }

        public String reason() {
            return reason;
        }
    }

    public static LabPeriod parse(String period, String from, String to) {
        boolean hasPeriod = period != null && !period.isBlank();
        boolean hasRange = (from != null && !from.isBlank()) || (to != null && !to.isBlank());
        if (hasPeriod && hasRange) {
            throw new Invalid("period", "give either period (2026-Q3) or from/to, not both");
        }
        if (hasPeriod) {
            return named(period.strip());
        }
        if (from == null || from.isBlank()) {
            throw new Invalid("from", "must be given (yyyy-MM-dd or yyyy-MM), or give period such as 2026-Q3");
        }
        if (to == null || to.isBlank()) {
            throw new Invalid("to", "must be given (yyyy-MM-dd or yyyy-MM), or give period such as 2026-Q3");
        }
        return checked(date("from", from.strip(), true), date("to", to.strip(), false));
    }

    private static LabPeriod named(String p) {
        Matcher q = QUARTER.matcher(p);
        if (q.matches()) {
            YearMonth first = YearMonth.of(Integer.parseInt(q.group(1)), (Integer.parseInt(q.group(2)) - 1) * 3 + 1);
            return checked(first.atDay(1), first.plusMonths(2).atEndOfMonth());
        }
        try {
            if (p.matches("\\d{4}")) {
                Year y = Year.parse(p);
                return checked(y.atDay(1), y.atMonth(12).atEndOfMonth());
            }
            if (p.matches("\\d{4}-\\d{2}")) {
                YearMonth m = YearMonth.parse(p);
                return checked(m.atDay(1), m.atEndOfMonth());
            }
        } catch (DateTimeParseException e) {
            // falls through to the message below
        }
        throw new Invalid("period", "'" + abbreviate(p) + "' is not a period; write a quarter (2026-Q3), a month "
                + "(2026-07) or a year (2026)");
    }

    private static LocalDate date(String field, String t, boolean start) {
        try {
            if (t.length() == 7) {
                YearMonth m = YearMonth.parse(t);
                return start ? m.atDay(1) : m.atEndOfMonth();
            }
            return LocalDate.parse(t);
        } catch (DateTimeParseException e) {
            throw new Invalid(field, "'" + abbreviate(t) + "' is not a date; write yyyy-MM-dd (2026-07-01) or yyyy-MM");
        }
    }

    private static LabPeriod checked(LocalDate from, LocalDate to) {
        if (from.getYear() < 1900 || to.getYear() > 9999) {
            throw new Invalid("from", "must be between the years 1900 and 9999");
        }
        if (from.isAfter(to)) {
            throw new Invalid("from", "'from' " + from + " is after 'to' " + to + "; give the earlier date first");
        }
        LabPeriod p = new LabPeriod(from, to);
        if (p.days() > MAX_DAYS) {
            throw new Invalid("to", "the period is " + p.days() + " days; try a policy on at most " + MAX_DAYS
                    + " days (a quarter is ~92)");
        }
        return p;
    }

    public long days() {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }

    /** The first instant of {@code from} in the business zone. */
    public Instant start(ZoneId zone) {
        return from.atStartOfDay(zone).toInstant();
    }

    /** The first instant after {@code to}: the period is [start, end). */
    public Instant end(ZoneId zone) {
        return to.plusDays(1).atStartOfDay(zone).toInstant();
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 39) + "…";
    }
}
