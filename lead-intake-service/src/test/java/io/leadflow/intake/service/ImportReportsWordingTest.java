package io.leadflow.intake.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.leadflow.events.vocabulary.Language;
import io.leadflow.intake.repository.ImportResults;
import io.leadflow.intake.repository.ImportStore;

/**
 * The row report's CSV and JSON words in both languages, byte for byte: the header it adds, the outcome words and the
 * stored reasons. The import's rows are stand-ins; nothing touches a database.
 */
class ImportReportsWordingTest {

    private static final String REASONS = "[{\"code\":\"PHONE_INVALID\",\"message\":\"The phone number given is not valid\","
            + "\"messageZh\":\"所填电话不是有效的电话号码\"},{\"code\":\"OLD\",\"message\":\"Stored before Chinese words\"}]";

    private static final List<ImportStore.RowRecord> ROWS = List.of(
            new ImportStore.RowRecord(2, "QUALIFIED", "L-1", null, "[\"云帆贸易\",\"139\"]", null, null),
            new ImportStore.RowRecord(3, "REJECTED", "L-2", REASONS, "[\"星河, 科技\"]", null, null),
            new ImportStore.RowRecord(4, "DUPLICATE", null, null, null, null, null),
            new ImportStore.RowRecord(5, "ALREADY_IMPORTED", null, null, "[]", null, null),
            new ImportStore.RowRecord(6, "INVALID", null, null, "[\"a\",\"b\",\"c\"]", null, null),
            new ImportStore.RowRecord(7, "SOMETHING_NEW", null, null, null, null, null));

    private static ImportReports reports(String columnsJson) {
        ImportResults results = new ImportResults(null) {
            @Override
            public Optional<ImportRecord> find(String id) {
                return Optional.of(new ImportRecord(id, "leads.csv", "CSV", "UTF-8", "DONE", 6, 1, 1, 1, 1, 1, null,
                        Instant.EPOCH, "u-1", Instant.EPOCH, columnsJson, 6, 1, Instant.EPOCH, null));
            }

            @Override
            public List<ImportStore.RowRecord> rows(String importId, String outcome, int offset, int limit) {
                return offset == 0 ? ROWS : List.of();
            }
        };
        return new ImportReports(results);
    }

    @Test
    void theRowsCsvInChinese() {
        assertThat(reports("[\"客户名称\",\"联系电话\"]").rowsCsv("i-1", null, Language.ZH)).isEqualTo("\uFEFF"
                + "客户名称,联系电话,导入行号,导入结果,对应线索,问题原因\r\n"
                + "云帆贸易,139,2,有效,L-1,\r\n"
                + "\"星河, 科技\",,3,已剔除,L-2,所填电话不是有效的电话号码; Stored before Chinese words\r\n"
                + ",,4,重复,,\r\n"
                + ",,5,已导入过,,\r\n"
                + "a,b,6,无法导入,,\r\n"
                + ",,7,SOMETHING_NEW,,\r\n");
    }

    @Test
    void theRowsCsvInEnglish() {
        assertThat(reports("[\"客户名称\",\"联系电话\"]").rowsCsv("i-1", null, Language.EN)).isEqualTo("\uFEFF"
                + "客户名称,联系电话,import row,import outcome,stored as lead,import reasons\r\n"
                + "云帆贸易,139,2,QUALIFIED,L-1,\r\n"
                + "\"星河, 科技\",,3,REJECTED,L-2,The phone number given is not valid; Stored before Chinese words\r\n"
                + ",,4,DUPLICATE,,\r\n"
                + ",,5,ALREADY_IMPORTED,,\r\n"
                + "a,b,6,INVALID,,\r\n"
                + ",,7,SOMETHING_NEW,,\r\n");
    }

    @Test
    void anImportWithoutStoredColumnsHasOnlyTheReportsOwn() {
        assertThat(reports(null).rowsCsv("i-1", "QUALIFIED", Language.ZH).lines().findFirst().orElseThrow())
                .isEqualTo("\uFEFF导入行号,导入结果,对应线索,问题原因");
        assertThat(reports(null).rowsCsv("i-1", "QUALIFIED", Language.EN).lines().findFirst().orElseThrow())
                .isEqualTo("\uFEFFimport row,import outcome,stored as lead,import reasons");
    }

    @Test
    void theReportsReasonsReadInTheReadersLanguage() {
        var zh = reports(null).report("i-1", Language.ZH).problemRows().get(1).reasons();
        var en = reports(null).report("i-1", Language.EN).problemRows().get(1).reasons();
        assertThat(zh).extracting(r -> r.code() + "|" + r.message())
                .containsExactly("PHONE_INVALID|所填电话不是有效的电话号码", "OLD|Stored before Chinese words");
        assertThat(en).extracting(r -> r.code() + "|" + r.message())
                .containsExactly("PHONE_INVALID|The phone number given is not valid", "OLD|Stored before Chinese words");
    }
}
