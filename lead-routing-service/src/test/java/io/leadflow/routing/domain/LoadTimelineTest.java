package io.leadflow.routing.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class LoadTimelineTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** Monday 2026-07-06 00:00 in Shanghai. */
    private static final Instant MONDAY = LocalDate.of(2026, 7, 6).atStartOfDay(SHANGHAI).toInstant();

    private static Instant day(int d) {
        return MONDAY.plusSeconds(86_400L * d + 3_600);
    }

    @Test
    void aWeeksPeakIsTheMostHeldAtOnceAndItsEndIsWhatWasHeldWhenItClosed() {
        LoadTimeline t = new LoadTimeline(MONDAY, MONDAY.plusSeconds(86_400L * 21), SHANGHAI);
        t.begin("rep-li", 2);
        t.change("rep-li", day(1), +1);
        t.change("rep-li", day(2), -1);
        t.change("rep-li", day(9), +1);
        t.change("rep-li", day(10), +1);
        t.change("rep-li", day(11), -2);
        var weeks = t.weeks("rep-li");
        assertThat(weeks).containsExactly(
                new LoadTimeline.Week(LocalDate.of(2026, 7, 6), 3, 2),
                new LoadTimeline.Week(LocalDate.of(2026, 7, 13), 4, 2),
                new LoadTimeline.Week(LocalDate.of(2026, 7, 20), 2, 2));
        assertThat(t.startOpen("rep-li")).isEqualTo(2);
    }

    @Test
    void aPeriodStartingMidweekCountsItsFirstWeekFromMonday() {
        Instant wednesday = MONDAY.plusSeconds(86_400L * 2);
        LoadTimeline t = new LoadTimeline(wednesday, wednesday.plusSeconds(86_400L * 7), SHANGHAI);
        t.begin("rep-zhao", 0);
        assertThat(t.weeks("rep-zhao")).extracting(LoadTimeline.Week::weekStart)
                .containsExactly(LocalDate.of(2026, 7, 6), LocalDate.of(2026, 7, 13));
    }
}
