package io.leadflow.intake.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SearchTermTest {

    @Test
    void aWholePhoneInAnyFormatFindsItsE164Key() {
        for (String typed : new String[]{"13965903508", "+8613965903508", "139 6590 3508", "+86 139-6590-3508",
                "008613965903508", "１３９６５９０３５０８"}) {
            assertThat(SearchTerm.of(typed).phoneKey()).as(typed).isEqualTo("+8613965903508");
        }
        assertThat(SearchTerm.of("021-6123 4567").phoneKey()).isEqualTo("+862161234567");
    }

    @Test
    void aFragmentOfANumberIsSearchedAsItsDigits() {
        SearchTerm t = SearchTerm.of("6590 3508");
        assertThat(t.phoneKey()).isNull();
        assertThat(t.digits()).isEqualTo("65903508");
        assertThat(SearchTerm.of("3508").digits()).isNull(); // plain digits are searched as typed
        assertThat(SearchTerm.of("1-2").digits()).isNull(); // too short to mean a number
    }

    @Test
    void anEmailFindsItsDuplicateKeyAndWordsStayWords() {
        assertThat(SearchTerm.of("Zhang+crm@XingChen-Tech.cn").emailKey()).isEqualTo("zhang@xingchen-tech.cn");
        assertThat(SearchTerm.of("zhang@").emailKey()).isNull();
        SearchTerm words = SearchTerm.of(" 星辰科技 ");
        assertThat(words.text()).isEqualTo("星辰科技");
        assertThat(words.digits()).isNull();
        assertThat(words.phoneKey()).isNull();
        assertThat(words.emailKey()).isNull();
        assertThat(SearchTerm.of("  ")).isNull();
    }
}
