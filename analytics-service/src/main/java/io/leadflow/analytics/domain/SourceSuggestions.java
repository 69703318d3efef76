package io.leadflow.analytics.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import io.leadflow.events.vocabulary.Language;

/**
 * The "优化建议" column of the template's Table 3, derived from a source's own numbers: what it loses on, how
 * fast it is answered, how well it converts and how long its deals take.
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
                                    List<Ranking.Counted> rejectionReasons, Distribution responseMinutes,
                                    Language language) {
        List<Suggestion> out = new ArrayList<>();
        String label = Vocabulary.label(Dimension.SOURCE, source, language);
        Reasons.Family topLoss = lossReasons.isEmpty() ? null : Reasons.family(lossReasons.get(0).value());
        if (topLoss == Reasons.Family.BUDGET) {
            out.add(new Suggestion("QUALIFY_BUDGET_EARLY", language.chinese()
                    ? "增加" + label + "前客户筛选,提前沟通预算"
                    : "Screen " + label.toLowerCase() + " leads before first contact and raise budget early"));
        }
        BigDecimal median = responseMinutes.median();
        boolean slowAnswer = median != null && median.compareTo(BigDecimal.valueOf(responseHours * 60)) > 0;
        if (topLoss == Reasons.Family.RESPONSE || slowAnswer) {
            out.add(new Suggestion("ANSWER_FASTER", language.chinese()
                    ? "缩短" + label + "线索响应时间至" + responseHours + "小时内"
                    : "Answer " + label.toLowerCase() + " leads within " + responseHours + " hours"));
        }
        if (topLoss == Reasons.Family.NEED_FIT) {
            out.add(new Suggestion("CLARIFY_NEED", language.chinese()
                    ? "首次沟通时确认需求匹配度,减少无效跟进"
                    : "Confirm the need fits on the first call to stop chasing unfit leads"));
        }
        if (topLoss == Reasons.Family.COMPETITOR) {
            out.add(new Suggestion("COMPETITIVE_PROPOSAL", language.chinese()
                    ? "方案中补充竞品对比,突出差异化优势"
                    : "Add a competitor comparison to proposals"));
        }
        BigDecimal rate = stats.conversionRate().value();
        if (stats.counts().leads() >= minLeads && rate != null && rate.compareTo(lowConversionRate) < 0) {
            String reason = rejectionReasons.isEmpty() ? "" : Reasons.label(rejectionReasons.get(0).value(), language);
            out.add(new Suggestion("TIGHTEN_SCREENING", language.chinese()
                    ? "优化" + label + "渠道的线索筛选标准" + (reason.isEmpty() ? "" : "(最常见剔除原因:" + reason + ")")
                    : "Tighten the screening of " + label.toLowerCase() + " leads"
                    + (reason.isEmpty() ? "" : " (most common rejection: " + reason + ")")));
        }
        BigDecimal cycle = stats.averageCycleDays();
        if (cycle != null && cycle.compareTo(BigDecimal.valueOf(longCycleDays)) > 0) {
            out.add(new Suggestion("SHORTEN_CYCLE", language.chinese()
                    ? "缩短跟进间隔或简化决策流程"
                    : "Shorten follow-up intervals or simplify the decision process"));
        }
        return out;
    }
}
