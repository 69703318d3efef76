package io.leadflow.followup.service;

import java.util.List;

import io.leadflow.events.domain.Violation;

/** What happened to every row (ACCEPTED, DUPLICATE of a row already logged, or REJECTED with the reasons) of an imported Table 2 sheet. Row numbers are the sheet's (the header is row 1). */
public record ImportReport(String importId, String format, int rows, int accepted, int duplicates, int rejected,
                           List<Row> results) {

    public record Row(int row, String leadId, String status, String followUpId, List<Violation> errors, List<String> warnings) {
    }
}
