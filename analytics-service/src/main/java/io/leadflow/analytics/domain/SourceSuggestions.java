package io.leadflow.analytics.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The "优化建议" column of the template's Table 3, derived from a source's own numbers: what it loses on, how
 * fast it is answered, how well it converts and how long its deals take. Each suggestion is worded at the edge from
 * {@code suggestion.<CODE>} in the insights bundles.
 *
 * @param lowConversionRate  a source converting below this is "many leads, low conversion" (template step 4.2)
 * @param minLeads           fewer leads than this say nothing about a source
 * @param responseHours      first-response median above this calls for a faster answer (Table 3: 24 h for forms)
 * @param longCycleDays      an average cycle above this calls for shorter follow-up intervals
 */
public record SourceSuggestions(BigDecimal lowConversionRate, int minLeads, long responseHours, long longCycleDays) {

    public static final SourceSuggestions DEFAULTS = new SourceSuggestions(new BigDecimal("0.10"), 10, 24, 30);

    /** What a source's numbers suggest, most pressing first; empty when nothing stands out. */
    public List<Suggestion> suggest(String source, ConversionStats stats, List<Ranking.Counted> lossReasons,
                                    List<Ranking.Counted> rejectionReasons, Distribution responseMinutes) {
        List<Suggestion> out = new ArrayList<>();
        Wording.Code label = Wording.Code.source(source);
        Reasons.Family topLoss = lossReasons.isEmpty() ? null : Reasons.family(lossReasons.get(0).value());
        if (topLoss == Reasons.Family.BUDGET) {
            out.add(suggestion("QUALIFY_BUDGET_EARLY", label));
        }
        BigDecimal median = responseMinutes.median();
        boolean slowAnswer = median != null && median.compareTo(BigDecimal.valueOf(responseHours * 60)) > 0;
        if (topLoss == Reasons.Family.RESPONSE || slowAnswer) {
            out.add(suggestion("ANSWER_FASTER", label, responseHours));
        }
        if (topLoss == Reasons.Family.NEED_FIT) {
            out.add(suggestion("CLARIFY_NEED"));
        }
        if (topLoss == Reasons.Family.COMPETITOR) {
            out.add(suggestion("COMPETITIVE_PROPOSAL"));
        }
        BigDecimal rate = stats.conversionRate().value();
        if (stats.counts().leads() >= minLeads && rate != null && rate.compareTo(lowConversionRate) < 0) {
            // an empty code is the one reason whose word is empty too: there is nothing to name
            String reason = rejectionReasons.isEmpty() ? "" : rejectionReasons.get(0).value();
            out.add(reason.isEmpty() ? suggestion("TIGHTEN_SCREENING", label)
                    : new Suggestion("TIGHTEN_SCREENING", Wording.of("suggestion.TIGHTEN_SCREENING.withReason", label,
                    Wording.Code.reason(reason))));
        }
        BigDecimal cycle = stats.averageCycleDays();
        if (cycle != null && cycle.compareTo(BigDecimal.valueOf(longCycleDays)) > 0) {
            out.add(suggestion("SHORTEN_CYCLE"));
        }
        return out;
    }

    private static Suggestion suggestion(String code, Object... args) {
        return new Suggestion(code, Wording.of("suggestion." + code, args));
    }
}
