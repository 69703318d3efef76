package io.leadflow.followup.domain;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Table 2 writes the next step's date into its text ("3月5日前发送定制方案", "4月安排实地考察"). When no due date
 * is given, the date in the text becomes the due date: the first such date on or after the follow-up (so a
 * December follow-up promising "1月10日" means next January). A month alone means the end of that month.
 */
public final class NextActionDates {

    private static final Pattern MONTH_DAY = Pattern.compile("(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*[日号]");
    private static final Pattern MONTH = Pattern.compile("(\\d{1,2})\\s*月(?:份|底|内|中)?");

    private NextActionDates() {
    }

    public static Optional<LocalDate> infer(String nextAction, LocalDate followUpDate) {
        if (nextAction == null || followUpDate == null) {
            return Optional.empty();
        }
        try {
            Matcher md = MONTH_DAY.matcher(nextAction);
            if (md.find()) {
                int month = Integer.parseInt(md.group(1));
                int day = Integer.parseInt(md.group(2));
                LocalDate date = LocalDate.of(followUpDate.getYear(), month, day);
                return Optional.of(date.isBefore(followUpDate) ? date.plusYears(1) : date);
            }
            Matcher m = MONTH.matcher(nextAction);
            if (m.find()) {
                int month = Integer.parseInt(m.group(1));
                LocalDate end = LocalDate.of(followUpDate.getYear(), month, 1).plusMonths(1).minusDays(1);
                return Optional.of(end.isBefore(followUpDate) ? LocalDate.of(followUpDate.getYear() + 1, month, 1).plusMonths(1).minusDays(1) : end);
            }
        } catch (DateTimeException | NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
