package io.leadflow.events.rest;

import java.util.List;

/**
 * Thrown by services for a client error they detected themselves (a lead that does not exist, a transition that
 * is not allowed); rendered as problem+json with the given status.
 */
public class ProblemException extends RuntimeException {

    private final Problem problem;
    private final java.util.Map<String, String> headers;

    public ProblemException(Problem problem) {
        this(problem, java.util.Map.of());
    }

    public ProblemException(Problem problem, java.util.Map<String, String> headers) {
        super(problem.detail());
        this.problem = problem;
        this.headers = java.util.Map.copyOf(headers);
    }

    /**
     * A use case's refusal as the suite answers it: its kind decides the status, its code is the problem's type, its
     * sentence the detail; the fields it names are listed (always, for invalid input), and a busy refusal says when
     * to retry.
     */
    public static ProblemException of(io.leadflow.events.domain.Refusal e) {
        Problem problem = switch (e.kind()) {
            case INVALID -> Problem.of(e.code(), 400, "Bad Request", e.detail());
            case NOT_FOUND -> Problem.of(e.code(), 404, "Not Found", e.detail());
            case FORBIDDEN -> Problem.of(e.code(), 403, "Forbidden", e.detail());
            case CONFLICT -> Problem.of(e.code(), 409, "Conflict", e.detail());
            case TOO_LARGE -> Problem.of(e.code(), 413, "Content Too Large", e.detail());
            case BUSY -> Problem.of(e.code(), 503, "Service Unavailable", e.detail());
        };
        if (e.kind() == io.leadflow.events.domain.Refusal.Kind.INVALID || !e.violations().isEmpty()) {
            problem = problem.withErrors(e.violations().stream()
                    .map(v -> new Problem.FieldError(v.field(), v.message())).toList());
        }
        return new ProblemException(problem, e.retryAfter() == null ? java.util.Map.of()
                : java.util.Map.of("Retry-After", Long.toString(Math.max(1, e.retryAfter().toSeconds()))));
    }

    public static ProblemException notFound(String what, String id) {
        return new ProblemException(Problem.of("not-found", 404, "Not Found", what + " " + id + " does not exist"));
    }

    public static ProblemException badRequest(String detail, List<Problem.FieldError> errors) {
        return new ProblemException(Problem.of("validation", 400, "Bad Request", detail).withErrors(errors));
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(Problem.of("conflict", 409, "Conflict", detail));
    }

    public Problem problem() {
        return problem;
    }

    public java.util.Map<String, String> headers() {
        return headers;
    }
}
