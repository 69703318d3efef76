package io.leadflow.routing.it;

import org.junit.jupiter.api.BeforeEach;

import io.leadflow.events.security.Roles;
import io.leadflow.events.testing.ServiceFoundationContract;
import io.leadflow.events.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/** Health, OpenAPI, metrics and problem+json as every Leadflow service serves them (see the contract class). */
@QuarkusTest
class RoutingFoundationTest extends ServiceFoundationContract {

    /** Every request of this class carries an admin's token unless it says otherwise (Tokens.as / anonymous). */
    @BeforeEach
    void authenticateAsAdmin() {
        Tokens.useByDefault("test-admin", Roles.ADMIN);
    }

    @Override
    protected String openApiTitle() {
        return "Leadflow lead routing API";
    }
}
