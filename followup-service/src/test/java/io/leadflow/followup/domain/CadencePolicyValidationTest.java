package io.leadflow.followup.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;

import io.leadflow.events.domain.Violation;
import org.junit.jupiter.api.Test;

class CadencePolicyValidationTest {

    private final CadencePolicy defaults = CadencePolicy.defaults(ZoneId.of("Asia/Shanghai"));

    private CadencePolicy withHigh(GradeCadence high) {
        return new CadencePolicy(2, "HIGH", List.of(high), List.of(), defaults.calendar());
    }

    @Test
    void theTemplateDefaultsAreSound() {
        assertThat(defaults.validate()).isEmpty();
    }

    @Test
    void aZeroOrNegativeIntervalIsRefused() {
        GradeCadence zero = new GradeCadence("HIGH", Duration.ofHours(48), Counting.CALENDAR,
                List.of(new Touch("WEEKLY_SYNC", FollowUpMethod.PHONE, Period.ZERO, "x"),
                        new Touch("MONTHLY", FollowUpMethod.EMAIL, Period.ofDays(-7), "y")));
        assertThat(withHigh(zero).validate()).extracting(Violation::field)
                .containsExactly("grades[0].touches[0].every", "grades[0].touches[1].every");
    }

    @Test
    void aZeroOrNegativeFirstResponseIsRefused() {
        assertThat(withHigh(new GradeCadence("HIGH", Duration.ZERO, Counting.CALENDAR, List.of())).validate())
                .extracting(Violation::field).containsExactly("grades[0].firstResponse");
        assertThat(withHigh(new GradeCadence("HIGH", Duration.ofHours(-1), Counting.CALENDAR, List.of())).validate())
                .extracting(Violation::field).containsExactly("grades[0].firstResponse");
    }

    @Test
    void businessDayCountingNeedsWholeDays() {
        assertThat(withHigh(new GradeCadence("HIGH", Duration.ofHours(36), Counting.BUSINESS_DAYS, List.of())).validate())
                .extracting(Violation::message).singleElement().asString().contains("whole days");
    }

    @Test
    void aGradeListedTwiceAndAnUnknownFallbackAreRefused() {
        GradeCadence high = new GradeCadence("HIGH", Duration.ofHours(48), Counting.CALENDAR, List.of());
        CadencePolicy policy = new CadencePolicy(2, "LOW", List.of(high, high), List.of(), defaults.calendar());
        assertThat(policy.validate()).extracting(Violation::field).containsExactlyInAnyOrder("grades[1].grade", "fallbackGrade");
    }

    @Test
    void aPolicyWithoutGradesIsRefused() {
        assertThat(new CadencePolicy(2, null, List.of(), List.of(), defaults.calendar()).validate())
                .extracting(Violation::field).containsExactly("grades");
    }
}
