package io.leadflow.followup.it;

import org.junit.jupiter.api.BeforeEach;

import io.leadflow.events.security.Roles;
import io.leadflow.events.testing.ServiceFoundationContract;
import io.leadflow.events.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/** Health, OpenAPI, metrics and problem+json as every Leadflow service serves them (see the contract class). */
@QuarkusTest
class FollowupFoundationTest extends ServiceFoundationContract {

    /** The infrastructure endpoints are public; the API ones are checked with a token like every other test's. */
    @BeforeEach
    void authenticateAsAdmin() {
        Tokens.useByDefault("test-admin", Roles.ADMIN);
    }

    @Override
    protected String openApiTitle() {
        return "Leadflow follow-up API";
    }
}
