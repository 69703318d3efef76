package io.leadflow.intake.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.leadflow.events.vocabulary.Language;
import io.leadflow.intake.service.Wording;

class DraftParserTest {

    private static final Instant NOW = Instant.parse("2024-03-10T02:30:00Z");
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private static DraftParser.Result parse(Map<String, String> fields) {
        return DraftParser.parse(RawLead.fromFields(fields), NOW, SHANGHAI);
    }

    @Test
    void theTemplatesFirstRowReadsCompletely() {
        DraftParser.Result r = parse(Map.of("externalRef", "LX20240301", "customerName", "*科技有限公司",
                "contactName", "张经理", "contact", "13912345678", "source", "展会", "needDescription", "需要CRM系统",
                "givenGrade", "高意向", "budget", "10-15万", "decisionCycle", "1个月", "namedOwner", "李销售"));
        assertThat(r.errors()).isEmpty();
        LeadDraft d = r.draft();
        assertThat(d.source()).isEqualTo(LeadSource.TRADE_SHOW);
        assertThat(d.givenGrade()).isEqualTo(Intent.HIGH);
        assertThat(d.decisionCycleDays()).isEqualTo(30);
        assertThat(d.budget().min()).isEqualByComparingTo("100000");
        assertThat(d.contact().phoneE164()).isEqualTo("+8613912345678");
        assertThat(d.registeredAt()).isEqualTo(NOW);
    }

    @Test
    void everySourceWordOfTheTemplateIsAccepted() {
        assertThat(LeadSource.parse("展会")).contains(LeadSource.TRADE_SHOW);
        assertThat(LeadSource.parse("官网表单")).contains(LeadSource.WEBSITE_FORM);
        assertThat(LeadSource.parse("合作伙伴推荐")).contains(LeadSource.PARTNER_REFERRAL);
        assertThat(LeadSource.parse("社交媒体")).contains(LeadSource.SOCIAL_MEDIA);
        assertThat(LeadSource.parse("客户转介绍")).contains(LeadSource.CUSTOMER_REFERRAL);
        assertThat(LeadSource.parse("trade_show")).contains(LeadSource.TRADE_SHOW);
        assertThat(LeadSource.parse("Website Form")).contains(LeadSource.WEBSITE_FORM);
        assertThat(LeadSource.parse("广告")).isEmpty();
    }

    @Test
    void anUnknownSourceNamesTheAcceptedOnes() {
        DraftParser.Result r = parse(Map.of("source", "广告", "customerName", "星辰"));
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("source");
            assertThat(Wording.text(Language.EN, e.said())).contains("TRADE_SHOW (展会)");
        });
    }

    @Test
    void aHistoricalRegistrationIsAcceptedInManySpellings() {
        Instant march1 = Instant.parse("2024-02-29T16:00:00Z"); // midnight in Shanghai
        for (String text : new String[]{"2024-03-01", "2024/3/1", "2024年3月1日", "2024.03.01", "20240301"}) {
            assertThat(parse(Map.of("source", "展会", "registeredAt", text)).draft().registeredAt()).as(text).isEqualTo(march1);
        }
        assertThat(parse(Map.of("source", "展会", "registeredAt", "2024-03-01T10:30:00+08:00")).draft().registeredAt())
                .isEqualTo(Instant.parse("2024-03-01T02:30:00Z"));
    }

    @Test
    void aRegistrationInTheFutureIsRefused() {
        assertThat(parse(Map.of("source", "展会", "registeredAt", "2024-03-11")).errors())
                .extracting(InputError::field).containsExactly("registeredAt");
        assertThat(parse(Map.of("source", "展会", "registeredAt", "2024-03-10T12:00:00+08:00")).errors())
                .extracting(InputError::field).containsExactly("registeredAt");
        // today as a date is fine even though midnight has passed
        assertThat(parse(Map.of("source", "展会", "registeredAt", "2024-03-10")).ok()).isTrue();
        assertThat(parse(Map.of("source", "展会", "registeredAt", "1999-12-31")).ok()).isFalse();
        assertThat(parse(Map.of("source", "展会", "registeredAt", "yesterday")).ok()).isFalse();
    }

    @Test
    void companySizesAsPeopleWriteThem() {
        assertThat(parse(Map.of("source", "展会", "companySize", "120")).draft().companySize()).isEqualTo(120);
        assertThat(parse(Map.of("source", "展会", "companySize", "50-99人")).draft().companySize()).isEqualTo(50);
        assertThat(parse(Map.of("source", "展会", "companySize", "500人以上")).draft().companySize()).isEqualTo(500);
        assertThat(parse(Map.of("source", "展会", "companySize", "1000+")).draft().companySize()).isEqualTo(1000);
        assertThat(parse(Map.of("source", "展会", "companySize", "很多")).errors()).extracting(InputError::field)
                .containsExactly("companySize");
    }

    @Test
    void anOverlongNeedIsRefusedNotTruncated() {
        assertThat(parse(Map.of("source", "展会", "needDescription", "需".repeat(5001))).errors())
                .extracting(InputError::field).containsExactly("needDescription");
    }

    @Test
    void anUnknownIntentIsRefused() {
        assertThat(parse(Map.of("source", "展会", "declaredIntent", "超高")).errors()).extracting(InputError::field)
                .containsExactly("declaredIntent");
        assertThat(parse(Map.of("source", "展会", "declaredIntent", "中意向")).draft().declaredIntent()).isEqualTo(Intent.MEDIUM);
    }

    @Test
    void theOneContactColumnSplitsIntoPhoneAndEmail() {
        LeadDraft d = parse(Map.of("source", "展会", "contact", "13912345678 / zhang@xingchen-tech.cn")).draft();
        assertThat(d.phone()).isEqualTo("13912345678");
        assertThat(d.email()).isEqualTo("zhang@xingchen-tech.cn");
    }

    @Test
    void leadIdsAreTheBusinessDayAndASixDigitSequence() {
        assertThat(LeadIds.format(java.time.LocalDate.of(2024, 3, 1), 123)).isEqualTo("LX20240301000123");
        assertThat(LeadIds.parse("LX20240301000123")).hasValueSatisfying(p -> assertThat(p.sequence()).isEqualTo(123));
        assertThat(LeadIds.parse("LX20240301")).isEmpty();
        assertThat(LeadIds.parse("LX20241301000001")).isEmpty();
    }

    @Test
    void aDayPastNineHundredNinetyNineThousandNineHundredNinetyNineLeadsGoesOnWithALongerSequence() {
        assertThat(LeadIds.format(java.time.LocalDate.of(2024, 3, 1), 1_000_000)).isEqualTo("LX202403011000000");
        assertThat(LeadIds.parse("LX202403011000000"))
                .hasValueSatisfying(p -> assertThat(p.sequence()).isEqualTo(1_000_000));
        assertThat(LeadIds.parse("LX202403011234567890")).as("past an int: not a lead number").isEmpty();
    }
}
