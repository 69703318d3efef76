package io.leadflow.events.domain;

/** What the request names does not exist, or is not the caller's to see (a rep asking for another's lead). */
public class NotFound extends Refusal {

    /** @param what as a person names it, e.g. "Lead"; the detail reads "Lead LX… does not exist" */
    public NotFound(String what, String id) {
        this(what + " " + id + " does not exist");
    }

    public NotFound(String detail) {
        super(Kind.NOT_FOUND, "not-found", detail);
    }
}
