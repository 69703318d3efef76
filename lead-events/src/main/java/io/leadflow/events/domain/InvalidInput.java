package io.leadflow.events.domain;

import java.util.List;

/** Input a domain rule refuses: answered once, by the shared mappers, as a 400 problem naming every field. */
public class InvalidInput extends RuntimeException {

    private final String summary;
    private final List<Violation> violations;

    public InvalidInput(List<Violation> violations) {
        this(null, violations);
    }

    /** @param summary what was therefore not done, e.g. "The grading policy was not saved"; null to say nothing */
    public InvalidInput(String summary, List<Violation> violations) {
        super((summary == null ? "" : summary + ": ")
                + (violations.isEmpty() ? "invalid input" : violations.get(0).field() + " " + violations.get(0).message()));
        this.summary = summary;
        this.violations = List.copyOf(violations);
    }

    public static InvalidInput of(String field, String message) {
        return new InvalidInput(List.of(new Violation(field, message)));
    }

    public List<Violation> violations() {
        return violations;
    }

    /** What was not done because of the violations; null when the violations say it all. */
    public String summary() {
        return summary;
    }
}
