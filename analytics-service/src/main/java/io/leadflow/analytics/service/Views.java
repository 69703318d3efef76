package io.leadflow.analytics.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadflow.analytics.domain.Amounts;
import io.leadflow.analytics.domain.ConversionStats;
import io.leadflow.analytics.domain.Rate;
import io.leadflow.analytics.domain.Ranking;
import io.leadflow.analytics.domain.Suggestion;
import io.leadflow.events.contract.Money;
import io.leadflow.events.vocabulary.Coded;
import io.leadflow.events.vocabulary.Language;
import io.leadflow.events.vocabulary.Term;

/** The response bodies of the analytics API (records, built from domain results). */
public final class Views {

    private Views() {
    }

    public record Filters(LocalDate from, LocalDate to, String source, String grade, String owner) {
    }

    /** A rate with the counts beside it: {@code 15 / 50 = 0.3000 (30%)}. */
    public record RateView(BigDecimal value, String percent, long numerator, long denominator) {
        public static RateView of(Rate rate) {
            return new RateView(rate.value(), rate.percent(), rate.numerator(), rate.denominator());
        }
    }

    public record ConversionRow(Map<String, String> group, Map<String, String> labels, long leads, long qualified,
                                long rejected, long open, long won, long lost, RateView conversionRate,
                                RateView qualifiedConversionRate, BigDecimal averageCycleDays,
                                BigDecimal medianCycleDays, Money wonAmount) {

        public static ConversionRow of(Map<String, String> group, Map<String, String> labels, ConversionStats s) {
            var c = s.counts();
            return new ConversionRow(group, labels, c.leads(), c.qualified(), c.rejected(), c.open(), c.won(),
                    c.lost(), RateView.of(s.conversionRate()), RateView.of(s.qualifiedConversionRate()),
                    s.averageCycleDays(), s.medianCycleDays(), new Money(Amounts.twoDecimals(c.wonAmount()), "CNY"));
        }
    }

    public record ConversionTable(List<String> groupBy, Filters filters, List<ConversionRow> rows,
                                  ConversionRow total) {
    }

    public record CountedView(String code, String label, long count) {
        public static CountedView of(Ranking.Counted c, String label) {
            return new CountedView(c.value(), label, c.count());
        }
    }

    /** One row of the template's Table 3 (转化分析表). */
    public record SourceRow(@Coded(Term.SOURCE) String source, String sourceLabel, long leads, long qualified,
                            long rejected, long won, long lost, RateView conversionRate, BigDecimal averageCycleDays,
                            BigDecimal medianCycleDays, List<CountedView> winFactors, List<CountedView> lossReasons,
                            List<CountedView> rejectionReasons, BigDecimal firstResponseMedianHours,
                            List<SuggestionView> suggestions) {
    }

    /** A {@link Suggestion} in the reader's language; its schema keeps the name Suggestion for typed clients. */
    @Schema(name = "Suggestion")
    public record SuggestionView(String code, String text) {
        public static SuggestionView of(Suggestion s, Language language) {
            return new SuggestionView(s.code(), InsightWording.text(s.wording(), language));
        }
    }

    public record SourceTable(Filters filters, List<SourceRow> rows) {
    }
}
