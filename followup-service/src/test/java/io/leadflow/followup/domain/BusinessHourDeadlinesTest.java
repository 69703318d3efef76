package io.leadflow.followup.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;

import io.leadflow.events.domain.Violation;
import org.junit.jupiter.api.Test;

class BusinessHourDeadlinesTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    // 2024: 清明 holiday 4-6 April, with Sunday 7 April a make-up working day (调休).
    private final WorkingCalendar calendar = new WorkingCalendar(SHANGHAI, LocalTime.of(9, 0), LocalTime.of(18, 0),
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
            Set.of(LocalDate.of(2024, 4, 4), LocalDate.of(2024, 4, 5)), Set.of(LocalDate.of(2024, 4, 7)));

    private static Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant();
    }

    @Test
    void hoursAfterTheWorkingDayCarryOverToTheNextWorkingMorning() {
        assertThat(calendar.plusBusinessHours(at("2024-03-01T17:00"), Duration.ofHours(2))).isEqualTo(at("2024-03-04T10:00"));
    }

    @Test
    void aLeadAssignedAtNightStartsCountingWhenWorkStarts() {
        assertThat(calendar.plusBusinessHours(at("2024-03-05T22:15"), Duration.ofHours(3))).isEqualTo(at("2024-03-06T12:00"));
        assertThat(calendar.plusBusinessHours(at("2024-03-06T07:00"), Duration.ofHours(3))).isEqualTo(at("2024-03-06T12:00"));
    }

    @Test
    void weekendsAndListedHolidaysDoNotCount() {
        // Wednesday 3 April 17:00 + 2 h: 1 h on Wednesday; Thursday and Friday are holidays, Saturday is a weekend,
        // Sunday 7 April is a make-up working day.
        assertThat(calendar.plusBusinessHours(at("2024-04-03T17:00"), Duration.ofHours(2))).isEqualTo(at("2024-04-07T10:00"));
    }

    @Test
    void aDeadlineExactlyAtTheEndOfTheDayStaysThere() {
        assertThat(calendar.plusBusinessHours(at("2024-03-04T09:00"), Duration.ofHours(9))).isEqualTo(at("2024-03-04T18:00"));
    }

    @Test
    void workingTimeBetweenTwoMomentsIsWhatTheDeadlineRuleCountsReadBackwards() {
        // Friday 17:00 to Monday 10:00: one hour on Friday, one on Monday.
        assertThat(calendar.businessTimeBetween(at("2024-03-01T17:00"), at("2024-03-04T10:00"))).isEqualTo(Duration.ofHours(2));
        // Across the 清明 holidays to the make-up Sunday, as in the deadline test above.
        assertThat(calendar.businessTimeBetween(at("2024-04-03T17:00"), at("2024-04-07T10:00"))).isEqualTo(Duration.ofHours(2));
        // Night to night: the whole working day between.
        assertThat(calendar.businessTimeBetween(at("2024-03-05T22:15"), at("2024-03-06T23:00"))).isEqualTo(Duration.ofHours(9));
        assertThat(calendar.businessTimeBetween(at("2024-03-06T12:00"), at("2024-03-06T11:00"))).isZero();
        for (String start : java.util.List.of("2024-03-01T17:00", "2024-03-05T22:15", "2024-04-03T17:00", "2024-03-04T09:00")) {
            for (int hours : new int[] {1, 3, 9, 20, 45}) {
                Instant deadline = calendar.plusBusinessHours(at(start), Duration.ofHours(hours));
                assertThat(calendar.businessTimeBetween(at(start), deadline)).as(start + " + " + hours + " h")
                        .isEqualTo(Duration.ofHours(hours));
            }
        }
    }

    @Test
    void aDateWithoutTimeIsNowTodayAndTheEndOfWorkOnAPastDay() {
        Instant now = at("2024-03-06T10:30");
        assertThat(WhenItHappened.parse("2024-03-06", calendar, now)).contains(now);
        assertThat(WhenItHappened.parse("2024-03-02", calendar, now)).contains(at("2024-03-02T18:00"));
        assertThat(WhenItHappened.parse("2024-03-02T10:00:00+08:00", calendar, now)).contains(at("2024-03-02T10:00"));
        assertThat(WhenItHappened.parse("2024-03-02T10:00", calendar, now)).contains(at("2024-03-02T10:00"));
        assertThat(WhenItHappened.parse("3月2日", calendar, now)).isEmpty();
        assertThat(WhenItHappened.parse(" ", calendar, now)).isEmpty();
    }

    @Test
    void businessDaysKeepTheTimeOfDay() {
        assertThat(calendar.plusBusinessDays(at("2024-03-01T15:00"), 2)).isEqualTo(at("2024-03-05T15:00"));
        assertThat(calendar.plusBusinessDays(at("2024-03-02T11:00"), 1)).isEqualTo(at("2024-03-05T09:00"));
    }

    @Test
    void aRecurringTouchThatFallsOnAHolidayMovesToTheNextWorkingMorning() {
        Instant due = calendar.plus(at("2024-03-28T10:00"), Period.ofWeeks(1), Counting.BUSINESS_DAYS);
        assertThat(due).isEqualTo(at("2024-04-07T09:00"));
        assertThat(calendar.plus(at("2024-03-28T10:00"), Period.ofWeeks(1), Counting.CALENDAR)).isEqualTo(at("2024-04-04T10:00"));
    }

    @Test
    void calendarCountingIgnoresTheCalendar() {
        assertThat(calendar.plus(at("2024-03-01T17:00"), Duration.ofHours(48), Counting.CALENDAR)).isEqualTo(at("2024-03-03T17:00"));
    }

    @Test
    void aCalendarWithoutWorkingDaysOrWithAnInvertedWindowIsRefused() {
        WorkingCalendar broken = new WorkingCalendar(SHANGHAI, LocalTime.of(18, 0), LocalTime.of(9, 0), Set.of(), Set.of(), Set.of());
        assertThat(broken.validate("calendar")).extracting(Violation::field)
                .containsExactlyInAnyOrder("calendar.workEnd", "calendar.workingDays");
    }
}
