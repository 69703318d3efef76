package io.leadflow.followup.rest;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;

import io.leadflow.events.rest.Problem;
import io.leadflow.events.rest.ProblemException;
import io.leadflow.followup.domain.Actor;

/**
 * Who is acting on this request. Until the security issue lands it is read from the {@code X-Leadflow-User} and
 * {@code X-Leadflow-Roles} headers; then only this class changes, to read the JWT's subject and groups.
 */
@RequestScoped
public class CurrentActor {

    public static final String USER_HEADER = "X-Leadflow-User";
    public static final String ROLES_HEADER = "X-Leadflow-Roles";

    @Context
    HttpHeaders headers;

    public Actor require() {
        String user = headers.getHeaderString(USER_HEADER);
        if (user == null || user.isBlank()) {
            throw new ProblemException(Problem.of("actor-required", 400, "Bad Request",
                    "Say who is acting: send the " + USER_HEADER + " header with your user id (e.g. rep-li), and "
                            + ROLES_HEADER + " (e.g. sales or sales-manager).")
                    .withErrors(List.of(new Problem.FieldError(USER_HEADER, "is required"))));
        }
        String roles = headers.getHeaderString(ROLES_HEADER);
        Set<String> roleSet = roles == null ? Set.of() : Arrays.stream(roles.split(","))
                .map(String::trim).filter(r -> !r.isEmpty()).collect(Collectors.toSet());
        return new Actor(user.trim(), roleSet);
    }
}
