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
