package io.leadflow.followup.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.leadflow.events.rest.Problem;
import io.leadflow.followup.domain.InvalidInput;
import io.leadflow.followup.domain.NotPermitted;
import io.leadflow.followup.domain.RuleBroken;

/** The domain's refusals as problem+json: bad input 400, a broken rule 409, not the owner 403. */
public class DomainProblemMappers {

    @ServerExceptionMapper
    public Response invalid(InvalidInput e, UriInfo uri) {
        var errors = e.violations().stream().map(v -> new Problem.FieldError(v.field(), v.message())).toList();
        String detail = errors.size() == 1 ? "Field '" + errors.get(0).field() + "' " + errors.get(0).message() + "."
                : errors.size() + " fields are invalid; see errors.";
        return Problem.of("validation", 400, "Bad Request", detail).withErrors(errors).at(uri.getPath()).toResponse();
    }

    @ServerExceptionMapper
    public Response ruleBroken(RuleBroken e, UriInfo uri) {
        return Problem.of("conflict", 409, "Conflict", e.getMessage()).at(uri.getPath()).toResponse();
    }

    @ServerExceptionMapper
    public Response notPermitted(NotPermitted e, UriInfo uri) {
        return Problem.of("forbidden", 403, "Forbidden", e.getMessage()).at(uri.getPath()).toResponse();
    }
}
