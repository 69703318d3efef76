package io.leadflow.intake.it;

import io.leadflow.events.testing.ServiceFoundationContract;
import io.quarkus.test.junit.QuarkusTest;

/** Health, OpenAPI, metrics and problem+json as every Leadflow service serves them (see the contract class). */
@QuarkusTest
class IntakeFoundationTest extends ServiceFoundationContract {

    @Override
    protected String openApiTitle() {
        return "Leadflow lead intake API";
    }
}
