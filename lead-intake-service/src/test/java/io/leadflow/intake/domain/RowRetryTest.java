package io.leadflow.intake.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class RowRetryTest {

    private final RowRetry sixTries = new RowRetry(6, Duration.ofMillis(250), Duration.ofSeconds(4));

    @Test
    void aRowIsTriedAtMostTheConfiguredNumberOfTimesInAll() {
        assertThat(sixTries.mayTryAgain(1)).isTrue();
        assertThat(sixTries.mayTryAgain(5)).isTrue();
        assertThat(sixTries.mayTryAgain(6)).isFalse();
        assertThat(new RowRetry(1, Duration.ZERO, Duration.ZERO).mayTryAgain(1)).as("one try, no retry").isFalse();
    }

    @Test
    void theWaitDoublesAfterEachFailureUpToTheLongestWait() {
        assertThat(sixTries.delayAfter(1)).isEqualTo(Duration.ofMillis(250));
        assertThat(sixTries.delayAfter(2)).isEqualTo(Duration.ofMillis(500));
        assertThat(sixTries.delayAfter(3)).isEqualTo(Duration.ofSeconds(1));
        assertThat(sixTries.delayAfter(5)).isEqualTo(Duration.ofSeconds(4));
        assertThat(sixTries.delayAfter(40)).as("never past the cap, however many failures").isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void aRowIsTriedAtLeastOnceAndDelaysAreOrdered() {
        assertThatThrownBy(() -> new RowRetry(0, Duration.ZERO, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RowRetry(3, Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
