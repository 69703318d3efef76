package io.leadflow.routing.rest;

import java.util.List;
import java.util.Locale;

import io.leadflow.events.rest.Problem;
import io.leadflow.events.rest.ProblemException;

/** JSON for frontends, CSV for BI tools: {@code ?format=csv} or an Accept header naming text/csv, as analytics does. */
final class LabFormats {

    private LabFormats() {
    }

    static boolean csv(String format, String accept) {
        if (format != null && !format.isBlank()) {
            String f = format.strip().toLowerCase(Locale.ROOT);
            if (f.equals("csv")) {
                return true;
            }
            if (f.equals("json")) {
                return false;
            }
            throw ProblemException.badRequest("'" + format + "' is not a format; use json or csv.",
                    List.of(new Problem.FieldError("format", "must be json or csv")));
        }
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/csv");
    }
}
