package io.leadflow.events.rest;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** A resource that exists only in lead-events' tests, shaped like the services' resources, to probe the mappers. */
@Path("/probe")
@jakarta.annotation.security.PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class ProbeResource {

    public enum Channel { STAFF, FORM, IMPORT }

    public record Contact(@Email String email) {
    }

    public record Body(@NotBlank String name, @Min(1) Integer size, Channel channel, @Valid Contact contact,
                       List<String> tags, java.time.LocalDate registeredOn) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Body echo(@Valid @NotNull Body body) {
        return body;
    }

    @GET
    public List<String> list(@QueryParam("size") @Min(1) @Max(200) int size) {
        return List.of("size " + size);
    }

    @GET
    @Path("/leads/{id}")
    public Body lead(@PathParam("id") String id) {
        throw ProblemException.notFound("Lead", id);
    }

    @jakarta.inject.Inject
    javax.sql.DataSource dataSource;

    /** Hands the client's text to PostgreSQL, as a service storing it would. */
    @POST
    @Path("/store")
    @Consumes(MediaType.APPLICATION_JSON)
    public Body store(@Valid @NotNull Body body) throws java.sql.SQLException {
        try (var c = dataSource.getConnection(); var s = c.prepareStatement("select cast(? as text)")) {
            s.setString(1, body.name());
            s.executeQuery().close();
        }
        return body;
    }

    /** A database that refuses connections, as the service's own does while PostgreSQL restarts. */
    @GET
    @Path("/unreachable")
    public Body unreachable() throws java.sql.SQLException {
        java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=2", "x", "x").close();
        return null;
    }

    /** What a save meets when another transaction changed (or holds) the same rows: which one is the query's. */
    @GET
    @Path("/concurrent/{kind}")
    public Body concurrent(@PathParam("kind") String kind) {
        throw switch (kind) {
            case "version" -> new jakarta.persistence.OptimisticLockException("Row was updated by another transaction");
            case "stale" -> new org.hibernate.StaleObjectStateException("LeadEntity", "LX1");
            case "deadlock" -> new jakarta.persistence.PessimisticLockException("deadlock detected");
            // What a plain-JDBC write sees when PostgreSQL breaks a deadlock: the SQLState, wrapped by the caller.
            case "sql-deadlock" -> new IllegalStateException("Cube write failed",
                    new java.sql.SQLException("ERROR: deadlock detected", "40P01"));
            case "serialization" -> new IllegalStateException("write failed",
                    new java.sql.SQLException("could not serialize access", "40001"));
            // The version check failing at commit, after the method returned: the interceptor's wrapping of it.
            case "at-commit" -> new io.quarkus.arc.ArcUndeclaredThrowableException("Error invoking subclass method",
                    new jakarta.transaction.RollbackException("ARJUNA016053: Could not commit transaction.") {
                        {
                            initCause(new jakarta.persistence.OptimisticLockException("Unexpected row count",
                                    new org.hibernate.StaleObjectStateException("LeadEntity", "LX1")));
                        }
                    });
            default -> new jakarta.persistence.LockTimeoutException("lock timeout");
        };
    }

    /** A list that pages, as every list endpoint does. */
    @GET
    @Path("/paged")
    public Page<String> paged(@QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        Page.PageRequest request = Page.request(page, size);
        return request.of(List.of("offset " + request.offset()), 1);
    }

    @GET
    @Path("/boom")
    public Body boom() {
        throw new IllegalStateException("jdbc:postgresql://secret-host/internal password=hunter2");
    }
}
