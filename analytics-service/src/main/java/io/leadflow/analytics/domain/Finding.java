package io.leadflow.analytics.domain;

import java.math.BigDecimal;
import java.util.Map;

/**
 * One insight: which rule fired on what ({@code subject}, e.g. a source), the numbers behind it, what to do, and
 * how it compares with the previous period. Its sentences are {@link Wording}s: the edge words them in the reader's
 * language.
 *
 * @param metric         the number the rule judged (a rate, days, a share) and the trend compares
 * @param higherIsBetter the metric's direction
 * @param trend          NEW (not a finding last period), BETTER, WORSE, UNCHANGED, RESOLVED (only last period),
 *                       or null when there is no previous period to compare with
 * @param previousMetric the metric last period, when known
 * @param trial          the policy-lab request that tries the suggested rule change on this period, ready to send;
 *                       null when the suggestion is not a rule a lab can try
 */
public record Finding(String rule, String subject, Wording title, Wording detail, Map<String, Object> numbers,
                      Wording action, BigDecimal metric, boolean higherIsBetter, String trend,
                      BigDecimal previousMetric, Trial trial) {

    /**
     * A request to one service's policy lab: what a frontend sends (with the user's token) to see what the suggested
     * change would have done to this period's leads before anyone changes the rule.
     */
    public record Trial(String service, String method, String path, Map<String, Object> body, Wording description) {
    }

    public Finding withTrend(String newTrend, BigDecimal previous) {
        return new Finding(rule, subject, title, detail, numbers, action, metric, higherIsBetter, newTrend, previous,
                trial);
    }

    public Finding withTrial(Trial newTrial) {
        return new Finding(rule, subject, title, detail, numbers, action, metric, higherIsBetter, trend,
                previousMetric, newTrial);
    }

    public String key() {
        return rule + "|" + subject;
    }
}
