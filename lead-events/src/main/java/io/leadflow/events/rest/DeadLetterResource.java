package io.leadflow.events.rest;

import java.util.Arrays;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.leadflow.events.contract.EventType;
import io.leadflow.events.deadletter.DeadLetter;
import io.leadflow.events.deadletter.DeadLetters;
import io.leadflow.events.deadletter.Redrive;
import io.leadflow.events.deadletter.RedriveSummary;
import io.leadflow.events.security.Caller;
import io.leadflow.events.security.Roles;

/**
 * Every service's dead letters, for an administrator to inspect and re-drive after a fix. Each service serves them
 * under its own {@code /api/v1/admin/<service>/dead-letters} (a subclass that names the path), so that one origin
 * routes every administrator's call to the service that holds those letters.
 */
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Dead letters",
        description = "Events this service's consumers gave up on: inspect them and send them back once the cause is "
                + "fixed (admin)")
@RolesAllowed(Roles.ADMIN)
public abstract class DeadLetterResource {

    private final DeadLetters deadLetters;
    private final Caller caller;

    protected DeadLetterResource(DeadLetters deadLetters, Caller caller) {
        this.deadLetters = deadLetters;
        this.caller = caller;
    }

    @GET
    @Operation(operationId = "listDeadLetters",
            summary = "This service's dead letters, newest first: where each is, its event, who gave up on it and "
            + "why (exception class and a short masked message), and whether it was re-driven (admin)")
    public Page<DeadLetter> list(@QueryParam("type") String type, @QueryParam("leadId") String leadId,
                                 @QueryParam("redriven") Boolean redriven, @QueryParam("page") Integer page,
                                 @QueryParam("size") Integer size) {
        Page.PageRequest request = Page.request(page, size);
        return deadLetters.list(new DeadLetters.Filter(eventType(type), leadId, redriven), request);
    }

    @POST
    @Path("/{id}/redrive")
    @Operation(operationId = "redriveDeadLetter",
            summary = "Send one dead letter back to its original topic, once; again answers the earlier re-drive "
            + "with alreadyRedriven (admin)")
    public Redrive redrive(@PathParam("id") String id) {
        return deadLetters.redrive(id, caller.id());
    }

    @POST
    @Path("/redrive")
    @Operation(operationId = "redriveDeadLetters",
            summary = "Send every dead letter of this service not re-driven yet back to its original topic, "
            + "optionally only those of one event type or lead (admin)")
    public RedriveSummary redriveAll(@QueryParam("type") String type, @QueryParam("leadId") String leadId) {
        return deadLetters.redriveAll(new DeadLetters.Filter(eventType(type), leadId, null), caller.id());
    }

    private static String eventType(String code) {
        if (code == null || code.isBlank()) {
            return null;
        }
        return EventType.fromCode(code.strip()).map(EventType::code).orElseThrow(() -> {
            List<String> known = Arrays.stream(EventType.values()).map(EventType::code).toList();
            return ProblemException.badRequest("Parameter 'type' '" + code + "' is not an event type; use one of "
                    + String.join(", ", known) + ".", List.of(new Problem.FieldError("type", "must be one of " + known)));
        });
    }
}
