package io.leadflow.analytics.rest;

import java.util.List;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.leadflow.analytics.domain.InvalidQueryException;
import io.leadflow.events.rest.Problem;

/** A query the domain cannot answer is the client's to fix: 400 naming the parameter. */
public class InvalidQueryMapper {

    @ServerExceptionMapper
    public Response invalidQuery(InvalidQueryException e, UriInfo uri) {
        return Problem.of("validation", 400, "Bad Request", "Parameter '" + e.field() + "': " + e.getMessage() + ".")
                .withErrors(List.of(new Problem.FieldError(e.field(), e.getMessage())))
                .at("/" + uri.getPath().replaceFirst("^/", ""))
                .toResponse();
    }
}
