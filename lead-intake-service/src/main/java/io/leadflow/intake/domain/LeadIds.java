package io.leadflow.intake.domain;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lead ids: {@code LX} + the business date {@code yyyyMMdd} + the day's sequence, six digits and more when a day
 * passes 999,999 leads (a day never runs out of numbers).
 */
public final class LeadIds {

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    /** Up to nine digits of sequence: what an int holds, and far beyond any day's leads. */
    private static final Pattern ID = Pattern.compile("^LX(\\d{8})(\\d{6,9})$");

    private LeadIds() {
    }

    public static String format(LocalDate businessDay, int sequence) {
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence " + sequence + " is not positive");
        }
        return "LX" + DAY.format(businessDay) + String.format("%06d", sequence);
    }

    /** The day and sequence of a well-formed id; empty for anything else (e.g. the template's LX20240301). */
    public static Optional<Parsed> parse(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Matcher m = ID.matcher(id);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Parsed(LocalDate.parse(m.group(1), DAY), Integer.parseInt(m.group(2))));
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    public record Parsed(LocalDate day, int sequence) {
    }
}
