package io.leadflow.events.security;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.leadflow.events.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class SecurityTest {

    @AfterEach
    void noDefaultToken() {
        Tokens.clearDefault();
    }

    private static ValidatableResponse unauthorized(ValidatableResponse response) {
        return response.statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("status", equalTo(401))
                .body("type", equalTo("https://leadflow.io/problems/unauthorized"));
    }

    @Test
    void aValidTokenWithTheRoleIsServedAndNamesTheCaller() {
        Tokens.as("alice", Roles.ADMIN).get("/secured/admin").then().statusCode(200)
                .body("user", equalTo("alice"))
                .body("roles", hasItem("admin"));
    }

    @Test
    void noTokenIs401WithAProblemThatSaysHowToGetOne() {
        unauthorized(Tokens.anonymous().get("/secured/admin").then())
                .header("WWW-Authenticate", equalTo("Bearer realm=\"leadflow\""))
                .body("detail", containsString("Authorization: Bearer"));
        // Another scheme is no bearer token at all.
        unauthorized(RestAssured.given().header("Authorization", "Basic YWxpY2U6c2VjcmV0").get("/secured/admin").then())
                .header("WWW-Authenticate", equalTo("Bearer realm=\"leadflow\""));
    }

    /** RFC 6750: an app refreshes an expired token and stops retrying one that can never be verified. */
    @Test
    void anExpiredTokenIsToldApartFromOneThatCannotBeVerified() {
        String expired = Tokens.expired("alice", Roles.ADMIN);
        unauthorized(RestAssured.given().header("Authorization", "Bearer " + expired).get("/secured/admin").then())
                .header("WWW-Authenticate", equalTo("Bearer realm=\"leadflow\", error=\"invalid_token\", "
                        + "error_description=\"The token expired\""))
                .body("detail", containsString("expired"))
                .body("detail", containsString("fresh token"))
                .body(not(containsString(expired)));
    }

    /** Genuine, unexpired, but issued longer ago than the maximum age: expired too, as far as the app is concerned. */
    @Test
    void aTokenOlderThanTheMaximumAgeIsExpired() {
        String old = Tokens.tooOld("alice", Roles.ADMIN);
        unauthorized(RestAssured.given().header("Authorization", "Bearer " + old).get("/secured/admin").then())
                .header("WWW-Authenticate", allOf(containsString("error=\"invalid_token\""),
                        containsString("error_description=\"The token expired: it was issued more than 43200 seconds ago\"")))
                .body("detail", containsString("43200 seconds"))
                .body("detail", containsString("fresh token"));
    }

    /**
     * Forged, wrongly signed, from another issuer or audience, edited, garbage: never "expired", even when the
     * forged token's exp is in the past, since nothing in it can be believed.
     */
    @Test
    void aTokenThatCannotBeVerifiedIsInvalidNotExpired() throws Exception {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String forgedAndExpired = LocalTokens.mint(generator.generateKeyPair().getPrivate(), Tokens.ISSUER, "alice",
                java.util.List.of(Roles.ADMIN), java.time.Instant.now().minus(java.time.Duration.ofHours(3)),
                java.time.Duration.ofHours(2));
        for (String token : new String[] {Tokens.wrongKey("alice", Roles.ADMIN), Tokens.wrongIssuer("alice", Roles.ADMIN),
                Tokens.otherAudience("alice", Roles.ADMIN), Tokens.forgedGroups("mallory", Roles.SALES), forgedAndExpired,
                "not.a.jwt", "abc"}) {
            unauthorized(RestAssured.given().header("Authorization", "Bearer " + token).get("/secured/admin").then())
                    .header("WWW-Authenticate", equalTo("Bearer realm=\"leadflow\", error=\"invalid_token\", "
                            + "error_description=\"The token could not be verified\""))
                    .body("detail", containsString("could not be verified"))
                    .body("detail", not(containsString("expired")))
                    .body(not(containsString(token)));
        }
    }

    /**
     * The caller is their token's {@code sub}, which an identity provider never changes, not the login name a user
     * may be allowed to change into someone else's.
     */
    @Test
    void theCallerIsTheImmutableSubjectNotTheLoginName() {
        RestAssured.given().header("Authorization", "Bearer " + Tokens.withLoginName("8d1f-uuid-of-li", "rep-zhao",
                        Roles.ADMIN)).get("/secured/admin").then().statusCode(200)
                .body("user", equalTo("8d1f-uuid-of-li"));
    }

    @Test
    void forgedGroupsAreRefusedNotPromoted() {
        unauthorized(RestAssured.given().header("Authorization", "Bearer " + Tokens.forgedGroups("mallory", Roles.SALES))
                .get("/secured/admin").then());
    }

    @Test
    void aTokenWithoutTheRoleIs403NamingTheRolesItHas() {
        Tokens.as("bob", Roles.ANALYST).get("/secured/admin").then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("https://leadflow.io/problems/forbidden"))
                .body("detail", containsString("analyst"));
    }

    @Test
    void aSalesRepSeesTheirOwnLeadAndNobodyElses() {
        Tokens.as("rep-li", Roles.SALES).get("/secured/leads/LX1").then().statusCode(200);
        Tokens.as("rep-zhao", Roles.SALES).get("/secured/leads/LX1").then().statusCode(404)
                .body(not(containsString("rep-li")));
        Tokens.as("boss", Roles.SALES_MANAGER).get("/secured/leads/LX1").then().statusCode(200);
        Tokens.as("boss", Roles.SALES, Roles.SALES_MANAGER).get("/secured/leads/LX1").then().statusCode(200);
    }

    @Test
    void anEndpointWithoutAnAnnotationIsClosedEvenToAdmins() {
        Tokens.as("alice", Roles.ADMIN).get("/secured/forgotten").then().statusCode(403);
        Tokens.anonymous().get("/secured/forgotten").then().statusCode(401);
    }

    @Test
    void aDefaultTokenCanBeOverriddenAndRemoved() {
        Tokens.useByDefault("bob", Roles.ANALYST);
        RestAssured.given().get("/secured/admin").then().statusCode(403);
        Tokens.as("alice", Roles.ADMIN).get("/secured/admin").then().statusCode(200).body("user", equalTo("alice"));
        unauthorized(Tokens.anonymous().get("/secured/admin").then());
    }

    @Test
    void publicInfrastructureEndpointsNeedNoToken() {
        Tokens.anonymous().get("/q/health/live").then().statusCode(200);
        Tokens.anonymous().get("/probe?size=2").then().statusCode(200);
    }
}
