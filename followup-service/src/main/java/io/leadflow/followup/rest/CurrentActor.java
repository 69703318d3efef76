package io.leadflow.followup.rest;

import jakarta.enterprise.context.RequestScoped;

import io.leadflow.events.security.Caller;
import io.leadflow.followup.domain.Actor;
import io.quarkus.security.UnauthorizedException;

/**
 * Who is acting on this request: the verified bearer token's user (lead-events' {@link Caller}) and its roles. Every
 * endpoint that uses it is {@code @RolesAllowed}, so an anonymous caller never gets here; if one did, it is a 401.
 */
@RequestScoped
public class CurrentActor {

    private final Caller caller;

    public CurrentActor(Caller caller) {
        this.caller = caller;
    }

    public Actor require() {
        String id = caller.id();
        if (id == null || id.isBlank()) {
            throw new UnauthorizedException();
        }
        return new Actor(id, caller.roles());
    }
}
