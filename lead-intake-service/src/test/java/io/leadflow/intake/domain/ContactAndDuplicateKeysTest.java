package io.leadflow.intake.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContactAndDuplicateKeysTest {

    @Test
    void chineseMobilesAreStoredInE164() {
        assertThat(ContactCheck.of("139 1234 5678", null).phoneE164()).isEqualTo("+8613912345678");
        assertThat(ContactCheck.of("+86 139-1234-5678", null).phoneE164()).isEqualTo("+8613912345678");
        assertThat(ContactCheck.of("008613912345678", null).phoneE164()).isEqualTo("+8613912345678");
        assertThat(ContactCheck.of("１３９１２３４５６７８", null).phoneE164()).isEqualTo("+8613912345678");
        assertThat(ContactCheck.of("13912345678", null).phoneType()).isEqualTo("MOBILE");
    }

    @Test
    void landlinesAndInternationalNumbersAreValidToo() {
        assertThat(ContactCheck.of("021-6288 1234", null).phoneE164()).isEqualTo("+862162881234");
        assertThat(ContactCheck.of("+1 650-253-0000", null).phoneE164()).isEqualTo("+16502530000");
    }

    @Test
    void maskedOrShortNumbersAreInvalid() {
        assertThat(ContactCheck.of("5678", null).phoneValid()).isFalse();
        assertThat(ContactCheck.of("139", null).phoneValid()).isFalse();
        assertThat(ContactCheck.of("not a phone", null).phoneValid()).isFalse();
        assertThat(ContactCheck.of("5678", null).phoneGiven()).isTrue();
    }

    @Test
    void emailSyntaxAndThrowAwayMailboxes() {
        assertThat(ContactCheck.of(null, "zhang@xingchen-tech.cn").emailValid()).isTrue();
        assertThat(ContactCheck.of(null, "zhang@XingChen-Tech.CN").email()).isEqualTo("zhang@xingchen-tech.cn");
        assertThat(ContactCheck.of(null, "zhang@").emailValid()).isFalse();
        assertThat(ContactCheck.of(null, "zhang xc@a.cn").emailValid()).isFalse();
        assertThat(ContactCheck.of(null, "a..b@a.cn").emailValid()).isFalse();
        assertThat(ContactCheck.of(null, "bot@mailinator.com").emailDisposable()).isTrue();
        assertThat(ContactCheck.of(null, "bot@x.mailinator.com").emailDisposable()).isTrue();
        assertThat(ContactCheck.of(null, "wang@qq.com").emailDisposable()).isFalse();
    }

    @Test
    void companyNamesLoseTheirLegalFormCaseAndWidth() {
        String key = DuplicateKeys.companyKey("星辰科技有限公司");
        assertThat(key).isEqualTo("星辰科技");
        assertThat(DuplicateKeys.companyKey("星辰科技股份有限公司")).isEqualTo(key);
        assertThat(DuplicateKeys.companyKey(" 星辰科技（中国）有限公司 ")).isEqualTo(key);
        assertThat(DuplicateKeys.companyKey("Xingchen Tech Co., Ltd.")).isEqualTo(DuplicateKeys.companyKey("XINGCHEN TECH"));
        assertThat(DuplicateKeys.companyKey("ＸＩＮＧＣＨＥＮ Tech Limited")).isEqualTo("xingchentech");
    }

    @Test
    void maskedOrTooShortCompanyNamesFindNobody() {
        assertThat(DuplicateKeys.companyKey("*科技有限公司")).isNull();
        assertThat(DuplicateKeys.companyKey("有限公司")).isNotNull(); // the name itself, not stripped to nothing
        assertThat(DuplicateKeys.companyKey("AB")).isNull();
        assertThat(DuplicateKeys.companyKey(null)).isNull();
    }

    @Test
    void emailKeysIgnoreCaseAndPlusTags() {
        assertThat(DuplicateKeys.emailKey(ContactCheck.of(null, "Zhang+expo@XingChen.cn"))).isEqualTo("zhang@xingchen.cn");
        assertThat(DuplicateKeys.emailKey(ContactCheck.of(null, "broken@"))).isNull();
    }

    /** An import row that is no lead (its source unknown, say) still names its person, read as a capture reads them. */
    @Test
    void anImportRowsContactKeysAreReadAsACapturesAreEvenWithoutALead() {
        RawLead row = RawLead.fromFields(java.util.Map.of("contact", "电话: 139 1234 5678 / Zhang+crm@XingChen-Tech.CN",
                "source", "广告"));
        DuplicateKeys keys = DuplicateKeys.ofContact(ContactCheck.of(row.phone(), row.email()));
        assertThat(keys.phone()).isEqualTo("+8613912345678");
        assertThat(keys.email()).isEqualTo("zhang@xingchen-tech.cn");
        assertThat(keys.company()).isNull();
        DuplicateKeys masked = DuplicateKeys.ofContact(ContactCheck.of("139****4769", null));
        assertThat(masked.phone()).as("a masked number names nobody").isNull();
    }
}
