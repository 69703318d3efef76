package io.leadflow.analytics;

import org.junit.jupiter.api.Test;

import io.leadflow.events.testing.ServiceLayout;

class ServiceLayoutTest {

    @Test
    void theServiceKeepsTheSuitesLayout() {
        ServiceLayout.check("io.leadflow.analytics");
    }

    @Test
    void integrationTestsLiveInIt() {
        ServiceLayout.checkTests("io.leadflow.analytics");
    }
}
