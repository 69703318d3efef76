package io.leadflow.intake.rest;

import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.hibernate.StaleStateException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.leadflow.events.rest.Problem;

/** Two corrections of one lead saved at the same moment: the second is a 409 to reload and retry, not a 500. */
public class ConcurrencyProblems {

    @ServerExceptionMapper
    public Response optimisticLock(OptimisticLockException e, UriInfo uri) {
        return conflict(uri);
    }

    @ServerExceptionMapper
    public Response staleState(StaleStateException e, UriInfo uri) {
        return conflict(uri);
    }

    private static Response conflict(UriInfo uri) {
        return Problem.of("conflict", 409, "Conflict", "Someone changed this lead while your change was being saved; "
                + "reload it and apply your change again.").at(uri.getPath()).toResponse();
    }
}
