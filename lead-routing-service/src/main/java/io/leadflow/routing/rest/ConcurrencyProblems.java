package io.leadflow.routing.rest;

import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.PessimisticLockException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.leadflow.events.rest.Problem;

/**
 * Two changes to the same leads and reps in opposite order (say, deactivating a rep while one of their leads is
 * reassigned) can meet in a deadlock the database resolves by aborting one: that request is told to retry.
 */
public class ConcurrencyProblems {

    @ServerExceptionMapper
    public Response lock(PessimisticLockException e, UriInfo uri) {
        return retry(uri);
    }

    @ServerExceptionMapper
    public Response timeout(LockTimeoutException e, UriInfo uri) {
        return retry(uri);
    }

    private static Response retry(UriInfo uri) {
        Problem problem = Problem.of("concurrent-change", 409, "Conflict",
                "Another change to the same lead or rep happened at the same moment; nothing was changed, retry.")
                .at("/" + uri.getPath().replaceFirst("^/", ""));
        return Response.status(409).type(Problem.MEDIA_TYPE).header("Retry-After", "1").entity(problem).build();
    }
}
