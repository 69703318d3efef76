package io.leadflow.intake.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DecisionCycleParserTest {

    @Test
    void oneMonthIsThirtyDays() {
        assertThat(DecisionCycleParser.parse("1个月")).isEqualTo(30);
        assertThat(DecisionCycleParser.parse("一个月")).isEqualTo(30);
        assertThat(DecisionCycleParser.parse("1 month")).isEqualTo(30);
    }

    @Test
    void aRangeOfMonthsIsItsMiddle() {
        assertThat(DecisionCycleParser.parse("2-3个月")).isEqualTo(75);
        assertThat(DecisionCycleParser.parse("1~3个月")).isEqualTo(60);
    }

    @Test
    void weeksDaysHalvesAndYears() {
        assertThat(DecisionCycleParser.parse("两周")).isEqualTo(14);
        assertThat(DecisionCycleParser.parse("2 weeks")).isEqualTo(14);
        assertThat(DecisionCycleParser.parse("10天")).isEqualTo(10);
        assertThat(DecisionCycleParser.parse("十五天")).isEqualTo(15);
        assertThat(DecisionCycleParser.parse("半个月")).isEqualTo(15);
        assertThat(DecisionCycleParser.parse("半年")).isEqualTo(183);
        assertThat(DecisionCycleParser.parse("1年")).isEqualTo(365);
        assertThat(DecisionCycleParser.parse("3个月以上")).isEqualTo(90);
        assertThat(DecisionCycleParser.parse("45")).isEqualTo(45);
    }

    @Test
    void uncertainIsUnknown() {
        assertThat(DecisionCycleParser.parse("不确定")).isNull();
        assertThat(DecisionCycleParser.parse("看预算审批")).isNull();
        assertThat(DecisionCycleParser.parse("")).isNull();
    }
}
