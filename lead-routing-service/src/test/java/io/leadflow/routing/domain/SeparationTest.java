package io.leadflow.routing.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class SeparationTest {

    private static final List<String> LEVELS = List.of("HIGH", "MEDIUM", "LOW");

    @Test
    void liftIsTheTopGradesWinRateOverTheWinRateOfAllLeads() {
        // HIGH 30 of 50 won (the template's trade-show 30 %... here 60 %), all leads 40 of 200 = 20 %: lift 3
        Separation s = Separation.of(LEVELS, new long[] {30, 8, 2}, new long[] {20, 92, 48});
        assertThat(s.topWinRate().percent()).isEqualTo("60.0%");
        assertThat(s.averageWinRate().percent()).isEqualTo("20.0%");
        assertThat(s.lift()).isEqualByComparingTo("3.00");
    }

    @Test
    void gradesThatSayNothingAboutWinningHaveLiftOneAndAucOneHalf() {
        Separation s = Separation.of(LEVELS, new long[] {10, 10, 10}, new long[] {40, 40, 40});
        assertThat(s.lift()).isEqualByComparingTo("1.00");
        assertThat(s.auc()).isEqualByComparingTo("0.500");
    }

    @Test
    void everyWinnerGradedAboveEveryOtherLeadIsAucOne() {
        assertThat(Separation.of(LEVELS, new long[] {5, 0, 0}, new long[] {0, 3, 7}).auc()).isEqualByComparingTo("1.000");
        assertThat(Separation.of(LEVELS, new long[] {0, 0, 5}, new long[] {3, 7, 0}).auc()).isEqualByComparingTo("0.000");
    }

    @Test
    void nothingWonOrNoLeadAtTheTopGivesNoLiftRatherThanAMadeUpNumber() {
        Separation none = Separation.of(LEVELS, new long[] {0, 0, 0}, new long[] {1, 2, 3});
        assertThat(none.lift()).isNull();
        assertThat(none.auc()).isNull();
        assertThat(Separation.of(LEVELS, new long[] {0, 1, 0}, new long[] {0, 1, 1}).lift()).isNull();
    }
}
