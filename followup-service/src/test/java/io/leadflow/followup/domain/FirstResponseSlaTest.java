package io.leadflow.followup.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class FirstResponseSlaTest {

    private static final Instant ASSIGNED = Instant.parse("2024-03-01T02:30:00Z");
    private static final Instant DEADLINE = ASSIGNED.plus(Duration.ofHours(48));
    private static final Duration GRACE = Duration.ofHours(1);
    private final FirstResponseClock running = new FirstResponseClock(ASSIGNED, ASSIGNED, DEADLINE, null, null);

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
        assertThat(running.breachDue(DEADLINE.minusSeconds(1), GRACE)).isFalse();
        assertThat(running.status(DEADLINE)).isEqualTo(FirstResponseClock.Status.BREACHED);
        assertThat(running.breachDue(DEADLINE, GRACE)).isTrue();
    }

    @Test
    void aTouchBeforeTheDeadlineMeetsTheSlaForGood() {
        FirstResponseClock met = running.touchedAt(ASSIGNED.plus(Duration.ofHours(5)));
        assertThat(met.status(DEADLINE.plus(Duration.ofDays(30)))).isEqualTo(FirstResponseClock.Status.MET);
        assertThat(met.breachDue(DEADLINE.plus(Duration.ofDays(30)), GRACE)).isFalse();
    }

    @Test
    void aLateTouchLoggedBeforeTheScanStillCountsAsABreach() {
        FirstResponseClock late = running.touchedAt(DEADLINE.plus(Duration.ofHours(1)));
        assertThat(late.breachDue(DEADLINE.plus(Duration.ofHours(2)), GRACE)).isTrue();
        assertThat(late.status(DEADLINE.plus(Duration.ofHours(2)))).isEqualTo(FirstResponseClock.Status.MET_LATE);
    }

    @Test
    void aBreachIsReportedOnlyOnce() {
        FirstResponseClock reported = new FirstResponseClock(ASSIGNED, ASSIGNED, DEADLINE, null, DEADLINE.plusSeconds(30));
        assertThat(reported.breachDue(DEADLINE.plus(Duration.ofDays(1)), GRACE)).isFalse();
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
        FirstResponseClock none = new FirstResponseClock(ASSIGNED, ASSIGNED, null, null, null);
        assertThat(none.status(DEADLINE.plus(Duration.ofDays(9)))).isEqualTo(FirstResponseClock.Status.NONE);
        assertThat(none.breachDue(DEADLINE.plus(Duration.ofDays(9)), GRACE)).isFalse();
    }

    @Test
    void theClockStartsAtRegistrationUnlessTheAssignmentCameFirst() {
        Instant registered = ASSIGNED.minus(Duration.ofDays(30));
        assertThat(FirstResponseClock.start(registered, ASSIGNED)).isEqualTo(registered);
        assertThat(FirstResponseClock.start(ASSIGNED.plusSeconds(5), ASSIGNED)).as("a clock skew").isEqualTo(ASSIGNED);
        assertThat(FirstResponseClock.start(null, ASSIGNED)).isEqualTo(ASSIGNED);
    }

    @Test
    void theResponseTimeIsMeasuredFromTheStartAndIsNeverNegative() {
        Instant registered = Instant.parse("2024-03-01T01:00:00Z");
        Instant assignedToday = Instant.parse("2026-12-06T02:00:00Z");
        FirstResponseClock history = new FirstResponseClock(registered, assignedToday, registered.plus(Duration.ofHours(48)),
                null, null).touchedAt(Instant.parse("2024-03-02T10:00:00Z"));
        assertThat(history.responseTime()).isEqualTo(Duration.ofHours(33));
        assertThat(history.status(assignedToday)).isEqualTo(FirstResponseClock.Status.MET);
        FirstResponseClock sameDay = new FirstResponseClock(registered, assignedToday, registered.plus(Duration.ofHours(48)),
                null, null).touchedAt(registered.minusSeconds(600));
        assertThat(sameDay.responseTime()).isEqualTo(Duration.ZERO);
    }

    @Test
    void aLeadArrivingPastItsDeadlineIsReportedOnlyAfterTheGraceSoItsHistoryCanArriveFirst() {
        Instant registered = Instant.parse("2024-03-01T01:00:00Z");
        Instant deadline = registered.plus(Duration.ofHours(48));
        Instant assigned = Instant.parse("2026-12-06T02:00:00Z");
        FirstResponseClock late = new FirstResponseClock(registered, assigned, deadline, null, null);
        assertThat(late.reportableAt(GRACE)).isEqualTo(assigned.plus(GRACE));
        assertThat(late.breachDue(assigned.plus(Duration.ofMinutes(59)), GRACE)).isFalse();
        assertThat(late.status(assigned)).as("it is late all the same").isEqualTo(FirstResponseClock.Status.BREACHED);
        assertThat(late.breachDue(assigned.plus(GRACE), GRACE)).isTrue();
        // The history's follow-ups arrive within the grace: answered in time, never reported.
        FirstResponseClock answered = late.touchedAt(Instant.parse("2024-03-02T10:00:00Z"));
        assertThat(answered.breachDue(assigned.plus(Duration.ofDays(1)), GRACE)).isFalse();
        assertThat(answered.status(assigned.plus(Duration.ofDays(1)))).isEqualTo(FirstResponseClock.Status.MET);
        // ... or answered late: a breach known at once, grace or not.
        FirstResponseClock answeredLate = late.touchedAt(deadline.plus(Duration.ofDays(3)));
        assertThat(answeredLate.breachDue(assigned, GRACE)).isTrue();
        // A lead with time left on its clock is reported at its deadline, not after a grace.
        assertThat(running.reportableAt(GRACE)).isEqualTo(DEADLINE);
    }

    @Test
    void aLiveLeadWhoseRoutingTookLongerThanATightDeadlineIsNoHistoryAndIsReportedAtOnce() {
        Instant registered = Instant.parse("2026-12-06T02:00:00Z");
        Instant deadline = registered.plusSeconds(3);
        Instant assigned = registered.plusSeconds(5);
        FirstResponseClock live = new FirstResponseClock(registered, assigned, deadline, null, null);
        assertThat(live.reportableAt(GRACE)).isEqualTo(deadline);
        assertThat(live.breachDue(assigned, GRACE)).isTrue();
    }
}
