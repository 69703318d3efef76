package io.leadflow.followup.domain;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.leadflow.events.domain.Violation;

/**
 * When the sales team works, in the business zone: a daily window, the working weekdays, listed public holidays, and
 * the make-up working days (调休) Chinese calendars add on weekends.
 */
public record WorkingCalendar(ZoneId zone, LocalTime workStart, LocalTime workEnd, Set<DayOfWeek> workingDays,
                              Set<LocalDate> holidays, Set<LocalDate> extraWorkingDays) {

    /** No calendar search runs further than this; a calendar without working days is refused by {@link #validate}. */
    private static final int MAX_DAYS_SEARCHED = 3_660;

    public WorkingCalendar {
        workingDays = workingDays.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(workingDays));
        holidays = Set.copyOf(holidays);
        extraWorkingDays = Set.copyOf(extraWorkingDays);
    }

    public static WorkingCalendar standard(ZoneId zone) {
        return new WorkingCalendar(zone, LocalTime.of(9, 0), LocalTime.of(18, 0),
                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), Set.of(), Set.of());
    }

    public List<Violation> validate(String field) {
        List<Violation> violations = new ArrayList<>();
        if (!workStart.isBefore(workEnd)) {
            violations.add(new Violation(field + ".workEnd", "must be after workStart (" + workStart + ")"));
        }
        if (workingDays.isEmpty()) {
            violations.add(new Violation(field + ".workingDays", "must name at least one working weekday"));
        }
        for (LocalDate day : holidays) {
            if (extraWorkingDays.contains(day)) {
                violations.add(new Violation(field + ".holidays", day + " is listed both as a holiday and as a working day"));
            }
        }
        return violations;
    }

    public boolean isWorkingDay(LocalDate day) {
        if (extraWorkingDays.contains(day)) {
            return true;
        }
        return workingDays.contains(day.getDayOfWeek()) && !holidays.contains(day);
    }

    /** The given moment if it lies inside working time, otherwise the start of the next working window. */
    public Instant nextWorkingMoment(Instant at) {
        ZonedDateTime local = at.atZone(zone);
        LocalDate day = local.toLocalDate();
        if (isWorkingDay(day) && !local.toLocalTime().isBefore(workStart) && local.toLocalTime().isBefore(workEnd)) {
            return at;
        }
        if (isWorkingDay(day) && local.toLocalTime().isBefore(workStart)) {
            return day.atTime(workStart).atZone(zone).toInstant();
        }
        return nextWorkingDay(day).atTime(workStart).atZone(zone).toInstant();
    }

    public LocalDate nextWorkingDay(LocalDate after) {
        LocalDate day = after.plusDays(1);
        for (int i = 0; i < MAX_DAYS_SEARCHED; i++, day = day.plusDays(1)) {
            if (isWorkingDay(day)) {
                return day;
            }
        }
        throw new IllegalStateException("no working day within " + MAX_DAYS_SEARCHED + " days of " + after);
    }

    /** The business-hours rule: only time inside working windows on working days counts towards {@code amount}. */
    public Instant plusBusinessHours(Instant start, Duration amount) {
        ZonedDateTime cursor = nextWorkingMoment(start).atZone(zone);
        Duration remaining = amount;
        for (int i = 0; i < MAX_DAYS_SEARCHED; i++) {
            ZonedDateTime endOfDay = cursor.toLocalDate().atTime(workEnd).atZone(zone);
            Duration available = Duration.between(cursor, endOfDay);
            if (remaining.compareTo(available) <= 0) {
                return cursor.plus(remaining).toInstant();
            }
            remaining = remaining.minus(available);
            cursor = nextWorkingDay(cursor.toLocalDate()).atTime(workStart).atZone(zone);
        }
        throw new IllegalStateException("business-hours deadline too far out: " + amount);
    }

    /** The business-days rule: count whole working days from the next working moment, keeping its time of day. */
    public Instant plusBusinessDays(Instant start, int days) {
        ZonedDateTime from = nextWorkingMoment(start).atZone(zone);
        LocalDate day = from.toLocalDate();
        for (int i = 0; i < days; i++) {
            day = nextWorkingDay(day);
        }
        return day.atTime(from.toLocalTime()).atZone(zone).toInstant();
    }

    public Instant plus(Instant start, Duration amount, Counting counting) {
        return switch (counting) {
            case CALENDAR -> start.plus(amount);
            case BUSINESS_HOURS -> plusBusinessHours(start, amount);
            case BUSINESS_DAYS -> plusBusinessDays(start, (int) amount.toDays());
        };
    }

    /** A recurring touch {@code every} after {@code start}; with business counting it moves to a working moment. */
    public Instant plus(Instant start, Period every, Counting counting) {
        Instant due = start.atZone(zone).plus(every).toInstant();
        return counting == Counting.CALENDAR ? due : nextWorkingMoment(due);
    }

    /**
     * The working time between two moments: what {@link #plusBusinessHours} counts, read backwards, so a response
     * given on Monday morning to a lead registered on Friday evening took minutes, not a weekend.
     */
    public Duration businessTimeBetween(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        Duration total = Duration.ZERO;
        LocalDate last = to.atZone(zone).toLocalDate();
        for (LocalDate day = from.atZone(zone).toLocalDate(); !day.isAfter(last); day = day.plusDays(1)) {
            if (!isWorkingDay(day)) {
                continue;
            }
            Instant open = day.atTime(workStart).atZone(zone).toInstant();
            Instant close = day.atTime(workEnd).atZone(zone).toInstant();
            Instant start = from.isAfter(open) ? from : open;
            Instant end = to.isBefore(close) ? to : close;
            if (end.isAfter(start)) {
                total = total.plus(Duration.between(start, end));
            }
        }
        return total;
    }

    /** When a task due "on a date" (a next action's 3月5日) is due: the end of that working day. */
    public Instant endOfDay(LocalDate day) {
        return day.atTime(workEnd).atZone(zone).toInstant();
    }
}
