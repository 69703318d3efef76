package io.leadflow.routing;

import io.leadflow.events.testing.ServiceFoundationContract;
import io.quarkus.test.junit.QuarkusTest;

/** Health, OpenAPI, metrics and problem+json as every Leadflow service serves them (see the contract class). */
@QuarkusTest
class RoutingFoundationTest extends ServiceFoundationContract {

    @Override
    protected String openApiTitle() {
        return "Leadflow lead routing API";
    }
}
