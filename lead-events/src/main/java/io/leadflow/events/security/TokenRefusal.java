package io.leadflow.events.security;

import java.util.OptionalLong;

import org.jose4j.jwt.consumer.ErrorCodeValidator;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;

import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Why a bearer token was refused, in the words of RFC 6750's {@code WWW-Authenticate: Bearer} challenge and of the
 * problem's detail, so an app can tell "get a fresh token" (expired) from "this token will never work" (invalid).
 *
 * <p>A token counts as expired only when its signature, issuer and audience were verified and its age was the one
 * fault: the verifier checks the signature first, and a forged token's {@code exp} says nothing.
 */
public enum TokenRefusal {

    MISSING, EXPIRED, TOO_OLD, INVALID;

    static final String REALM = "Bearer realm=\"leadflow\"";

    /** smallrye-jwt's message for a token older than {@code mp.jwt.verify.token.age} (its id, SRJWT07018). */
    private static final String TOKEN_AGE_EXCEEDED = "SRJWT07018";

    /** What the verifier's exception (with its causes) says about the token. */
    public static TokenRefusal of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InvalidJwtException invalid) {
                return onlyExpired(invalid) ? EXPIRED : INVALID;
            }
        }
        // The age is checked after the signature, issuer and audience were verified, so no InvalidJwtException then.
        // Only smallrye-jwt's own message is read: an InvalidJwtException's message quotes the token's claims.
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ParseException && t.getMessage() != null && t.getMessage().contains(TOKEN_AGE_EXCEEDED)) {
                return TOO_OLD;
            }
        }
        return INVALID;
    }

    private static boolean onlyExpired(InvalidJwtException invalid) {
        if (!invalid.hasExpired()) {
            return false;
        }
        for (ErrorCodeValidator.Error error : invalid.getErrorDetails()) {
            if (error.getErrorCode() != ErrorCodes.EXPIRED) {
                return false;
            }
        }
        return true;
    }

    /** The {@code WWW-Authenticate} value: RFC 6750 descriptions are plain ASCII without quotes or backslashes. */
    public String challenge(OptionalLong maxAgeSeconds) {
        return switch (this) {
            case MISSING -> REALM;
            case EXPIRED -> REALM + ", error=\"invalid_token\", error_description=\"The token expired\"";
            case TOO_OLD -> REALM + ", error=\"invalid_token\", error_description=\"The token expired: it was issued "
                    + maxAgeSeconds.stream().mapToObj(s -> "more than " + s + " seconds ago")
                            .findFirst().orElse("too long ago") + "\"";
            case INVALID -> REALM + ", error=\"invalid_token\", error_description=\"The token could not be verified\"";
        };
    }

    /** The problem's detail: what happened and what to do, never the token or the verifier's message. */
    public String detail(OptionalLong maxAgeSeconds) {
        return switch (this) {
            case MISSING -> "This endpoint needs a bearer token: send 'Authorization: Bearer <JWT>' issued by the "
                    + "configured identity provider (locally: deploy/local/token <user> <roles>).";
            case EXPIRED -> "The bearer token expired. Get a fresh token from the identity provider (refresh it, or "
                    + "sign in again) and repeat the request.";
            case TOO_OLD -> "The bearer token expired: Leadflow accepts a token for "
                    + maxAgeSeconds.stream().mapToObj(s -> s + " seconds").findFirst().orElse("a limited time")
                    + " after it was issued, whatever its exp says. Get a fresh token from the identity provider "
                    + "(refresh it, or sign in again) and repeat the request.";
            case INVALID -> "The bearer token could not be verified: it is malformed, not signed by the configured "
                    + "key, from another issuer, or meant for another application (aud). Retrying it will not help; "
                    + "get a token from the configured identity provider (locally: deploy/local/token <user> <roles>).";
        };
    }
}
