package io.leadflow.routing;

import org.junit.jupiter.api.Test;

import io.leadflow.events.testing.ServiceLayout;

class ServiceLayoutTest {

    @Test
    void theServiceKeepsTheSuitesLayout() {
        ServiceLayout.check("io.leadflow.routing");
    }

    @Test
    void integrationTestsLiveInIt() {
        ServiceLayout.checkTests("io.leadflow.routing");
    }
}
