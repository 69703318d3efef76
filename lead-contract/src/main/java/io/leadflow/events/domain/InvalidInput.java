package io.leadflow.events.domain;

import java.util.List;

/** Input a domain rule refuses, naming every field at fault; the detail says what was therefore not done. */
public class InvalidInput extends Refusal {

    public InvalidInput(List<Violation> violations) {
        this((String) null, violations);
    }

    /** @param summary what was therefore not done, e.g. "The grading policy was not saved"; null to say nothing */
    public InvalidInput(String summary, List<Violation> violations) {
        this("validation", detail(summary, violations), violations);
    }

    /**
     * @param code   what kind of input it is, when a client should tell it apart (e.g. {@code import-header})
     * @param detail the whole sentence, as a person should read it
     */
    public InvalidInput(String code, String detail, List<Violation> violations) {
        super(Kind.INVALID, code, detail, violations, null);
    }

    public static InvalidInput of(String field, String message) {
        return new InvalidInput(List.of(new Violation(field, message)));
    }

    /** A refusal whose sentence is given whole, with the fields it names. */
    public static InvalidInput stated(String detail, List<Violation> violations) {
        return new InvalidInput("validation", detail, violations);
    }

    private static String detail(String summary, List<Violation> violations) {
        if (summary == null) {
            return violations.size() == 1
                    ? "Field '" + violations.get(0).field() + "' " + violations.get(0).message() + "."
                    : violations.size() + " fields are invalid; see errors.";
        }
        return summary + ": " + (violations.size() == 1
                ? "field '" + violations.get(0).field() + "' " + violations.get(0).message() + "."
                : violations.size() + " problems; see errors.");
    }
}
