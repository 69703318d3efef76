package io.leadflow.events.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * A path that answers CORS itself with its own origin, as intake's public form does per form; the test config lists
 * it in {@code leadflow.cors.own-paths}, so the staff CORS must leave it alone.
 */
@Path("/own-cors/{key}/answers")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class OwnCorsProbeResource {

    static final String OWN_SITE = "https://own-site.example";

    @OPTIONS
    public Response preflight(@HeaderParam("Origin") String origin) {
        if (!OWN_SITE.equals(origin)) {
            throw new ProblemException(Problem.of("origin-not-allowed", 403, "Forbidden", "Not this path's site."));
        }
        return Response.noContent().header("Access-Control-Allow-Origin", origin)
                .header("Access-Control-Allow-Methods", "POST, OPTIONS").build();
    }

    @GET
    public Response answer(@HeaderParam("Origin") String origin) {
        Response.ResponseBuilder response = Response.ok("{\"answered\":true}");
        if (OWN_SITE.equals(origin)) {
            response.header("Access-Control-Allow-Origin", origin);
        }
        return response.build();
    }
}
