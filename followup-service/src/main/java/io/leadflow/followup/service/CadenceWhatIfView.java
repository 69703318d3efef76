package io.leadflow.followup.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import io.leadflow.events.vocabulary.Term;
import io.leadflow.followup.domain.CadenceWhatIf;

/**
 * A draft cadence policy held against a period's real first responses: first-response SLA compliance per grade,
 * source and owner under the policy in force and under the draft, and the owners who would have breached the draft.
 *
 * @param leads          leads whose first-response clock started in the period (erased ones left out)
 * @param activate       how to make the draft the next version: PUT /api/v1/cadence-policy with the draft and a
 *                       changeReason saying what this what-if showed
 */
public record CadenceWhatIfView(LocalDate from, LocalDate to, int currentVersion, long leads,
                                Long medianResponseMinutes, Group total, List<Group> byGrade, List<Group> bySource,
                                List<Group> byOwner, List<Owner> ownersBreachingTheDraft, String reading,
                                String activate) {

    /**
     * @param compliancePercent met / (met + breached), as a percentage; null when nothing was decided yet
     */
    public record Tally(long leads, long met, long breached, long open, long noDeadline, BigDecimal compliancePercent) {
        static Tally of(CadenceWhatIf.Tally t) {
            return new Tally(t.leads(), t.met(), t.breached(), t.open(), t.noDeadline(),
                    t.compliance() == null ? null : t.compliance().movePointRight(2).setScale(2));
        }
    }

    /** @param changePoints compliance under the draft minus under the policy in force, in percentage points */
    public record Group(String key, String label, Tally current, Tally draft, BigDecimal changePoints) {
        static Group of(CadenceWhatIf.Row row, String label) {
            return new Group(row.key(), label, Tally.of(row.current()), Tally.of(row.draft()), row.changePoints());
        }
    }

    public record Owner(String ownerId, String ownerName, long draftBreaches, long currentBreaches, long leads) {
    }

    static List<Group> groups(List<CadenceWhatIf.Row> rows, Term term, Labels labels) {
        return rows.stream().map(r -> Group.of(r, term == null || r.key().equals("UNKNOWN") ? null
                : labels.word(term, r.key()))).toList();
    }

    public static final List<String> CSV_COLUMNS = List.of("dimension", "key", "label", "leads", "current_met",
            "current_breached", "current_open", "current_no_deadline", "current_compliance_percent", "draft_met",
            "draft_breached", "draft_open", "draft_no_deadline", "draft_compliance_percent", "change_points");

    /** One line per group of every dimension, for a BI tool. */
    public List<List<Object>> csvRows() {
        List<List<Object>> rows = new java.util.ArrayList<>();
        add(rows, "total", List.of(total));
        add(rows, "grade", byGrade);
        add(rows, "source", bySource);
        add(rows, "owner", byOwner);
        return rows;
    }

    private static void add(List<List<Object>> rows, String dimension, List<Group> groups) {
        for (Group g : groups) {
            rows.add(java.util.Arrays.asList(dimension, g.key(), g.label(), g.current().leads(), g.current().met(),
                    g.current().breached(), g.current().open(), g.current().noDeadline(), g.current().compliancePercent(),
                    g.draft().met(), g.draft().breached(), g.draft().open(), g.draft().noDeadline(),
                    g.draft().compliancePercent(), g.changePoints()));
        }
    }
}
