package io.leadflow.events.security;

import java.util.Optional;
import java.util.OptionalLong;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.leadflow.events.rest.Problem;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * 401 and 403 as problem+json that say what to do. With {@code quarkus.http.auth.proactive=false} (set in
 * lead-events' shared config) token failures reach these mappers instead of ending as empty responses. A 401's
 * {@code WWW-Authenticate} tells a missing token from an expired one and from one that cannot be verified
 * ({@link TokenRefusal}), so an app knows whether a fresh token will help.
 */
public class SecurityProblems {

    @jakarta.inject.Inject
    SecurityIdentity identity;

    /** {@code mp.jwt.verify.token.age}, named in the answer to a token that outlived it. */
    @jakarta.inject.Inject
    @ConfigProperty(name = "mp.jwt.verify.token.age")
    Optional<Long> maxTokenAgeSeconds;

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e, UriInfo uri) {
        return unauthorized(uri, TokenRefusal.MISSING);
    }

    @ServerExceptionMapper
    public Response badToken(AuthenticationFailedException e, UriInfo uri) {
        // Never echo the token or the verifier's message (it may quote claims): say what is wrong and what to do.
        return unauthorized(uri, TokenRefusal.of(e));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        String roles = identity == null || identity.getRoles().isEmpty() ? "none"
                : String.join(", ", new java.util.TreeSet<>(identity.getRoles()));
        return Problem.of("forbidden", 403, "Forbidden",
                        "Your roles (" + roles + ") do not allow this request; see the permission matrix in the "
                                + "README or ask an administrator for the role it needs.")
                .at(uri.getPath()).toResponse();
    }

    private Response unauthorized(UriInfo uri, TokenRefusal refusal) {
        OptionalLong maxAge = maxTokenAgeSeconds.map(OptionalLong::of).orElse(OptionalLong.empty());
        return Response.fromResponse(Problem.of("unauthorized", 401, "Unauthorized", refusal.detail(maxAge))
                .at(uri.getPath()).toResponse()).header(HttpHeaders.WWW_AUTHENTICATE, refusal.challenge(maxAge)).build();
    }
}
