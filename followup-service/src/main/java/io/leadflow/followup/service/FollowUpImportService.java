package io.leadflow.followup.service;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.jboss.logging.Logger;

import io.leadflow.events.domain.InvalidInput;
import io.leadflow.events.domain.NotPermitted;
import io.leadflow.events.domain.Refusal;
import io.leadflow.events.domain.RuleBroken;
import io.leadflow.events.domain.Violation;
import io.leadflow.followup.domain.Actor;
import io.leadflow.followup.domain.LooseDates;
import io.leadflow.followup.domain.Table2Columns;
import io.leadflow.followup.repository.LeadRepository;

/**
 * Imports Table 2 sheets (CSV in UTF-8 or GB18030, or XLSX), one row at a time through the same rules as the log
 * endpoint; the report says for every row whether it was accepted and, if not, why.
 */
@ApplicationScoped
public class FollowUpImportService {

    private static final Logger LOG = Logger.getLogger(FollowUpImportService.class);
    public static final int MAX_ROWS = 10_000;
    private static final Map<String, String> COLUMN_OF_FIELD = Map.of(
            "method", "跟进方式", "contactedAt", "跟进日期", "content", "沟通内容", "feedback", "客户反馈",
            "nextAction", "下一步行动", "nextActionDue", "下一步截止日期", "status", "完成状态", "leadId", "线索编号");

    private final FollowUpService followUps;
    private final LeadRepository leads;

    public FollowUpImportService(FollowUpService followUps, LeadRepository leads) {
        this.followUps = followUps;
        this.leads = leads;
    }

    record Sheet(String format, List<String> headers, List<List<String>> rows) {
    }

    public ImportReport importSheet(byte[] body, Actor actor) {
        if (body == null || body.length == 0) {
            throw InvalidInput.of("(body)", "is empty: send a Table 2 sheet as CSV (text/csv) or XLSX");
        }
        Sheet sheet = read(body);
        Map<Table2Columns, Integer> columns = Table2Columns.locate(sheet.headers());
        if (sheet.rows().size() > MAX_ROWS) {
            throw InvalidInput.of("(body)", "has " + sheet.rows().size() + " rows; import at most " + MAX_ROWS + " per file");
        }
        String importId = "I-" + UUID.randomUUID();
        List<ImportReport.Row> results = new ArrayList<>();
        int accepted = 0;
        for (int i = 0; i < sheet.rows().size(); i++) {
            List<String> row = sheet.rows().get(i);
            int rowNumber = i + 2;
            String leadId = cell(row, columns.get(Table2Columns.LEAD_ID));
            if (row.stream().allMatch(v -> v == null || v.isBlank())) {
                continue;
            }
            List<String> warnings = new ArrayList<>();
            try {
                if (leadId == null) {
                    throw InvalidInput.of("leadId", "is required");
                }
                FollowUpRequest request = toRequest(row, columns);
                String owner = cell(row, columns.get(Table2Columns.OWNER));
                var followUpId = followUps.importRow(leadId, request, actor, importId);
                if (followUpId.isEmpty()) {
                    results.add(new ImportReport.Row(rowNumber, leadId, "DUPLICATE", null, List.of(),
                            List.of("already in the log (same lead, date, method and content); not logged again")));
                    continue;
                }
                leads.findByIdOptional(leadId).ifPresent(lead -> {
                    if (owner != null && !owner.equals(lead.ownerName) && !owner.equals(lead.ownerId)) {
                        warnings.add("跟进人 " + owner + " is not the lead's current owner (" + lead.ownerName
                                + "); the follow-up is logged under the current owner");
                    }
                });
                results.add(new ImportReport.Row(rowNumber, leadId, "ACCEPTED", followUpId.get(), List.of(), warnings));
                accepted++;
            } catch (InvalidInput e) {
                results.add(rejected(rowNumber, leadId, e.violations().stream()
                        .map(v -> new Violation(COLUMN_OF_FIELD.getOrDefault(v.field(), v.field()), v.message())).toList()));
            } catch (RuleBroken | NotPermitted e) {
                results.add(rejected(rowNumber, leadId, List.of(new Violation("(row)", e.getMessage()))));
            } catch (Refusal e) {
                results.add(rejected(rowNumber, leadId, List.of(new Violation("(row)", e.detail()))));
            }
        }
        LOG.infof("Import %s by %s: %d of %d rows accepted", importId, actor.userId(), accepted, results.size());
        int duplicates = (int) results.stream().filter(r -> r.status().equals("DUPLICATE")).count();
        return new ImportReport(importId, sheet.format(), results.size(), accepted, duplicates,
                results.size() - accepted - duplicates, results);
    }

    private static ImportReport.Row rejected(int row, String leadId, List<Violation> errors) {
        return new ImportReport.Row(row, leadId, "REJECTED", null, errors, List.of());
    }

    private static FollowUpRequest toRequest(List<String> row, Map<Table2Columns, Integer> columns) {
        List<Violation> violations = new ArrayList<>();
        String date = cell(row, columns.get(Table2Columns.DATE));
        String contactedAt = null;
        if (date == null) {
            violations.add(new Violation("跟进日期", "is required"));
        } else {
            contactedAt = LooseDates.parse(date).map(Object::toString).orElse(null);
            if (contactedAt == null) {
                violations.add(new Violation("跟进日期", "'" + date + "' is not a date such as 2024-03-02"));
            }
        }
        String dueText = cell(row, columns.get(Table2Columns.NEXT_ACTION_DUE));
        java.time.LocalDate due = null;
        if (dueText != null) {
            due = LooseDates.parse(dueText).orElse(null);
            if (due == null) {
                violations.add(new Violation("下一步截止日期", "'" + dueText + "' is not a date such as 2024-03-05"));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidInput(violations);
        }
        return new FollowUpRequest(contactedAt, cell(row, columns.get(Table2Columns.METHOD)),
                cell(row, columns.get(Table2Columns.CONTENT)), cell(row, columns.get(Table2Columns.FEEDBACK)),
                cell(row, columns.get(Table2Columns.NEXT_ACTION)), due, cell(row, columns.get(Table2Columns.STATUS)), null);
    }

    private static String cell(List<String> row, Integer index) {
        if (index == null || index >= row.size()) {
            return null;
        }
        String value = row.get(index);
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static Sheet read(byte[] body) {
        if (body.length >= 4 && body[0] == 'P' && body[1] == 'K' && body[2] == 3 && body[3] == 4) {
            return readXlsx(body);
        }
        // isOLE2Header throws on fewer than its 8 magic bytes; a body that short is read as (invalid) CSV text.
        if (body.length >= 8 && ReadableWorkbook.isOLE2Header(body)) {
            throw unreadable("This looks like an old Excel .xls file; save it as .xlsx or CSV and import again.");
        }
        return readCsv(decode(body));
    }

    /** Excel on a Chinese Windows saves CSV in GBK; anything that is not valid UTF-8 is read as GB18030. */
    private static String decode(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return new String(body, Charset.forName("GB18030"));
        }
    }

    private static Sheet readCsv(String text) {
        String content = text.startsWith("\uFEFF") ? text.substring(1) : text;
        try (CSVParser parser = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).setTrim(true).get()
                .parse(new StringReader(content))) {
            List<List<String>> all = new ArrayList<>();
            for (CSVRecord record : parser) {
                all.add(record.toList());
                if (all.size() > MAX_ROWS + 1) {
                    break;
                }
            }
            if (all.isEmpty()) {
                throw InvalidInput.of("(body)", "has no header row");
            }
            return new Sheet("CSV", all.get(0), all.subList(1, all.size()));
        } catch (IOException | java.io.UncheckedIOException | IllegalStateException e) {
            throw unreadable("The CSV could not be read: " + e.getMessage());
        }
    }

    private static Sheet readXlsx(byte[] body) {
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(body));
             Stream<org.dhatim.fastexcel.reader.Row> rows = workbook.getFirstSheet().openStream()) {
            List<List<String>> all = new ArrayList<>();
            for (var it = rows.iterator(); it.hasNext() && all.size() <= MAX_ROWS + 1; ) {
                var row = it.next();
                List<String> values = new ArrayList<>();
                for (int c = 0; c < row.getCellCount(); c++) {
                    values.add(text(row.getCell(c)));
                }
                if (all.isEmpty() && values.stream().allMatch(v -> v == null || v.isBlank())) {
                    continue;
                }
                all.add(values);
            }
            if (all.isEmpty()) {
                throw InvalidInput.of("(body)", "has no header row");
            }
            return new Sheet("XLSX", all.get(0), all.subList(1, all.size()));
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidInput invalid) {
                throw invalid;
            }
            throw unreadable("The XLSX file could not be read: " + e.getMessage());
        }
    }

    /** Date cells become ISO dates; everything else its displayed text. */
    private static String text(Cell cell) {
        if (cell == null) {
            return null;
        }
        if (cell.getType() == CellType.NUMBER && cell.getDataFormatString() != null
                && cell.getDataFormatString().matches(".*[yd].*")) {
            return cell.asDate().toLocalDate().toString();
        }
        return cell.getText();
    }

    private static InvalidInput unreadable(String detail) {
        return new InvalidInput("unreadable-sheet", detail, List.of());
    }
}
