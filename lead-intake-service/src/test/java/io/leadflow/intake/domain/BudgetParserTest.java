package io.leadflow.intake.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import io.leadflow.events.contract.Budget;

class BudgetParserTest {

    private static Budget parse(String text) {
        BudgetParser.Result r = BudgetParser.parse(text);
        assertThat(r.ok()).as(text).isTrue();
        return r.budget();
    }

    @Test
    void aRangeInWanIsTenThousands() {
        Budget b = parse("10-15万");
        assertThat(b.min()).isEqualByComparingTo("100000");
        assertThat(b.max()).isEqualByComparingTo("150000");
        assertThat(b.currency()).isEqualTo("CNY");
        assertThat(b.text()).isEqualTo("10-15万");
        assertThat(b.min().toPlainString()).isEqualTo("100000");
    }

    @Test
    void aSingleAmountIsBothEnds() {
        Budget b = parse("12万");
        assertThat(b.min()).isEqualByComparingTo("120000");
        assertThat(b.max()).isEqualByComparingTo("120000");
    }

    @Test
    void toBeConfirmedIsUnknownButKeepsTheWords() {
        Budget b = parse("待确认");
        assertThat(b.min()).isNull();
        assertThat(b.max()).isNull();
        assertThat(b.text()).isEqualTo("待确认");
        assertThat(parse("面议").min()).isNull();
    }

    @Test
    void otherSpellingsOfAmounts() {
        assertThat(parse("1.5万").min()).isEqualByComparingTo("15000");
        assertThat(parse("１０～１５万").max()).isEqualByComparingTo("150000");
        assertThat(parse("10万至15万").max()).isEqualByComparingTo("150000");
        assertThat(parse("80,000元").min()).isEqualByComparingTo("80000");
        assertThat(parse("100k").min()).isEqualByComparingTo("100000");
        assertThat(parse("￥20w").min()).isEqualByComparingTo("200000");
        Budget open = parse("50万以上");
        assertThat(open.min()).isEqualByComparingTo("500000");
        assertThat(open.max()).isNull();
        Budget capped = parse("5万以内");
        assertThat(capped.min()).isNull();
        assertThat(capped.max()).isEqualByComparingTo("50000");
        assertThat(parse("$20k").currency()).isEqualTo("USD");
    }

    @Test
    void aRangeUpsideDownIsAnError() {
        assertThat(BudgetParser.parse("15-10万").ok()).isFalse();
        assertThat(BudgetParser.ofRange(new BigDecimal("5"), new BigDecimal("1"), null, null).ok()).isFalse();
        assertThat(BudgetParser.ofRange(new BigDecimal("-5"), null, null, null).ok()).isFalse();
        assertThat(BudgetParser.ofRange(BigDecimal.ONE, null, "yuan", null).ok()).isFalse();
    }

    @Test
    void blankIsNoBudgetAtAll() {
        assertThat(BudgetParser.parse("  ").budget()).isNull();
        assertThat(BudgetParser.parse(null).budget()).isNull();
    }
}
