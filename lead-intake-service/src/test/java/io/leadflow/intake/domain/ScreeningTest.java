package io.leadflow.intake.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.leadflow.events.contract.Reason;
import io.leadflow.intake.service.Wording;

class ScreeningTest {

    private static final Instant NOW = Instant.parse("2024-03-01T02:30:00Z");

    private static RawLead raw(String phone, String email, String need) {
        return new RawLead(null, "星辰科技有限公司", "张经理", phone, email, null, "展会", "2024 上海数字化展会", null,
                null, null, null, null, need, "软件", "上海", "120", null, "10-15万", null, null, null, "1个月", "高意向",
                null, "李销售", null, null, "2024-03-01");
    }

    private static LeadDraft draft(RawLead raw) {
        DraftParser.Result r = DraftParser.parse(raw, NOW, ZoneId.of("Asia/Shanghai"));
        assertThat(r.errors()).isEmpty();
        return r.draft();
    }

    private static List<String> codes(LeadDraft d, ScreeningPolicy p) {
        return Screening.screen(d, p, 7).worded().stream().map(Screening.Worded::code).toList();
    }

    private static ScreeningPolicy policy(List<String> industriesAllowed, List<String> industriesBlocked,
                                          List<String> regionsAllowed, List<String> regionsBlocked, Integer minSize,
                                          boolean rejectUnknownSize, List<String> needRequired, List<String> needBlocked,
                                          List<String> blockedDomains) {
        return new ScreeningPolicy(true, List.of("customerName", "needDescription"), 2, industriesAllowed,
                industriesBlocked, regionsAllowed, regionsBlocked, minSize, rejectUnknownSize, needRequired, needBlocked,
                blockedDomains, true);
    }

    @Test
    void aCompleteLeadWithARealNeedQualifiesUnderTheDefaults() {
        Screening.Verdict v = Screening.screen(draft(raw("13912345678", null, "需要CRM系统")), ScreeningPolicy.defaults(), 7);
        assertThat(v.qualified()).isTrue();
        assertThat(v.worded()).isEmpty();
        assertThat(v.policyVersion()).isEqualTo(7);
    }

    @Test
    void rejectionReasonsNeverQuoteThePhoneOrEmailTheyReject() {
        Screening.Verdict v = Screening.screen(draft(raw("1391234", "zhang.wei@", "需要CRM系统")),
                ScreeningPolicy.defaults(), 1);
        assertThat(Wording.reasons(v)).extracting(Reason::message)
                .isNotEmpty()
                .allSatisfy(m -> assertThat(m).doesNotContain("1391234").doesNotContain("zhang.wei"));
    }

    @Test
    void contactIncompleteWhenNeitherPhoneNorEmailIsValid() {
        assertThat(codes(draft(raw("5678", null, "需要CRM系统")), ScreeningPolicy.defaults()))
                .containsExactly("PHONE_INVALID", "CONTACT_INCOMPLETE");
        assertThat(codes(draft(raw(null, "zhang@", "需要CRM系统")), ScreeningPolicy.defaults()))
                .containsExactly("EMAIL_INVALID", "CONTACT_INCOMPLETE");
        assertThat(codes(draft(raw(null, null, "需要CRM系统")), ScreeningPolicy.defaults()))
                .containsExactly("CONTACT_INCOMPLETE");
    }

    @Test
    void oneValidContactIsEnough() {
        assertThat(codes(draft(raw("5678", "zhang@xingchen-tech.cn", "需要CRM系统")), ScreeningPolicy.defaults())).isEmpty();
    }

    @Test
    void aThrowAwayMailboxIsNoContact() {
        assertThat(codes(draft(raw(null, "bot@mailinator.com", "需要CRM系统")), ScreeningPolicy.defaults()))
                .containsExactly("EMAIL_DISPOSABLE", "CONTACT_INCOMPLETE");
    }

    @Test
    void aBlockedDomainRejectsEvenWithAValidPhone() {
        ScreeningPolicy p = policy(null, null, null, null, null, false, null, null, List.of("rival.com"));
        assertThat(codes(draft(raw("13912345678", "spy@sales.rival.com", "需要CRM系统")), p))
                .containsExactly("EMAIL_DOMAIN_BLOCKED");
    }

    @Test
    void noRealNeedIsRejected() {
        assertThat(codes(draft(raw("13912345678", null, null)), ScreeningPolicy.defaults())).containsExactly("NEED_MISSING");
        assertThat(codes(draft(raw("13912345678", null, "?")), ScreeningPolicy.defaults())).containsExactly("NEED_MISSING");
    }

    @Test
    void industriesInAndOut() {
        LeadDraft software = draft(raw("13912345678", null, "需要CRM系统"));
        assertThat(codes(software, policy(List.of("SOFTWARE"), null, null, null, null, false, null, null, null))).isEmpty();
        assertThat(codes(software, policy(List.of("软件"), null, null, null, null, false, null, null, null))).isEmpty();
        assertThat(codes(software, policy(List.of("RETAIL"), null, null, null, null, false, null, null, null)))
                .containsExactly("INDUSTRY_NOT_TARGETED");
        assertThat(codes(software, policy(null, List.of("software"), null, null, null, false, null, null, null)))
                .containsExactly("INDUSTRY_EXCLUDED");
    }

    @Test
    void regionsInAndOut() {
        LeadDraft shanghai = draft(raw("13912345678", null, "需要CRM系统"));
        assertThat(codes(shanghai, policy(null, null, List.of("上海", "北京"), null, null, false, null, null, null))).isEmpty();
        assertThat(codes(shanghai, policy(null, null, List.of("北京"), null, null, false, null, null, null)))
                .containsExactly("REGION_NOT_TARGETED");
        assertThat(codes(shanghai, policy(null, null, null, List.of("上海"), null, false, null, null, null)))
                .containsExactly("REGION_EXCLUDED");
    }

    @Test
    void companyBelowTheMinimumSizeIsRejected() {
        LeadDraft d = draft(raw("13912345678", null, "需要CRM系统"));
        assertThat(codes(d, policy(null, null, null, null, 50, false, null, null, null))).isEmpty();
        assertThat(codes(d, policy(null, null, null, null, 500, false, null, null, null))).containsExactly("COMPANY_TOO_SMALL");
    }

    @Test
    void unknownCompanySizePassesUnlessThePolicySaysOtherwise() {
        RawLead r = raw("13912345678", null, "需要CRM系统");
        LeadDraft unknown = draft(new RawLead(null, r.customerName(), null, r.phone(), null, null, "展会", null, null,
                null, null, null, null, r.needDescription(), null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null));
        assertThat(codes(unknown, policy(null, null, null, null, 50, false, null, null, null))).isEmpty();
        assertThat(codes(unknown, policy(null, null, null, null, 50, true, null, null, null)))
                .containsExactly("COMPANY_SIZE_UNKNOWN");
    }

    @Test
    void needKeywordsThatMustOrMustNotAppear() {
        LeadDraft d = draft(raw("13912345678", null, "需要CRM系统, 数字化转型"));
        assertThat(codes(d, policy(null, null, null, null, null, false, List.of("数字化", "ERP"), null, null))).isEmpty();
        assertThat(codes(d, policy(null, null, null, null, null, false, List.of("ERP"), null, null)))
                .containsExactly("NEED_NOT_RELEVANT");
        assertThat(codes(d, policy(null, null, null, null, null, false, null, List.of("crm"), null)))
                .containsExactly("NEED_KEYWORD_BLOCKED");
    }

    @Test
    void aPolicyNamingAnUnknownFieldIsRefused() {
        ScreeningPolicy p = new ScreeningPolicy(true, List.of("shoeSize"), 2, null, null, null, null, -1, false, null,
                null, List.of("not a domain"), true);
        assertThat(p.problems()).extracting(InputError::field)
                .containsExactly("requiredFields", "minCompanySize", "blockedEmailDomains");
    }
}
