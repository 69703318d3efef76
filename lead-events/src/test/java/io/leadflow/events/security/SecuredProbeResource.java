package io.leadflow.events.security;

import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.leadflow.events.rest.ProblemException;

/** Endpoints shaped like the services' staff endpoints, to test the shared security layer. */
@Path("/secured")
@Produces(MediaType.APPLICATION_JSON)
public class SecuredProbeResource {

    private final Caller caller;

    public SecuredProbeResource(Caller caller) {
        this.caller = caller;
    }

    @GET
    @Path("/admin")
    @RolesAllowed(Roles.ADMIN)
    public Map<String, Object> admin() {
        return Map.of("user", caller.id(), "roles", caller.roles());
    }

    /** A lead owned by rep-li: sales see it only when they are rep-li; managers always. */
    @GET
    @Path("/leads/{id}")
    @RolesAllowed({Roles.SALES, Roles.SALES_MANAGER, Roles.ADMIN})
    public Map<String, Object> lead(@PathParam("id") String id) {
        if (!caller.maySee("rep-li", Roles.SALES_MANAGER)) {
            throw ProblemException.notFound("lead", id);
        }
        return Map.of("id", id, "ownerId", "rep-li");
    }

    /** Forgot its annotation: refused by quarkus.security.jaxrs.deny-unannotated-endpoints. */
    @GET
    @Path("/forgotten")
    public Map<String, Object> forgotten() {
        return Map.of("open", true);
    }
}
