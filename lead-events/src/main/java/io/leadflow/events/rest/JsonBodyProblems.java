package io.leadflow.events.rest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * A request body Jackson could not read, as a 400 a person can act on: where the JSON broke (line and column), or
 * which field has the wrong type or is unknown, and what would have been accepted.
 */
final class JsonBodyProblems {

    private JsonBodyProblems() {
    }

    static Response response(JsonProcessingException e, UriInfo uri) {
        String detail;
        List<Problem.FieldError> errors = new ArrayList<>();
        if (e instanceof StreamReadException || e.getClass().getSimpleName().equals("JsonParseException")) {
            JsonLocation at = e.getLocation();
            detail = "The request body is not valid JSON" + (at != null && at.getLineNr() > 0
                    ? " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")" : "")
                    + ": " + ProblemMappers.firstLine(e.getOriginalMessage());
        } else if (e instanceof InvalidFormatException invalid) {
            String field = fieldOf(invalid);
            Class<?> target = invalid.getTargetType();
            String message;
            if (target != null && target.isEnum()) {
                message = "'" + invalid.getValue() + "' is not one of " + Arrays.toString(target.getEnumConstants());
            } else {
                message = "'" + invalid.getValue() + "' is not a valid " + describe(target);
            }
            errors.add(new Problem.FieldError(field, message));
            detail = "Field '" + field + "': " + message + ".";
        } else if (e instanceof UnrecognizedPropertyException unknown) {
            String field = fieldOf(unknown);
            errors.add(new Problem.FieldError(field, "is not a known field"));
            detail = "Field '" + field + "' is not a known field.";
        } else if (e instanceof MismatchedInputException mismatched) {
            String field = fieldOf(mismatched);
            String message = mismatched.getTargetType() != null
                    ? "must be " + describe(mismatched.getTargetType())
                    : ProblemMappers.firstLine(mismatched.getOriginalMessage());
            errors.add(new Problem.FieldError(field.isEmpty() ? "(body)" : field, message));
            detail = field.isEmpty() ? "The request body " + message + "." : "Field '" + field + "' " + message + ".";
        } else if (e instanceof JsonMappingException mapping) {
            String field = fieldOf(mapping);
            String message = ProblemMappers.firstLine(mapping.getOriginalMessage());
            errors.add(new Problem.FieldError(field.isEmpty() ? "(body)" : field, message));
            detail = "The request body could not be read: " + message;
        } else {
            detail = "The request body could not be read: " + ProblemMappers.firstLine(e.getOriginalMessage());
        }
        return Problem.of("malformed-body", 400, "Bad Request", detail).withErrors(errors).at(ProblemMappers.path(uri)).toResponse();
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.toString(type.getEnumConstants());
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 " + (type == java.time.LocalDate.class ? "date (yyyy-MM-dd)" : "date-time with offset");
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }

    private static String fieldOf(JsonMappingException e) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                field.append('[').append(ref.getIndex()).append(']');
            }
        }
        return field.toString();
    }
}
