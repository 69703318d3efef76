package io.leadflow.intake.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class OwnershipTest {

    private static final Instant T0 = Instant.parse("2024-03-01T02:30:00Z");

    @Test
    void theFirstAssignmentGivesTheLeadAnOwner() {
        assertThat(Ownership.changes(null, null, "rep-li", T0)).isTrue();
    }

    @Test
    void aLaterReassignmentReplacesTheOwner() {
        assertThat(Ownership.changes("rep-li", T0, "rep-zhao", T0.plusSeconds(60))).isTrue();
        assertThat(Ownership.changes("rep-li", T0, "rep-zhao", T0)).isTrue();
    }

    @Test
    void anOlderAnnouncementReplayedLateDoesNotTakeTheLeadBack() {
        assertThat(Ownership.changes("rep-zhao", T0, "rep-li", T0.minusSeconds(1))).isFalse();
    }

    @Test
    void theSameOwnerAgainOrNoOwnerChangesNothing() {
        assertThat(Ownership.changes("rep-li", T0, "rep-li", T0.plusSeconds(5))).isFalse();
        assertThat(Ownership.changes("rep-li", T0, " ", T0.plusSeconds(5))).isFalse();
        assertThat(Ownership.changes("rep-li", T0, null, T0.plusSeconds(5))).isFalse();
    }
}
