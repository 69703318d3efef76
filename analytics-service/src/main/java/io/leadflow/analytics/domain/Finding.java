package io.leadflow.analytics.domain;

import java.math.BigDecimal;
import java.util.Map;

/**
 * One insight: which rule fired on what ({@code subject}, e.g. a source), the numbers behind it, what to do, and
 * how it compares with the previous period.
 *
 * @param metric         the number the rule judged (a rate, days, a share) and the trend compares
 * @param higherIsBetter the metric's direction
 * @param trend          NEW (not a finding last period), BETTER, WORSE, UNCHANGED, RESOLVED (only last period),
 *                       or null when there is no previous period to compare with
 * @param previousMetric the metric last period, when known
 */
public record Finding(String rule, String subject, String title, String detail, Map<String, Object> numbers,
                      String action, BigDecimal metric, boolean higherIsBetter, String trend,
                      BigDecimal previousMetric) {

    public Finding withTrend(String newTrend, BigDecimal previous) {
        return new Finding(rule, subject, title, detail, numbers, action, metric, higherIsBetter, newTrend, previous);
    }

    public String key() {
        return rule + "|" + subject;
    }
}
