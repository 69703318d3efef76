package io.leadflow.analytics.domain;

/** Which leads a table counts: registered in {@code period}, optionally of one source, grade and owner. */
public record LeadFilter(Period period, String source, String grade, String ownerId) {

    public LeadFilter {
        period = period == null ? Period.all() : period;
    }

    public static LeadFilter of(Period period) {
        return new LeadFilter(period, null, null, null);
    }

    public LeadFilter withPeriod(Period other) {
        return new LeadFilter(other, source, grade, ownerId);
    }

    public LeadFilter withSource(String code) {
        return new LeadFilter(period, code, grade, ownerId);
    }
}
