package io.leadflow.analytics.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.leadflow.events.vocabulary.Language;

class VocabularyTest {

    @Test
    void gradesReadHighMediumLowThenUnknown() {
        List<String> grades = new ArrayList<>(Arrays.asList(null, "LOW", "HIGH", "MEDIUM"));
        grades.sort(Vocabulary.order(Dimension.GRADE));
        assertThat(grades).containsExactly("HIGH", "MEDIUM", "LOW", null);
        assertThat(grades.stream().map(g -> Vocabulary.label(Dimension.GRADE, g, Language.ZH)))
                .containsExactly("高意向", "中意向", "低意向", "未知");
        assertThat(grades.stream().map(g -> Vocabulary.label(Dimension.GRADE, g, Language.EN)))
                .containsExactly("High", "Medium", "Low", "Unknown");
    }

    @Test
    void aGradeLevelRoutingWasConfiguredWithComesAfterTheTemplatesThreeAndBeforeUnknown() {
        List<String> grades = new ArrayList<>(Arrays.asList("URGENT", null, "LOW", "COLD", "HIGH"));
        grades.sort(Vocabulary.order(Dimension.GRADE));
        assertThat(grades).containsExactly("HIGH", "LOW", "COLD", "URGENT", null);
        assertThat(Vocabulary.label(Dimension.GRADE, "COLD", Language.EN)).isEqualTo("Cold");
    }

    @Test
    void sourcesReadInTheTemplatesOrder() {
        List<String> sources = new ArrayList<>(Arrays.asList("WEBSITE_FORM", null, "CUSTOMER_REFERRAL", "TRADE_SHOW"));
        sources.sort(Vocabulary.order(Dimension.SOURCE));
        assertThat(sources).containsExactly("TRADE_SHOW", "WEBSITE_FORM", "CUSTOMER_REFERRAL", null);
    }

    @Test
    void industryCodesReadAsWordsInTheReadersLanguage() {
        assertThat(Vocabulary.label(Dimension.INDUSTRY, "SOFTWARE", Language.ZH)).isEqualTo("软件");
        assertThat(Vocabulary.label(Dimension.INDUSTRY, "SOFTWARE", Language.EN)).isEqualTo("Software");
        assertThat(Vocabulary.label(Dimension.INDUSTRY, "REAL_ESTATE", Language.EN)).isEqualTo("Real estate");
        assertThat(Vocabulary.label(Dimension.INDUSTRY, null, Language.ZH)).isEqualTo("未知");
    }

    @Test
    void anIndustryTypedOutsideTheCodesIsShownAsTyped() {
        assertThat(Vocabulary.industry("新能源", Language.EN)).isEqualTo("新能源");
        assertThat(Vocabulary.industry("AGRICULTURE", Language.EN)).isEqualTo("Agriculture");
        assertThat(Vocabulary.industry("AGRICULTURE", Language.ZH)).isEqualTo("AGRICULTURE");
    }

    @Test
    void regionsAsPeopleWriteThemReadInTheReadersLanguage() {
        assertThat(Vocabulary.region("上海", Language.EN)).isEqualTo("Shanghai");
        assertThat(Vocabulary.region("上海市", Language.EN)).isEqualTo("Shanghai");
        assertThat(Vocabulary.region("上海市", Language.ZH)).isEqualTo("上海");
        assertThat(Vocabulary.region("guangdong", Language.ZH)).isEqualTo("广东");
        assertThat(Vocabulary.region("浦东新区", Language.EN)).isEqualTo("浦东新区");
        assertThat(Vocabulary.region(null, Language.EN)).isEqualTo("Unknown");
    }

    @Test
    void companySizeReadsAsAHeadcountBandAroundTheTemplates50People() {
        assertThat(Vocabulary.companySize(49, Language.ZH)).isEqualTo("1–49 人");
        assertThat(Vocabulary.companySize(50, Language.ZH)).isEqualTo("50–199 人");
        assertThat(Vocabulary.companySize(120, Language.EN)).isEqualTo("50–199 employees");
        assertThat(Vocabulary.companySize(1000, Language.EN)).isEqualTo("1000+ employees");
        assertThat(Vocabulary.companySize(null, Language.ZH)).isEqualTo("未知");
    }

    @Test
    void customerTypeChannelScreeningStageAndOutcomeHaveWords() {
        assertThat(Vocabulary.customerType("ENTERPRISE", Language.ZH)).isEqualTo("企业");
        assertThat(Vocabulary.customerType("SMB", Language.EN)).isEqualTo("Small and medium business");
        assertThat(Vocabulary.channel("STAFF", Language.ZH)).isEqualTo("人工录入");
        assertThat(Vocabulary.screening("REJECTED", Language.EN)).isEqualTo("Rejected");
        assertThat(Vocabulary.stage("NEEDS_CONFIRMED", Language.ZH)).isEqualTo("需求确认");
        assertThat(Vocabulary.stage("NEEDS_CONFIRMED", Language.EN)).isEqualTo("Needs confirmed");
        assertThat(Vocabulary.outcome("WON", Language.ZH)).isEqualTo("成交");
        assertThat(Vocabulary.outcome(null, Language.EN)).isEqualTo("Open");
    }
}
