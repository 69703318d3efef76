package io.leadflow.intake.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ContactCellTest {

    /** The ways the template's register writes a number: every digit must reach the phone, and parse as typed. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "139 3969 4769            | 139 3969 4769            | +8613939694769",
            "+86 139-3969-4769        | +86 139-3969-4769        | +8613939694769",
            "021-6123 4567            | 021-6123 4567            | +862161234567",
            "(010) 8888 6666          | (010) 8888 6666          | +861088886666",
            "021 61234567 转 8012     | 021 61234567 转 8012     | +862161234567",
            "021 61234567 分机8012    | 021 61234567 分机8012    | +862161234567",
            "电话：021-6123 4567      | 021-6123 4567            | +862161234567",
            "Tel: +86 21 6123 4567    | +86 21 6123 4567         | +862161234567",
            "１３９ ３９６９ ４７６９ | 139 3969 4769            | +8613939694769",
            "0086 139 3969 4769 王经理 | 0086 139 3969 4769      | +8613939694769"})
    void aNumberKeepsItsSpacesDashesBracketsAndExtension(String cell, String phone, String e164) {
        ContactCell c = ContactCell.parse(cell);
        assertThat(c.phone()).isEqualTo(phone);
        assertThat(ContactCheck.of(c.phone(), null).phoneE164()).isEqualTo(e164);
    }

    @Test
    void aPhoneAndAnEmailInOneCellAreBothKept() {
        ContactCell c = ContactCell.parse("139 3969 4769 zhang@xingchen-tech.cn");
        assertThat(c.phone()).isEqualTo("139 3969 4769");
        assertThat(c.email()).isEqualTo("zhang@xingchen-tech.cn");

        c = ContactCell.parse("张三 <zhang@xingchen-tech.cn>; 021-6123 4567");
        assertThat(c.email()).isEqualTo("zhang@xingchen-tech.cn");
        assertThat(c.phone()).isEqualTo("021-6123 4567");

        c = ContactCell.parse("zhang@xingchen-tech.cn");
        assertThat(c.phone()).isNull();
        assertThat(c.email()).isEqualTo("zhang@xingchen-tech.cn");
    }

    @Test
    void aSecondNumberIsKeptAsAnotherNotMergedIntoTheFirst() {
        ContactCell c = ContactCell.parse("139 3969 4769 / 021-6123 4567");
        assertThat(c.phone()).isEqualTo("139 3969 4769");
        assertThat(c.others()).containsExactly("021-6123 4567");
        c = ContactCell.parse("139 3969 4769、021-6123 4567\n微信: zhang_san88");
        assertThat(c.phone()).isEqualTo("139 3969 4769");
        assertThat(c.wechat()).isEqualTo("zhang_san88");
        assertThat(c.others()).containsExactly("021-6123 4567");
    }

    @Test
    void aMaskedNumberStaysAPhoneSoScreeningCanSayItIsInvalid() {
        ContactCell c = ContactCell.parse("139****4769");
        assertThat(c.phone()).isEqualTo("139****4769");
        assertThat(ContactCheck.of(c.phone(), null).phoneValid()).isFalse();
    }

    @Test
    void anEmptyCellHoldsNothing() {
        assertThat(ContactCell.parse(null)).isEqualTo(new ContactCell(null, null, null, java.util.List.of()));
        assertThat(ContactCell.parse("   ").phone()).isNull();
    }
}
