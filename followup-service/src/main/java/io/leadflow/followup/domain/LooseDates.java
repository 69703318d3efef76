package io.leadflow.followup.domain;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates as people type them in sheets: 2024-03-02, 2024/3/2, 2024.3.2, 2024年3月2日, and the day numbers an Excel
 * date cell holds (45353 = 2024-03-02).
 */
public final class LooseDates {

    private static final Pattern DATE = Pattern.compile("\\s*(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})\\s*日?\\s*");

    private static final Pattern EXCEL_SERIAL = Pattern.compile("\\s*(\\d{4,6})(?:\\.\\d+)?\\s*");
    private static final LocalDate EXCEL_EPOCH = LocalDate.of(1899, 12, 30);

    private LooseDates() {
    }

    public static Optional<LocalDate> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher serial = EXCEL_SERIAL.matcher(text);
        if (serial.matches()) {
            long days = Long.parseLong(serial.group(1));
            return days > 0 && days < 2_958_466 ? Optional.of(EXCEL_EPOCH.plusDays(days)) : Optional.empty();
        }
        Matcher m = DATE.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
