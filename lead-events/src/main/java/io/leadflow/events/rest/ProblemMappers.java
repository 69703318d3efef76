package io.leadflow.events.rest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.leadflow.events.domain.Refusal;

/**
 * Turns every failure into RFC 9457 problem+json. Client mistakes get a 4xx naming the field and what would be
 * accepted; anything else is a 500 with a reference to the log line, never a stack trace.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response.ResponseBuilder response = Response.status(e.problem().status()).type(Problem.MEDIA_TYPE)
                .entity(e.problem().at(path(uri)));
        e.headers().forEach(response::header);
        return response.build();
    }

    /**
     * Two changes to the same rows at the same moment: a version check that failed (two corrections of one lead) or
     * a lock the database broke (two changes taking the same leads and reps in opposite order). Nothing of the
     * request was saved, and trying again after a reload is the fix, so a 409 that says so, never a 500.
     */
    @ServerExceptionMapper({ jakarta.persistence.OptimisticLockException.class,
            org.hibernate.StaleStateException.class, jakarta.persistence.PessimisticLockException.class,
            jakarta.persistence.LockTimeoutException.class })
    public Response concurrentChange(Exception e, UriInfo uri) {
        return concurrentChange(uri);
    }

    private static Response concurrentChange(UriInfo uri) {
        return Response.status(409).type(Problem.MEDIA_TYPE).header("Retry-After", "1")
                .entity(Problem.of("concurrent-change", 409, "Conflict", "Another change to the same record was "
                        + "saved at the same moment; nothing of this request was saved. Reload it and apply your "
                        + "change again.").at(path(uri)))
                .build();
    }

    /**
     * A use case's refusal, answered the one way every service answers it: the kind decides the status, the code is
     * the problem's type, the detail is the use case's sentence, and the fields it names are listed.
     */
    @ServerExceptionMapper
    public Response refusal(Refusal e, UriInfo uri) {
        return problem(ProblemException.of(e), uri);
    }

    private static Response validation(List<Problem.FieldError> errors, UriInfo uri) {
        String detail = errors.size() == 1
                ? "Field '" + errors.get(0).field() + "' " + errors.get(0).message() + "."
                : errors.size() + " fields are invalid; see errors.";
        return Problem.of("validation", 400, "Bad Request", detail).withErrors(errors).at(path(uri)).toResponse();
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            errors.add(new Problem.FieldError(fieldOf(violation.getPropertyPath()), violation.getMessage()));
        }
        errors.sort(Comparator.comparing(Problem.FieldError::field));
        return validation(errors, uri);
    }

    @ServerExceptionMapper
    public Response jsonProblem(JsonProcessingException e, UriInfo uri) {
        return JsonBodyProblems.response(e, uri);
    }

    /** A body Jackson cannot bind (a duplicate key for a record's field, a type it cannot build): the client's. */
    @ServerExceptionMapper
    public Response invalidDefinition(com.fasterxml.jackson.databind.exc.InvalidDefinitionException e, UriInfo uri) {
        return JsonBodyProblems.response(e, uri);
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return JsonBodyProblems.response(e, uri);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri, HttpHeaders headers,
                                   jakarta.ws.rs.core.Request request) {
        Throwable cause = e.getCause();
        if (cause instanceof JsonProcessingException json) {
            return JsonBodyProblems.response(json, uri);
        }
        int status = e.getResponse().getStatus();
        String path = path(uri);
        String detail;
        if (e instanceof NotFoundException && cause != null && !(cause instanceof WebApplicationException)) {
            // JAX-RS says 404 when a query or path parameter cannot be converted; the client sent a bad value.
            return badParameter(cause, uri);
        } else if (e instanceof NotFoundException) {
            detail = "There is nothing at " + path + ". See /q/openapi for the API.";
        } else if (e instanceof NotAllowedException) {
            java.util.Set<String> allowed = e.getResponse().getAllowedMethods();
            detail = "Method " + request.getMethod() + " is not allowed on " + path
                    + (allowed.isEmpty() ? "." : "; allowed: " + String.join(", ", allowed) + ".");
        } else if (e instanceof NotSupportedException) {
            detail = "Content type '" + headers.getMediaType() + "' is not accepted here; send application/json.";
        } else if (status == 406) {
            detail = "None of the requested media types can be produced; ask for application/json.";
        } else {
            detail = e.getMessage();
        }
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type != null ? type.getReasonPhrase() : "HTTP " + status;
        if (status >= 500) {
            return unexpected(e, uri);
        }
        Response.ResponseBuilder response = Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(slug(status), status, title, detail).at(path));
        e.getResponse().getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase(HttpHeaders.CONTENT_TYPE)) {
                values.forEach(v -> response.header(name, v));
            }
        });
        return response.build();
    }

    private static Response badParameter(Throwable cause, UriInfo uri) {
        String message = firstLine(cause.getMessage());
        List<Problem.FieldError> errors = new ArrayList<>();
        uri.getQueryParameters().forEach((name, values) -> values.stream()
                .filter(v -> message != null && message.contains("\"" + v + "\""))
                .findFirst()
                .ifPresent(v -> errors.add(new Problem.FieldError(name, "'" + v + "' has the wrong type"))));
        uri.getPathParameters().forEach((name, values) -> values.stream()
                .filter(v -> message != null && message.contains("\"" + v + "\""))
                .findFirst()
                .ifPresent(v -> errors.add(new Problem.FieldError(name, "'" + v + "' has the wrong type"))));
        String detail = errors.isEmpty()
                ? "A query or path parameter has a value of the wrong type: " + message
                : "Parameter '" + errors.get(0).field() + "' " + errors.get(0).message() + ".";
        return Problem.of("validation", 400, "Bad Request", detail).withErrors(errors).at(path(uri)).toResponse();
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, UriInfo uri) {
        java.sql.SQLException sql = sqlCause(e);
        if (io.leadflow.events.tx.DatabaseFailures.unavailable(e)) {
            // The database is restarting, unreachable or out of connections: nothing the client did; say when to retry.
            LOG.warnf("Database unavailable on %s: %s", path(uri), firstLine(String.valueOf(sql)));
            return Response.fromResponse(Problem.of("unavailable", 503, "Service Unavailable",
                            "The service cannot reach its database right now; nothing was changed. Retry shortly.")
                    .at(path(uri)).toResponse()).header("Retry-After", "5").build();
        }
        if (lockConflict(e)) {
            // A version check or lock that failed when the transaction committed, after the method returned: the
            // interceptor wraps it, so the mappers above never see it; it is the same concurrent change.
            LOG.debugf("Concurrent change at commit on %s", path(uri));
            return concurrentChange(uri);
        }
        if (sql != null && ("40P01".equals(sql.getSQLState()) || "40001".equals(sql.getSQLState()))) {
            // A deadlock or serialization failure: another request touched the same rows at the same moment; the
            // transaction was rolled back whole, so the client can simply send it again.
            LOG.debugf("Concurrent change on %s: %s", path(uri), sql.getSQLState());
            return concurrentChange(uri);
        }
        if (e instanceof java.io.CharConversionException) {
            return Problem.of("malformed-body", 400, "Bad Request", "The request body is not text in the encoding it "
                    + "claims (JSON must be UTF-8).").at(path(uri)).toResponse();
        }
        if (e instanceof java.io.IOException io && io.getMessage() != null
                && io.getMessage().startsWith("Connection terminated parsing multipart")) {
            return Problem.of("malformed-body", 400, "Bad Request", "The multipart body ended before its closing "
                    + "boundary; send the whole form again.").at(path(uri)).toResponse();
        }
        if (sql != null && sql.getSQLState() != null) {
            // Data the database refuses (a NUL character, a number out of range, text too long) came from the client.
            if (sql.getSQLState().startsWith("22")) {
                LOG.debugf("Refused data on %s: %s", path(uri), sql.getSQLState());
                return Problem.of("unstorable-value", 400, "Bad Request",
                        "A value in the request cannot be stored (for example a NUL character, text too long or a "
                                + "number out of range); correct it and retry.").at(path(uri)).toResponse();
            }
            if ("23505".equals(sql.getSQLState())) {
                return Problem.of("conflict", 409, "Conflict",
                        "The request conflicts with an existing record (a duplicate); reload and retry.")
                        .at(path(uri)).toResponse();
            }
        }
        String reference = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected error %s on %s", reference, path(uri));
        return Problem.of("internal", 500, "Internal Server Error",
                        "Something went wrong on our side; the error is logged under reference " + reference + ".")
                .at(path(uri)).toResponse();
    }

    private static boolean lockConflict(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof jakarta.persistence.OptimisticLockException || t instanceof org.hibernate.StaleStateException
                    || t instanceof jakarta.persistence.PessimisticLockException
                    || t instanceof jakarta.persistence.LockTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static java.sql.SQLException sqlCause(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql) {
                return sql;
            }
        }
        return null;
    }

    /**
     * {@code create.request.contact.email} becomes {@code contact.email}: inside a body the parameter's own name
     * means nothing to the client, while a query parameter ({@code list.size}) is named by its parameter.
     */
    private static String fieldOf(Path path) {
        List<String> names = new ArrayList<>();
        String parameter = null;
        for (Path.Node node : path) {
            switch (node.getKind()) {
                case METHOD, CONSTRUCTOR, RETURN_VALUE, CROSS_PARAMETER -> {
                }
                case PARAMETER -> {
                    parameter = node.getName();
                    names.clear();
                }
                default -> {
                    String name = node.getName();
                    if (node.getIndex() != null) {
                        name = (name == null ? "" : name) + "[" + node.getIndex() + "]";
                    } else if (node.getKey() != null) {
                        name = (name == null ? "" : name) + "[" + node.getKey() + "]";
                    }
                    if (name != null && !name.isEmpty()) {
                        names.add(name);
                    }
                }
            }
        }
        if (names.isEmpty()) {
            return parameter == null ? "(body)" : parameter;
        }
        return String.join(".", names);
    }

    static String path(UriInfo uri) {
        return uri == null ? null : "/" + uri.getPath().replaceFirst("^/", "");
    }

    private static String slug(int status) {
        return switch (status) {
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 413 -> "body-too-large";
            case 415 -> "unsupported-media-type";
            case 409 -> "conflict";
            case 429 -> "rate-limited";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            default -> "http-" + status;
        };
    }

    static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
