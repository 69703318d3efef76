package io.leadflow.followup.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.util.EnumSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.util.Set;

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
