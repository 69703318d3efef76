package io.leadflow.intake;

import org.junit.jupiter.api.Test;

import io.leadflow.events.testing.ServiceLayout;

class ServiceLayoutTest {

    @Test
    void theServiceKeepsTheSuitesLayout() {
        ServiceLayout.check("io.leadflow.intake");
    }

    @Test
    void integrationTestsLiveInIt() {
        ServiceLayout.checkTests("io.leadflow.intake");
    }
}
