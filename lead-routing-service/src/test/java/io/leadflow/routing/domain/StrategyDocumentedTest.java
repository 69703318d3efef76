package io.leadflow.routing.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.junit.jupiter.api.Test;

import io.leadflow.routing.service.Views;

/**
 * The strategies an assignment's answer declares are every one the rules have, a manager's and a named owner's (the
 * e2e walk checks real answers against the declaration too).
 */
class StrategyDocumentedTest {

    @Test
    void anAssignmentsDeclaredStrategiesAreTheRulesOnesAManagersAndANamedOwners() throws Exception {
        Schema schema = Views.AssignmentView.class.getDeclaredField("strategy").getAnnotation(Schema.class);
        String[] expected = Arrays.stream(Strategy.values()).map(Enum::name).toArray(String[]::new);
        assertThat(schema.enumeration()).contains(expected).contains(Router.MANUAL_RULE, Router.NAMED_OWNER_RULE)
                .hasSize(expected.length + 2);
    }
}
