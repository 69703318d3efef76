package io.leadflow.routing.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.leadflow.events.deadletter.DeadLetters;
import io.leadflow.events.rest.DeadLetterResource;
import io.leadflow.events.security.Caller;
import io.leadflow.events.security.Roles;

/**
 * This service's dead letters, under its own prefix behind the one origin. Role and tag repeat the base
 * class's: the OpenAPI scan reads them from the resource class itself.
 */
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Dead letters",
        description = "Events this service's consumers gave up on: inspect them and send them back once the cause is "
                + "fixed (admin)")
@Path("/api/v1/admin/routing/dead-letters")
public class RoutingDeadLetterResource extends DeadLetterResource {

    public RoutingDeadLetterResource(DeadLetters deadLetters, Caller caller) {
        super(deadLetters, caller);
    }
}
