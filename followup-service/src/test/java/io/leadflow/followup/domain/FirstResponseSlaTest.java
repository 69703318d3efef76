package io.leadflow.followup.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class FirstResponseSlaTest {

    private static final Instant ASSIGNED = Instant.parse("2024-03-01T02:30:00Z");
    private static final Instant DEADLINE = ASSIGNED.plus(Duration.ofHours(48));
    private final FirstResponseClock running = new FirstResponseClock(ASSIGNED, DEADLINE, null, null);

    @Test
    void onlyAHumanTouchThatHappenedStopsTheClock() {
        assertThat(FirstResponseClock.stopsClock(FollowUpMethod.PHONE, FollowUpStatus.DONE)).isTrue();
        assertThat(FirstResponseClock.stopsClock(FollowUpMethod.EMAIL, FollowUpStatus.IN_PROGRESS)).isTrue();
        assertThat(FirstResponseClock.stopsClock(FollowUpMethod.PHONE, FollowUpStatus.PLANNED)).isFalse();
        assertThat(FirstResponseClock.stopsClock(FollowUpMethod.NEWSLETTER, FollowUpStatus.DONE)).isFalse();
        assertThat(FirstResponseClock.stopsClock(FollowUpMethod.AUTOMATED, FollowUpStatus.DONE)).isFalse();
    }

    @Test
    void theClockRunsUntilTheDeadlineThenIsBreached() {
        assertThat(running.status(DEADLINE.minusSeconds(1))).isEqualTo(FirstResponseClock.Status.RUNNING);
        assertThat(running.breachDue(DEADLINE.minusSeconds(1))).isFalse();
        assertThat(running.status(DEADLINE)).isEqualTo(FirstResponseClock.Status.BREACHED);
        assertThat(running.breachDue(DEADLINE)).isTrue();
    }

    @Test
    void aTouchBeforeTheDeadlineMeetsTheSlaForGood() {
        FirstResponseClock met = running.touchedAt(ASSIGNED.plus(Duration.ofHours(5)));
        assertThat(met.status(DEADLINE.plus(Duration.ofDays(30)))).isEqualTo(FirstResponseClock.Status.MET);
        assertThat(met.breachDue(DEADLINE.plus(Duration.ofDays(30)))).isFalse();
    }

    @Test
    void aLateTouchLoggedBeforeTheScanStillCountsAsABreach() {
        FirstResponseClock late = running.touchedAt(DEADLINE.plus(Duration.ofHours(1)));
        assertThat(late.breachDue(DEADLINE.plus(Duration.ofHours(2)))).isTrue();
        assertThat(late.status(DEADLINE.plus(Duration.ofHours(2)))).isEqualTo(FirstResponseClock.Status.MET_LATE);
    }

    @Test
    void aBreachIsReportedOnlyOnce() {
        FirstResponseClock reported = new FirstResponseClock(ASSIGNED, DEADLINE, null, DEADLINE.plusSeconds(30));
        assertThat(reported.breachDue(DEADLINE.plus(Duration.ofDays(1)))).isFalse();
        assertThat(reported.status(DEADLINE.plus(Duration.ofDays(1)))).isEqualTo(FirstResponseClock.Status.BREACHED);
    }

    @Test
    void anEarlierTouchLoggedLaterMovesTheFirstResponseBack() {
        FirstResponseClock first = running.touchedAt(ASSIGNED.plus(Duration.ofHours(10)));
        assertThat(first.touchedAt(ASSIGNED.plus(Duration.ofHours(3))).firstResponseAt()).isEqualTo(ASSIGNED.plus(Duration.ofHours(3)));
        assertThat(first.touchedAt(ASSIGNED.plus(Duration.ofHours(20))).firstResponseAt()).isEqualTo(ASSIGNED.plus(Duration.ofHours(10)));
    }

    @Test
    void withoutADeadlineThereIsNothingToBreach() {
        FirstResponseClock none = new FirstResponseClock(ASSIGNED, null, null, null);
        assertThat(none.status(DEADLINE.plus(Duration.ofDays(9)))).isEqualTo(FirstResponseClock.Status.NONE);
        assertThat(none.breachDue(DEADLINE.plus(Duration.ofDays(9)))).isFalse();
    }
}
