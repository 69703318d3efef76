package io.leadflow.events.security;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.leadflow.events.rest.Problem;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * 401 and 403 as problem+json that say what to do. With {@code quarkus.http.auth.proactive=false} (set in
 * lead-events' shared config) token failures reach these mappers instead of ending as empty responses.
 */
public class SecurityProblems {

    private static final String CHALLENGE = "Bearer realm=\"leadflow\"";

    @jakarta.inject.Inject
    SecurityIdentity identity;

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e, UriInfo uri) {
        return unauthorized(uri, "This endpoint needs a bearer token: send 'Authorization: Bearer <JWT>' issued by "
                + "the configured identity provider (locally: deploy/local/token <user> <roles>).");
    }

    @ServerExceptionMapper
    public Response badToken(AuthenticationFailedException e, UriInfo uri) {
        // Never echo the token or the verifier's message (it may quote claims): say what can be wrong.
        return unauthorized(uri, "The bearer token was refused: it is malformed, expired, not signed by the "
                + "configured key, or from another issuer. Get a new token and retry.");
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

    private static Response unauthorized(UriInfo uri, String detail) {
        return Response.fromResponse(Problem.of("unauthorized", 401, "Unauthorized", detail).at(uri.getPath())
                .toResponse()).header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE).build();
    }
}
