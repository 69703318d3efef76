package io.leadflow.followup.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;

import io.leadflow.events.domain.InvalidInput;
import io.leadflow.events.domain.Violation;
import org.junit.jupiter.api.Test;

class Table2SheetTest {

    @Test
    void theTemplatesChineseHeadersAreRecognised() {
        var at = Table2Columns.locate(List.of("\uFEFF线索编号", "跟进人", "跟进日期", "跟进方式", "沟通内容", "客户反馈", "下一步行动", "完成状态"));
        assertThat(at.get(Table2Columns.LEAD_ID)).isZero();
        assertThat(at.get(Table2Columns.STATUS)).isEqualTo(7);
        assertThat(at).doesNotContainKey(Table2Columns.NEXT_ACTION_DUE);
    }

    @Test
    void englishHeadersAreRecognisedInAnyCase() {
        var at = Table2Columns.locate(List.of("Lead ID", "Date", "METHOD", "Next action due", "extra"));
        assertThat(at).containsKeys(Table2Columns.LEAD_ID, Table2Columns.DATE, Table2Columns.METHOD, Table2Columns.NEXT_ACTION_DUE);
    }

    @Test
    void aSheetWithoutTheRequiredColumnsIsRefusedNamingThem() {
        assertThatThrownBy(() -> Table2Columns.locate(List.of("客户名称", "跟进人")))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.violations()).extracting(Violation::message)
                        .anySatisfy(m -> assertThat(m).contains("线索编号"))
                        .anySatisfy(m -> assertThat(m).contains("跟进日期"))
                        .anySatisfy(m -> assertThat(m).contains("跟进方式")));
    }

    @Test
    void datesAreReadAsPeopleTypeThem() {
        assertThat(LooseDates.parse("2024-03-02")).contains(LocalDate.of(2024, 3, 2));
        assertThat(LooseDates.parse("2024/3/2")).contains(LocalDate.of(2024, 3, 2));
        assertThat(LooseDates.parse("2024年3月6日")).contains(LocalDate.of(2024, 3, 6));
        assertThat(LooseDates.parse("45353")).contains(LocalDate.of(2024, 3, 2));
        assertThat(LooseDates.parse("2024-02-30")).isEmpty();
        assertThat(LooseDates.parse("三月二日")).isEmpty();
    }
}
