package io.leadflow.intake.domain;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Lead ids: {@code LX} + the business date {@code yyyyMMdd} + a six-digit sequence of that day. */
public final class LeadIds {

    public static final int MAX_PER_DAY = 999_999;
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    private static final Pattern ID = Pattern.compile("^LX(\\d{8})(\\d{6})$");

    private LeadIds() {
    }

    public static String format(LocalDate businessDay, int sequence) {
        if (sequence < 1 || sequence > MAX_PER_DAY) {
            throw new IllegalArgumentException("sequence " + sequence + " is outside 1.." + MAX_PER_DAY);
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
