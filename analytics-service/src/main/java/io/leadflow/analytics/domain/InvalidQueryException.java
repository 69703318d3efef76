package io.leadflow.analytics.domain;

/** A query parameter an analyst sent that cannot be answered; {@code field} names it, the message says what would be. */
public class InvalidQueryException extends RuntimeException {

    private final String field;

    public InvalidQueryException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
