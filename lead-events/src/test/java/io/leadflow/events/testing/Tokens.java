package io.leadflow.events.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.leadflow.events.security.LocalTokens;
import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.config.HeaderConfig;
import io.restassured.specification.RequestSpecification;

/**
 * Bearer tokens for service tests, signed with the test key pair in {@code leadflow-test-jwt/} that every service's
 * {@code %test} profile trusts (issuer {@value #ISSUER}). The user name is the rep id for sales users.
 *
 * <pre>
 *   Tokens.useByDefault("admin-test", Roles.ADMIN);          // every given() in the class sends it
 *   Tokens.as("rep-li", Roles.SALES).get("/api/v1/leads/X"); // this request as someone else
 *   Tokens.anonymous().get(...);                              // no Authorization header at all
 * </pre>
 */
public final class Tokens {

    public static final String ISSUER = "https://leadflow.test";
    private static final PrivateKey KEY = load("leadflow-test-jwt/privateKey.pem");

    private Tokens() {
    }

    public static String token(String user, String... roles) {
        return LocalTokens.mint(KEY, ISSUER, user, List.of(roles), Instant.now(), Duration.ofHours(1));
    }

    public static String bearer(String user, String... roles) {
        return "Bearer " + token(user, roles);
    }

    /** A request with this user's token, replacing any default token. */
    public static RequestSpecification as(String user, String... roles) {
        return RestAssured.given().header("Authorization", bearer(user, roles));
    }

    /** A request without any Authorization header, even when a default token is set. */
    public static RequestSpecification anonymous() {
        return RestAssured.given().filter((request, response, ctx) -> {
            request.removeHeader("Authorization");
            return ctx.next(request, response);
        });
    }

    /** Makes every {@code given()} send this user's token until {@link #clearDefault()}; {@link #as} overrides it. */
    public static void useByDefault(String user, String... roles) {
        RestAssured.config = RestAssured.config().headerConfig(
                HeaderConfig.headerConfig().overwriteHeadersWithName("Authorization", "Content-Type", "Accept"));
        RestAssured.requestSpecification = new RequestSpecBuilder()
                .addHeader("Authorization", bearer(user, roles)).build();
    }

    public static void clearDefault() {
        RestAssured.requestSpecification = null;
    }

    /** Signed by the right key and issuer, but expired an hour ago. */
    public static String expired(String user, String... roles) {
        return LocalTokens.mint(KEY, ISSUER, user, List.of(roles), Instant.now().minus(Duration.ofHours(3)),
                Duration.ofHours(2));
    }

    /** Right key and issuer, but issued for another application (its audience). */
    public static String otherAudience(String user, String... roles) {
        return LocalTokens.mint(KEY, ISSUER, "crm-other-app", user, user, List.of(roles), Instant.now(),
                Duration.ofHours(1));
    }

    /** Right key, issuer and audience, not expired (a 48 hour lifetime), but issued 13 hours ago: too old. */
    public static String tooOld(String user, String... roles) {
        return LocalTokens.mint(KEY, ISSUER, LocalTokens.AUDIENCE, user, user, List.of(roles),
                Instant.now().minus(Duration.ofHours(13)), Duration.ofHours(48));
    }

    /** A valid token whose immutable id ({@code sub}) and changeable login name differ, as at a real identity provider. */
    public static String withLoginName(String subject, String loginName, String... roles) {
        return LocalTokens.mint(KEY, ISSUER, LocalTokens.AUDIENCE, subject, loginName, List.of(roles), Instant.now(),
                Duration.ofHours(1));
    }

    /** Right key, another issuer. */
    public static String wrongIssuer(String user, String... roles) {
        return LocalTokens.mint(KEY, "https://evil.example", user, List.of(roles), Instant.now(), Duration.ofHours(1));
    }

    /** Right issuer and claims, signed by a key nobody trusts (a forged {@code groups} claim looks like this). */
    public static String wrongKey(String user, String... roles) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return LocalTokens.mint(generator.generateKeyPair().getPrivate(), ISSUER, user, List.of(roles),
                    Instant.now(), Duration.ofHours(1));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token whose payload was edited after signing to claim admin: the signature no longer matches. */
    public static String forgedGroups(String user, String... roles) {
        String[] parts = token(user, roles).split("\\.");
        String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String forged = payload.replaceFirst("\"groups\":\\[[^]]*]", "\"groups\":[\"admin\"]");
        return parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(forged.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }

    private static PrivateKey load(String resource) {
        try (InputStream in = Tokens.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the test classpath (lead-events test-jar)");
            }
            return LocalTokens.readPrivateKey(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read " + resource, e);
        }
    }
}
