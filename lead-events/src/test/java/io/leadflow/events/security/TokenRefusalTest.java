package io.leadflow.events.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalLong;

import org.jose4j.jwt.consumer.ErrorCodeValidator;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.junit.jupiter.api.Test;

import io.quarkus.security.AuthenticationFailedException;
import io.smallrye.jwt.auth.principal.ParseException;

/** How a verifier's refusal is worded (the Quarkus tests in SecurityTest send real tokens). */
class TokenRefusalTest {

    private static Throwable refused(int... codes) {
        List<ErrorCodeValidator.Error> errors = java.util.Arrays.stream(codes)
                .mapToObj(c -> new ErrorCodeValidator.Error(c, "code " + c)).toList();
        return new AuthenticationFailedException(new ParseException("SRJWT07000: Failed to verify a token",
                new InvalidJwtException("claims {\"note\":\"SRJWT07018\"}", errors, null)));
    }

    @Test
    void expiredAndNothingElseIsExpired() {
        assertThat(TokenRefusal.of(refused(ErrorCodes.EXPIRED))).isEqualTo(TokenRefusal.EXPIRED);
    }

    @Test
    void expiredWithAnyOtherFaultIsInvalidBecauseItsExpiryCannotBeTrusted() {
        assertThat(TokenRefusal.of(refused(ErrorCodes.EXPIRED, ErrorCodes.ISSUER_INVALID)))
                .isEqualTo(TokenRefusal.INVALID);
        assertThat(TokenRefusal.of(refused(ErrorCodes.SIGNATURE_INVALID))).isEqualTo(TokenRefusal.INVALID);
        assertThat(TokenRefusal.of(refused(ErrorCodes.AUDIENCE_INVALID))).isEqualTo(TokenRefusal.INVALID);
        assertThat(TokenRefusal.of(new AuthenticationFailedException())).isEqualTo(TokenRefusal.INVALID);
    }

    @Test
    void aVerifiedTokenPastTheMaximumAgeIsTooOldButAClaimSayingSoIsNot() {
        assertThat(TokenRefusal.of(new AuthenticationFailedException(
                new ParseException("SRJWT07018: The token age has exceeded 43200 seconds")))).isEqualTo(TokenRefusal.TOO_OLD);
        // The claims quoted in a verifier's message are the caller's words, never evidence.
        assertThat(TokenRefusal.of(refused(ErrorCodes.SIGNATURE_INVALID))).isEqualTo(TokenRefusal.INVALID);
    }

    @Test
    void theChallengesFollowRfc6750() {
        OptionalLong age = OptionalLong.of(43200);
        assertThat(TokenRefusal.MISSING.challenge(age)).isEqualTo("Bearer realm=\"leadflow\"");
        assertThat(TokenRefusal.EXPIRED.challenge(age)).isEqualTo(
                "Bearer realm=\"leadflow\", error=\"invalid_token\", error_description=\"The token expired\"");
        assertThat(TokenRefusal.TOO_OLD.challenge(age)).startsWith(
                "Bearer realm=\"leadflow\", error=\"invalid_token\", error_description=\"The token expired: ")
                .contains("43200 seconds");
        assertThat(TokenRefusal.INVALID.challenge(OptionalLong.empty())).isEqualTo("Bearer realm=\"leadflow\", "
                + "error=\"invalid_token\", error_description=\"The token could not be verified\"");
        for (TokenRefusal refusal : List.of(TokenRefusal.EXPIRED, TokenRefusal.TOO_OLD, TokenRefusal.INVALID)) {
            String description = refusal.challenge(age).replaceAll("^.*error_description=\"|\"$", "");
            assertThat(description).as(refusal.name()).matches("[\\x20-\\x21\\x23-\\x5B\\x5D-\\x7E]*");
        }
    }
}
