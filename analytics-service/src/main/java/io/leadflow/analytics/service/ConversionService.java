package io.leadflow.analytics.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadflow.analytics.config.AnalyticsConfig;
import io.leadflow.analytics.domain.ConversionCounts;
import io.leadflow.analytics.domain.ConversionStats;
import io.leadflow.analytics.domain.Dimension;
import io.leadflow.analytics.domain.Distribution;
import io.leadflow.analytics.domain.LeadFilter;
import io.leadflow.analytics.domain.Ranking;
import io.leadflow.analytics.domain.Reasons;
import io.leadflow.analytics.domain.SourceSuggestions;
import io.leadflow.analytics.domain.Vocabulary;
import io.leadflow.analytics.repository.AnalyticsQueries;
import io.leadflow.analytics.repository.GroupKey;
import io.leadflow.analytics.repository.Histogram;
import io.leadflow.events.vocabulary.Language;

/** Conversion tables (template step 4.1) and Table 3, read from the active model. */
@ApplicationScoped
public class ConversionService {

    private final AnalyticsQueries queries;
    private final AnalyticsConfig config;

    public ConversionService(AnalyticsQueries queries, AnalyticsConfig config) {
        this.queries = queries;
        this.config = config;
    }

    /** Stats per group of {@code dims}, sorted by group (unknown values last); no dims gives one total group. */
    public Map<GroupKey, ConversionStats> stats(List<Dimension> dims, LeadFilter filter) {
        Map<GroupKey, ConversionCounts> counts = queries.conversionCounts(dims, filter);
        Histogram cycles = queries.cycleDays(dims, filter);
        List<GroupKey> keys = new ArrayList<>(counts.keySet());
        keys.sort(order(dims));
        Map<GroupKey, ConversionStats> out = new LinkedHashMap<>();
        for (GroupKey key : keys) {
            out.put(key, new ConversionStats(counts.get(key), cycles.of(key)));
        }
        return out;
    }

    public ConversionStats total(LeadFilter filter) {
        return stats(List.of(), filter).values().stream().findFirst()
                .orElse(new ConversionStats(ConversionCounts.NONE, new Distribution()));
    }

    public Views.ConversionTable conversion(List<Dimension> dims, LeadFilter filter, Language language) {
        List<Views.ConversionRow> rows = new ArrayList<>();
        ConversionStats total = new ConversionStats(ConversionCounts.NONE, new Distribution());
        for (Map.Entry<GroupKey, ConversionStats> e : stats(dims, filter).entrySet()) {
            rows.add(row(dims, e.getKey(), e.getValue(), language));
            total = total.plus(e.getValue());
        }
        return new Views.ConversionTable(dims.stream().map(Dimension::key).toList(), filters(filter), rows,
                Views.ConversionRow.of(Map.of(), Map.of(), total));
    }

    public Views.SourceTable sources(LeadFilter filter, Language language) {
        List<Dimension> bySource = List.of(Dimension.SOURCE);
        Map<GroupKey, ConversionStats> stats = stats(bySource, filter);
        Map<String, Map<String, Long>> wins = queries.countsPerSource(filter, "winFactors");
        Map<String, Map<String, Long>> losses = queries.countsPerSource(filter, "lossReasons");
        Map<String, Map<String, Long>> rejections = queries.countsPerSource(filter, "rejectionReasons");
        Histogram response = queries.firstResponseMinutes(bySource, filter);
        SourceSuggestions rules = config.suggestions().rules();
        int top = config.suggestions().topReasons();
        List<Views.SourceRow> rows = new ArrayList<>();
        stats.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<GroupKey, ConversionStats> e) ->
                        -e.getValue().counts().leads()).thenComparing(e -> e.getKey(), order(bySource)))
                .forEach(e -> {
                    String source = e.getKey().values().get(0);
                    ConversionStats s = e.getValue();
                    List<Ranking.Counted> win = Ranking.top(wins.getOrDefault(source, Map.of()), top);
                    List<Ranking.Counted> loss = Ranking.top(losses.getOrDefault(source, Map.of()), top);
                    List<Ranking.Counted> rej = Ranking.top(rejections.getOrDefault(source, Map.of()), top);
                    Distribution minutes = response.of(e.getKey());
                    rows.add(new Views.SourceRow(source, Vocabulary.label(Dimension.SOURCE, source, language),
                            s.counts().leads(), s.counts().qualified(), s.counts().rejected(), s.counts().won(),
                            s.counts().lost(), Views.RateView.of(s.conversionRate()), s.averageCycleDays(),
                            s.medianCycleDays(),
                            win.stream().map(c -> Views.CountedView.of(c, c.value())).toList(),
                            loss.stream().map(c -> Views.CountedView.of(c, Reasons.label(c.value(), language))).toList(),
                            rej.stream().map(c -> Views.CountedView.of(c, Reasons.label(c.value(), language))).toList(),
                            hours(minutes.median()),
                            rules.suggest(source, s, loss, rej, minutes).stream()
                                    .map(x -> Views.SuggestionView.of(x, language)).toList()));
                });
        return new Views.SourceTable(filters(filter), rows);
    }

    static BigDecimal hours(BigDecimal minutes) {
        return minutes == null ? null : minutes.divide(BigDecimal.valueOf(60), 1, RoundingMode.HALF_UP);
    }

    static Views.ConversionRow row(List<Dimension> dims, GroupKey key, ConversionStats stats, Language language) {
        Map<String, String> group = new LinkedHashMap<>();
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < dims.size(); i++) {
            String value = key.values().get(i);
            group.put(dims.get(i).key(), value);
            labels.put(dims.get(i).key(), Vocabulary.label(dims.get(i), value, language));
        }
        return Views.ConversionRow.of(group, labels, stats);
    }

    static Views.Filters filters(LeadFilter f) {
        return new Views.Filters(f.period().from(), f.period().to(), f.source(), f.grade(), f.ownerId());
    }

    /**
     * Groups in the order a reader expects, the same on every call: grades high to low, sources as the template
     * lists them, other codes alphabetically, unknown (null) values last (see {@link Vocabulary#order}).
     */
    static Comparator<GroupKey> order(List<Dimension> dims) {
        return (a, b) -> {
            for (int i = 0; i < dims.size(); i++) {
                int c = Vocabulary.order(dims.get(i)).compare(a.values().get(i), b.values().get(i));
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        };
    }
}
