package io.leadflow.events.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** What a spreadsheet does with our exports: text stays text, numbers stay numbers, nothing runs as a formula. */
class CsvTest {

    @Test
    void aCellASpreadsheetWouldRunAsAFormulaIsKeptAsText() {
        assertThat(Csv.cell("=HYPERLINK(\"http://evil\",\"点我\")"))
                .isEqualTo("\"'=HYPERLINK(\"\"http://evil\"\",\"\"点我\"\")\"");
        assertThat(Csv.cell("+86 139 3969 4769")).isEqualTo("'+86 139 3969 4769");
        assertThat(Csv.cell("-2+3+cmd|' /C calc'!A0")).isEqualTo("'-2+3+cmd|' /C calc'!A0");
        assertThat(Csv.cell("@SUM(A1:A9)")).isEqualTo("'@SUM(A1:A9)");
        assertThat(Csv.cell("\t=1+1")).isEqualTo("'\t=1+1");
        assertThat(Csv.cell("\r=1+1")).isEqualTo("\"'\r=1+1\"");
    }

    @Test
    void numbersAndSignedFiguresStayNumbers() {
        assertThat(Csv.cell(-5)).isEqualTo("-5");
        assertThat(Csv.cell(new BigDecimal("-3.20"))).isEqualTo("-3.20");
        assertThat(Csv.cell("-12.5%")).isEqualTo("-12.5%");
        assertThat(Csv.cell("+8")).isEqualTo("+8");
    }

    @Test
    void textIsQuotedOnlyWhereRfc4180AsksAndRowsEndInCrlfAfterAByteOrderMark() {
        assertThat(Csv.cell("星辰科技有限公司")).isEqualTo("星辰科技有限公司");
        assertThat(Csv.cell("展会, 官网")).isEqualTo("\"展会, 官网\"");
        assertThat(Csv.cell(null)).isEmpty();
        assertThat(Csv.cell(List.of("现场互动强", "需求明确"))).isEqualTo("现场互动强; 需求明确");
        byte[] file = Csv.render(List.of("lead_id", "customer"), List.of(Arrays.asList("LX20240301000001", "=1+1")));
        assertThat(new String(file, StandardCharsets.UTF_8))
                .isEqualTo("\uFEFFlead_id,customer\r\nLX20240301000001,'=1+1\r\n");
    }

    @Test
    void aNeutralisedCellReadsBackAsItWasWritten() {
        for (String v : new String[]{"+86 139-3969-4769", "=HYPERLINK(\"x\")", "@me", "-", "'quoted", "plain", ""}) {
            String written = Csv.cell(v);
            String unquoted = written.startsWith("\"") ? written.substring(1, written.length() - 1).replace("\"\"", "\"")
                    : written;
            assertThat(Csv.unneutralised(unquoted)).as(v).isEqualTo(v);
        }
        assertThat(Csv.unneutralised(null)).isNull();
    }
}
