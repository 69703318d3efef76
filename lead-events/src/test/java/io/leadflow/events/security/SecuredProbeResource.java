package io.leadflow.events.security;

import java.net.URI;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

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

    public record Note(@NotBlank String text) {
    }

    /** A write as a staff app makes it: JSON in, 201 with where it is, its version and the list's new total. */
    @POST
    @Path("/notes")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public Response addNote(@Valid @NotNull Note note) {
        return Response.created(URI.create("/secured/notes/1")).tag(new EntityTag("v1")).header("X-Total-Count", 1)
                .entity(Map.of("text", note.text(), "by", caller.id())).build();
    }

    /** Forgot its annotation: refused by quarkus.security.jaxrs.deny-unannotated-endpoints. */
    @GET
    @Path("/forgotten")
    public Map<String, Object> forgotten() {
        return Map.of("open", true);
    }
}
