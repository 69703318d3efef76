package io.leadflow.routing.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class FairnessTest {

    @Test
    void repsOfAPoolWhoReceivedTheSameNumberOfLeadsAreGiniZero() {
        Fairness f = Fairness.of("JUNIOR", List.of(5L, 5L, 5L));
        assertThat(f.gini()).isEqualByComparingTo("0.000");
        assertThat(f.spread()).isZero();
        assertThat(f.leads()).isEqualTo(15);
    }

    @Test
    void oneRepReceivingEveryLeadOfThreeIsGiniTwoThirds() {
        Fairness f = Fairness.of("SENIOR", List.of(0L, 0L, 9L));
        assertThat(f.gini()).isEqualByComparingTo("0.667");
        assertThat(f.fewest()).isZero();
        assertThat(f.most()).isEqualTo(9);
        assertThat(f.spread()).isEqualTo(9);
    }

    @Test
    void aPoolThatReceivedNothingHasNoGini() {
        assertThat(Fairness.of("NURTURE", List.of(0L, 0L)).gini()).isNull();
    }
}
