package io.leadflow.analytics.domain;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.leadflow.events.time.LabPeriod;

/**
 * From insight to trial: the findings whose suggestion is a rule a policy lab can try get the request that tries it on
 * the same period. A source whose leads are lost to slow answers, or that holds the first-response breaches, is tried
 * with the template's 24-hour first touch for that source in follow-up's cadence what-if.
 */
public final class Trials {

    /** The template's figure: 缩短官网表单线索响应时间至24小时内. */
    static final String FIRST_TOUCH = "PT24H";
    /** An insight over all time (no from, no to) is tried on the last quarter's leads. */
    static final int OPEN_PERIOD_DAYS = 92;

    private Trials() {
    }

    /** @param today the business date, the end of an insight period that has none */
    public static List<Finding> attach(List<Finding> findings, Period period, LocalDate today) {
        return findings.stream().map(f -> {
            String source = responseSource(f);
            return source == null ? f : f.withTrial(cadenceWhatIf(source, period, today));
        }).toList();
    }

    /** The source a finding asks to answer faster, or null. */
    static String responseSource(Finding f) {
        if (f.rule().equals("LOSS_REASON_DOMINANT") && f.subject().contains(":")) {
            String reason = f.subject().substring(f.subject().indexOf(':') + 1);
            return Reasons.family(reason) == Reasons.Family.RESPONSE ? f.subject().substring(0, f.subject().indexOf(':'))
                    : null;
        }
        if (f.rule().equals("SLA_BREACHES_CONCENTRATED") && f.subject().startsWith("SOURCE:")) {
            return f.subject().substring("SOURCE:".length());
        }
        return null;
    }

    private static Finding.Trial cadenceWhatIf(String source, Period period, LocalDate today) {
        LocalDate to = period == null || period.to() == null ? today : period.to();
        LocalDate from = period == null || period.from() == null ? to.minusDays(OPEN_PERIOD_DAYS - 1) : period.from();
        if (from.isBefore(to.minusDays(LabPeriod.MAX_DAYS - 1))) {
            from = to.minusDays(LabPeriod.MAX_DAYS - 1); // the longest period a lab tries: its last days
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("from", from.toString());
        body.put("to", to.toString());
        body.put("sources", List.of(Map.of("source", source, "firstResponse", FIRST_TOUCH)));
        return new Finding.Trial("followup-service", "POST", "/api/v1/cadence-policy/what-ifs", body,
                Wording.of("trial.CADENCE_WHAT_IF", Wording.Code.source(source)));
    }
}
