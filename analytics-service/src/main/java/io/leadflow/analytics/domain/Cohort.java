package io.leadflow.analytics.domain;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Conversion of one registration month as it ages: after month 0 (the month registered), 1, 2 ... how many of its
 * leads had been won, cumulatively. Ages the cohort has not reached yet are left out rather than shown as flat.
 */
public record Cohort(YearMonth month, long leads, List<Long> wonByAge, List<Rate> cumulativeRate) {

    public static Cohort of(LocalDate cohortMonth, long leads, Map<Integer, Long> wonAtAge, LocalDate today,
                            int maxAge) {
        YearMonth month = YearMonth.from(cohortMonth);
        long reached = ChronoUnit.MONTHS.between(month, YearMonth.from(today));
        int ages = (int) Math.max(0, Math.min(maxAge, reached));
        List<Long> won = new ArrayList<>();
        List<Rate> rates = new ArrayList<>();
        long cumulative = 0;
        for (int age = 0; age <= ages; age++) {
            long n = wonAtAge.getOrDefault(age, 0L);
            cumulative += n;
            won.add(n);
            rates.add(Rate.of(cumulative, leads));
        }
        return new Cohort(month, leads, won, rates);
    }

    public long won() {
        return wonByAge.stream().mapToLong(Long::longValue).sum();
    }
}
