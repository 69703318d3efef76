package io.leadflow.analytics.domain;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * A registration period cut into the whole months the cube answers ({@code firstMonth}..{@code lastMonth}, either
 * open when the period is) and the partial months at its edges, which the facts answer day by day.
 *
 * @param months whether any whole month is covered
 */
public record MonthSplit(boolean months, LocalDate firstMonth, LocalDate lastMonth, List<Period> edges) {

    public static MonthSplit of(Period p) {
        List<Period> edges = new ArrayList<>();
        LocalDate first = null;
        LocalDate last = null;
        if (p.from() != null) {
            first = p.from().withDayOfMonth(1);
            if (p.from().getDayOfMonth() != 1) {
                LocalDate endOfMonth = YearMonth.from(p.from()).atEndOfMonth();
                LocalDate edgeEnd = p.to() != null && p.to().isBefore(endOfMonth) ? p.to() : endOfMonth;
                edges.add(new Period(p.from(), edgeEnd));
                first = first.plusMonths(1);
            }
        }
        if (p.to() != null) {
            last = p.to().withDayOfMonth(1);
            if (!p.to().equals(YearMonth.from(p.to()).atEndOfMonth())) {
                LocalDate edgeStart = p.to().withDayOfMonth(1);
                if (p.from() == null || !YearMonth.from(p.from()).equals(YearMonth.from(p.to()))) {
                    edges.add(new Period(p.from() != null && p.from().isAfter(edgeStart) ? p.from() : edgeStart,
                            p.to()));
                } else if (p.from().getDayOfMonth() == 1) {
                    edges.add(new Period(p.from(), p.to()));
                }
                last = last.minusMonths(1);
            }
        }
        boolean months = first == null || last == null || !first.isAfter(last);
        return new MonthSplit(months, first, last, edges);
    }
}
