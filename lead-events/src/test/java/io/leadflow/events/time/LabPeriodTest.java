package io.leadflow.events.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class LabPeriodTest {

    @Test
    void aQuarterIsItsThreeMonths() {
        assertThat(LabPeriod.parse("2026-Q3", null, null))
                .isEqualTo(new LabPeriod(LocalDate.of(2026, 7, 1), LocalDate.of(2026, 9, 30)));
        assertThat(LabPeriod.parse("2026q1", null, null).to()).isEqualTo(LocalDate.of(2026, 3, 31));
    }

    @Test
    void aMonthAYearOrFromToAreAcceptedBothEndsInclusive() {
        assertThat(LabPeriod.parse("2026-02", null, null).to()).isEqualTo(LocalDate.of(2026, 2, 28));
        assertThat(LabPeriod.parse("2026", null, null).days()).isEqualTo(365);
        LabPeriod p = LabPeriod.parse(null, "2026-07", "2026-08-15");
        assertThat(p).isEqualTo(new LabPeriod(LocalDate.of(2026, 7, 1), LocalDate.of(2026, 8, 15)));
        ZoneId shanghai = ZoneId.of("Asia/Shanghai");
        assertThat(p.start(shanghai)).isEqualTo(Instant.parse("2026-06-30T16:00:00Z"));
        assertThat(p.end(shanghai)).isEqualTo(Instant.parse("2026-08-15T16:00:00Z"));
    }

    @Test
    void aMissingReversedTooLongOrUnreadablePeriodNamesTheField() {
        assertThatThrownBy(() -> LabPeriod.parse(null, null, null)).isInstanceOfSatisfying(LabPeriod.Invalid.class,
                e -> assertThat(e.field()).isEqualTo("from"));
        assertThatThrownBy(() -> LabPeriod.parse(null, "2026-09-01", "2026-07-01"))
                .isInstanceOfSatisfying(LabPeriod.Invalid.class, e -> assertThat(e.getMessage()).contains("after"));
        assertThatThrownBy(() -> LabPeriod.parse(null, "2024-01-01", "2026-01-01"))
                .isInstanceOfSatisfying(LabPeriod.Invalid.class,
                        e -> assertThat(e.field()).isEqualTo("to"));
        assertThatThrownBy(() -> LabPeriod.parse("2026-Q5", null, null)).isInstanceOfSatisfying(LabPeriod.Invalid.class,
                e -> assertThat(e.field()).isEqualTo("period"));
        assertThatThrownBy(() -> LabPeriod.parse("2026-Q3", "2026-07-01", null)).isInstanceOf(LabPeriod.Invalid.class);
    }
}
