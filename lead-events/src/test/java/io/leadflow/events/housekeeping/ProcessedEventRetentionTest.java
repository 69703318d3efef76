package io.leadflow.events.housekeeping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class ProcessedEventRetentionTest {

    private static final long FOREVER = -1;

    @Test
    void marksAreKeptAtLeastAsLongAsTheTopicsKeepTheirEvents() {
        long thirtyDays = Duration.ofDays(30).toMillis();
        assertThat(ProcessedEventRetention.effective(Duration.ofDays(10), thirtyDays)).isEqualTo(Duration.ofDays(30));
        assertThat(ProcessedEventRetention.effective(Duration.ofDays(90), thirtyDays)).isEqualTo(Duration.ofDays(90));
    }

    @Test
    void neverLessThanAWeekWhateverTheTopicsKeep() {
        assertThat(ProcessedEventRetention.effective(Duration.ofHours(1), FOREVER)).isEqualTo(Duration.ofDays(7));
        assertThat(ProcessedEventRetention.effective(Duration.ofHours(1), Duration.ofDays(1).toMillis()))
                .isEqualTo(Duration.ofDays(7));
        assertThat(ProcessedEventRetention.effective(Duration.ofDays(90), FOREVER)).isEqualTo(Duration.ofDays(90));
    }

    @Test
    void aDeadLetterIsRedrivableUpToADayBeforeTheMarksAreForgotten() {
        assertThat(ProcessedEventRetention.redrivable(Duration.ofDays(90))).isEqualTo(Duration.ofDays(89));
    }

    @Test
    void aDeclaredTableNamesPlainIdentifiersAndAPositiveAge() {
        new ExpiringRows("form_submission", "created_at", Duration.ofHours(24));
        new ExpiringRows("intake.form_submission", "created_at", Duration.ofHours(24));
        assertThatThrownBy(() -> new ExpiringRows("form_submission; drop table lead", "created_at", Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExpiringRows("form_submission", "created_at < now() or true", Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExpiringRows("form_submission", "created_at", Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
