package io.leadflow.followup.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

import io.leadflow.events.rest.Problem;
import io.leadflow.events.rest.ProblemMappers;
import io.leadflow.followup.domain.InvalidInput;
import io.leadflow.followup.domain.NotPermitted;
import io.leadflow.followup.domain.RuleBroken;

/**
 * The domain's refusals as problem+json: bad input 400, a broken rule 409, a role that may not do it 403. (Someone
 * else's lead or task is a 404 from the services, answered exactly as an unknown id.)
 */
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

    /**
     * PostgreSQL refuses some text a client can send (a NUL character in a body, a path or a query parameter); that is
     * the client's input, not our failure. Anything else keeps the shared 500 answer with its log reference.
     */
    @ServerExceptionMapper
    public Response unstorableText(RuntimeException e, UriInfo uri) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && List.of("22021", "22P05", "22001").contains(sql.getSQLState())) {
                return Problem.of("unstorable-text", 400, "Bad Request",
                        "The request contains text that cannot be stored (a NUL character, \\u0000, or a value far too long); "
                                + "remove it and send again.").at(uri.getPath()).toResponse();
            }
        }
        return new ProblemMappers().unexpected(e, uri);
    }

    @ServerExceptionMapper
    public Response notPermitted(NotPermitted e, UriInfo uri) {
        return Problem.of("forbidden", 403, "Forbidden", e.getMessage()).at(uri.getPath()).toResponse();
    }
}
