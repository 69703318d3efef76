package io.leadflow.analytics.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class VocabularyTest {

    @Test
    void gradesReadHighMediumLowThenUnknown() {
        List<String> grades = new ArrayList<>(Arrays.asList(null, "LOW", "HIGH", "MEDIUM"));
        grades.sort(Vocabulary.order(Dimension.GRADE));
        assertThat(grades).containsExactly("HIGH", "MEDIUM", "LOW", null);
        assertThat(grades.stream().map(g -> Vocabulary.label(Dimension.GRADE, g, true)))
                .containsExactly("高意向", "中意向", "低意向", "未知");
        assertThat(grades.stream().map(g -> Vocabulary.label(Dimension.GRADE, g, false)))
                .containsExactly("High", "Medium", "Low", "Unknown");
    }

    @Test
    void aGradeLevelRoutingWasConfiguredWithComesAfterTheTemplatesThreeAndBeforeUnknown() {
        List<String> grades = new ArrayList<>(Arrays.asList("URGENT", null, "LOW", "COLD", "HIGH"));
        grades.sort(Vocabulary.order(Dimension.GRADE));
        assertThat(grades).containsExactly("HIGH", "LOW", "COLD", "URGENT", null);
        assertThat(Vocabulary.label(Dimension.GRADE, "COLD", false)).isEqualTo("Cold");
    }

    @Test
    void sourcesReadInTheTemplatesOrder() {
        List<String> sources = new ArrayList<>(Arrays.asList("WEBSITE_FORM", null, "CUSTOMER_REFERRAL", "TRADE_SHOW"));
        sources.sort(Vocabulary.order(Dimension.SOURCE));
        assertThat(sources).containsExactly("TRADE_SHOW", "WEBSITE_FORM", "CUSTOMER_REFERRAL", null);
    }

    @Test
    void industryCodesReadAsWordsInTheReadersLanguage() {
        assertThat(Vocabulary.label(Dimension.INDUSTRY, "SOFTWARE", true)).isEqualTo("软件");
        assertThat(Vocabulary.label(Dimension.INDUSTRY, "SOFTWARE", false)).isEqualTo("Software");
        assertThat(Vocabulary.label(Dimension.INDUSTRY, "REAL_ESTATE", false)).isEqualTo("Real estate");
        assertThat(Vocabulary.label(Dimension.INDUSTRY, null, true)).isEqualTo("未知");
    }

    @Test
    void anIndustryTypedOutsideTheCodesIsShownAsTyped() {
        assertThat(Vocabulary.industry("新能源", false)).isEqualTo("新能源");
        assertThat(Vocabulary.industry("AGRICULTURE", false)).isEqualTo("Agriculture");
        assertThat(Vocabulary.industry("AGRICULTURE", true)).isEqualTo("AGRICULTURE");
    }

    @Test
    void regionsAsPeopleWriteThemReadInTheReadersLanguage() {
        assertThat(Vocabulary.region("上海", false)).isEqualTo("Shanghai");
        assertThat(Vocabulary.region("上海市", false)).isEqualTo("Shanghai");
        assertThat(Vocabulary.region("上海市", true)).isEqualTo("上海");
        assertThat(Vocabulary.region("guangdong", true)).isEqualTo("广东");
        assertThat(Vocabulary.region("浦东新区", false)).isEqualTo("浦东新区");
        assertThat(Vocabulary.region(null, false)).isEqualTo("Unknown");
    }

    @Test
    void companySizeReadsAsAHeadcountBandAroundTheTemplates50People() {
        assertThat(Vocabulary.companySize(49, true)).isEqualTo("1–49 人");
        assertThat(Vocabulary.companySize(50, true)).isEqualTo("50–199 人");
        assertThat(Vocabulary.companySize(120, false)).isEqualTo("50–199 employees");
        assertThat(Vocabulary.companySize(1000, false)).isEqualTo("1000+ employees");
        assertThat(Vocabulary.companySize(null, true)).isEqualTo("未知");
    }

    @Test
    void customerTypeChannelScreeningStageAndOutcomeHaveWords() {
        assertThat(Vocabulary.customerType("ENTERPRISE", true)).isEqualTo("企业");
        assertThat(Vocabulary.customerType("SMB", false)).isEqualTo("Small and medium business");
        assertThat(Vocabulary.channel("STAFF", true)).isEqualTo("人工录入");
        assertThat(Vocabulary.screening("REJECTED", false)).isEqualTo("Rejected");
        assertThat(Vocabulary.stage("NEEDS_CONFIRMED", true)).isEqualTo("需求确认");
        assertThat(Vocabulary.stage("NEEDS_CONFIRMED", false)).isEqualTo("Needs confirmed");
        assertThat(Vocabulary.outcome("WON", true)).isEqualTo("成交");
        assertThat(Vocabulary.outcome(null, false)).isEqualTo("Open");
    }
}
