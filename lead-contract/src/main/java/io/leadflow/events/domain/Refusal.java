package io.leadflow.events.domain;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Why a use case did not do what it was asked, in the domain's terms: what kind of refusal it is, a short code
 * naming it (the problem type a client can switch on), and a sentence a person can act on. lead-events'
 * {@code ProblemMappers} answers every refusal as problem+json, once for the whole suite; a use case never names an
 * HTTP status. The common kinds have their own types: {@link InvalidInput}, {@link NotFound}, {@link RuleBroken},
 * {@link NotPermitted}.
 */
public class Refusal extends RuntimeException {

    /** What kind of refusal it is; the edge decides how to answer each (400, 404, 403, 409, 413, 503). */
    public enum Kind {
        /** What was sent cannot be used as it is. */
        INVALID,
        /** What it names does not exist (or is not the caller's to see). */
        NOT_FOUND,
        /** The caller may not do this. */
        FORBIDDEN,
        /** The record's current state does not allow it. */
        CONFLICT,
        /** What was sent is larger than the service takes. */
        TOO_LARGE,
        /** Not now: something else holds what it needs; the same request may succeed shortly. */
        BUSY
    }

    private final Kind kind;
    private final String code;
    private final List<Violation> violations;
    private final Duration retryAfter;

    public Refusal(Kind kind, String code, String detail) {
        this(kind, code, detail, List.of(), null);
    }

    /**
     * @param violations the fields at fault, each with what is wrong with it (may be empty)
     * @param retryAfter for {@link Kind#BUSY}: when trying again makes sense; null otherwise
     */
    public Refusal(Kind kind, String code, String detail, List<Violation> violations, Duration retryAfter) {
        super(detail);
        this.kind = Objects.requireNonNull(kind);
        this.code = Objects.requireNonNull(code);
        this.violations = List.copyOf(violations);
        this.retryAfter = retryAfter;
    }

    public Kind kind() {
        return kind;
    }

    /** The problem's type, e.g. {@code duplicate}, {@code import-too-large}. */
    public String code() {
        return code;
    }

    public String detail() {
        return getMessage();
    }

    public List<Violation> violations() {
        return violations;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
