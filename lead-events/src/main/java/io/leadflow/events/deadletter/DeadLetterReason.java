package io.leadflow.events.deadletter;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.leadflow.events.consumer.DeadLetterHeaders;
import io.leadflow.events.logging.PersonalDataMask;

/**
 * Why a consumer gave up, as much as an operator needs and no more: the exception's class and its message when the
 * header carries one (only exceptions whose messages are safe to travel do), else the root cause's class and SQL
 * state; phones and emails masked, the values a database quoted left out, cut short. Never the stack trace, which the
 * dead letter's {@code leadflow.dlq.error} header holds for whoever can read the topic.
 */
public record DeadLetterReason(String exception, String message) {

    static final int MAX_MESSAGE = 200;
    /** {@code java.lang.IllegalStateException: message}, or the bare class name of an exception without message. */
    private static final Pattern THROWABLE = Pattern.compile("^((?:[\\p{L}_$][\\p{L}\\p{N}_$]*\\.)+[\\p{L}_$][\\p{L}\\p{N}_$]*)(?: \\[SQLState \\w+\\])?(?::\\s?(.*))?$");
    /** PostgreSQL quotes the offending values: {@code Key (phone)=(13812345678) already exists}. */
    private static final Pattern QUOTED_VALUES = Pattern.compile("\\)=\\((.*?)\\)(?=[ .,;]|$)");

    public static final DeadLetterReason UNKNOWN = new DeadLetterReason("unknown", null);

    /** Reads the {@code leadflow.dlq.error} header (exception, root cause, then the stack trace). */
    public static DeadLetterReason of(String errorHeader) {
        if (errorHeader == null || errorHeader.isBlank()) {
            return UNKNOWN;
        }
        List<String> lines = errorHeader.strip().lines().map(String::strip).toList();
        String first = lines.isEmpty() ? "" : lines.get(0);
        String root = lines.stream().filter(l -> l.startsWith(DeadLetterHeaders.ROOT_CAUSE)).findFirst()
                .map(l -> "caused by " + l.substring(DeadLetterHeaders.ROOT_CAUSE.length())).orElse(null);
        Matcher m = THROWABLE.matcher(first);
        String exception;
        String message;
        if (m.matches()) {
            exception = m.group(1);
            message = m.group(2) != null ? m.group(2) : root;
        } else {
            exception = "unknown";
            message = first;
        }
        return new DeadLetterReason(exception, shorten(message));
    }

    static String shorten(String message) {
        if (message == null || message.isBlank()) {
            return null;
        }
        // Masked before it is cut, so that a cut never leaves the unmasked start of a phone number behind.
        String masked = PersonalDataMask.mask(QUOTED_VALUES.matcher(message.strip()).replaceAll(")=(…)"));
        return masked.length() <= MAX_MESSAGE ? masked : masked.substring(0, MAX_MESSAGE - 1) + "…";
    }
}
