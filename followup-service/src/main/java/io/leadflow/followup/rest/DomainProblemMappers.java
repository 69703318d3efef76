package io.leadflow.followup.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

import io.leadflow.events.rest.Problem;
import io.leadflow.events.rest.ProblemMappers;

/**
 * What only follow-up answers itself: text PostgreSQL cannot store. (The domain's refusals, bad input 400, a broken
 * rule 409, a role that may not do it 403, are lead-events' ProblemMappers'.)
 */
public class DomainProblemMappers {

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
}
