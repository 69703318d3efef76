package io.leadflow.events.deadletter;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.leadflow.events.deadletter.DeadLetters;
import io.leadflow.events.rest.DeadLetterResource;
import io.leadflow.events.security.Caller;
import io.leadflow.events.security.Roles;

/**
 * The test application's dead letters, under a prefix of its own as every service has. Role and tag repeat the
 * base class's: the OpenAPI scan reads them from the resource class itself.
 */
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Dead letters",
        description = "Events this service's consumers gave up on: inspect them and send them back once the cause is "
                + "fixed (admin)")
@Path("/api/v1/admin/test/dead-letters")
public class TestDeadLetterResource extends DeadLetterResource {

    public TestDeadLetterResource(DeadLetters deadLetters, Caller caller) {
        super(deadLetters, caller);
    }
}
