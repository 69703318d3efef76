package io.leadflow.events.testing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The layout rules every service's test applies do refuse what they say they refuse. */
class ServiceLayoutTest {

    @Test
    void aResourceThatReadsARowItselfIsRefused() {
        // The sample's classes sit in the test tree, which the services' check leaves out; this one looks at them.
        assertThatThrownBy(() -> ServiceLayout.check("io.leadflow.events.testing.layoutsample", true))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("SampleResource").hasMessageContaining("SampleRow");
    }

    @Test
    void aUseCaseThatRefusesWithAnHttpProblemIsRefused() {
        assertThatThrownBy(() -> ServiceLayout.check("io.leadflow.events.testing.refusalsample", true))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("SampleUseCase").hasMessageContaining("ProblemException");
    }

    @Test
    void aUseCaseWithItsOwnEntityManagerIsRefused() {
        assertThatThrownBy(() -> ServiceLayout.check("io.leadflow.events.testing.persistencesample", true))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("SampleQueries").hasMessageContaining("EntityManager");
    }

    @Test
    void anActiveRecordIsRefused() {
        assertThatThrownBy(() -> ServiceLayout.check("io.leadflow.events.testing.activerecordsample", true))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("ActiveRow").hasMessageContaining("PanacheEntityBase");
    }
}
