package io.leadflow.followup.domain;

/** How a cadence's deadlines count time. */
public enum Counting {
    /** Wall-clock time: 48 h after assignment is 48 h later, nights and weekends included. */
    CALENDAR,
    /** Only working hours on working days count (the calendar's day window, weekends and holidays excluded). */
    BUSINESS_HOURS,
    /** Whole working days: 2 days from Friday 15:00 is Tuesday 15:00. */
    BUSINESS_DAYS
}
