package io.leadflow.followup;

import org.junit.jupiter.api.Test;

import io.leadflow.events.testing.ServiceLayout;

class ServiceLayoutTest {

    @Test
    void theServiceKeepsTheSuitesLayout() {
        ServiceLayout.check("io.leadflow.followup");
    }

    @Test
    void integrationTestsLiveInIt() {
        ServiceLayout.checkTests("io.leadflow.followup");
    }
}
