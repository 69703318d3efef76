package io.leadflow.analytics.it;

import org.junit.jupiter.api.BeforeEach;

import io.leadflow.events.security.Roles;
import io.leadflow.events.testing.ServiceFoundationContract;
import io.leadflow.events.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/** Health, OpenAPI, metrics and problem+json as every Leadflow service serves them (see the contract class). */
@QuarkusTest
class AnalyticsFoundationTest extends ServiceFoundationContract {

    @BeforeEach
    void signedInAsAnAdmin() {
        Tokens.useByDefault("test-admin", Roles.ADMIN);
    }

    @Override
    protected String openApiTitle() {
        return "Leadflow analytics API";
    }
}
