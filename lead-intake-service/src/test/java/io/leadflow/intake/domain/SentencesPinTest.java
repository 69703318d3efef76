package io.leadflow.intake.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.leadflow.events.vocabulary.Language;
import io.leadflow.intake.service.Wording;

/**
 * Every sentence the domain's rules give a person, in English and in Chinese, exactly as the events, the problems,
 * the refusal page and the import report carry them: wherever the words are kept, they must not change (analytics
 * and the golden files read the English; stored import rows keep both).
 */
class SentencesPinTest {

    private static final Instant NOW = Instant.parse("2024-03-10T02:30:00Z");
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private static String line(Screening.Worded w) {
        return w.code() + " | " + Wording.text(Language.EN, w.said()) + " | " + Wording.text(Language.ZH, w.said());
    }

    private static String line(InputError e) {
        return e.field() + " | " + Wording.text(Language.EN, e.said()) + " | " + Wording.text(Language.ZH, e.said());
    }

    private static List<String> screen(RawLead raw, ScreeningPolicy policy) {
        DraftParser.Result parsed = DraftParser.parse(raw, NOW, SHANGHAI);
        assertThat(parsed.errors()).isEmpty();
        return Screening.screen(parsed.draft(), policy, 3).worded().stream().map(SentencesPinTest::line).toList();
    }

    private static List<String> parse(RawLead raw) {
        return DraftParser.parse(raw, NOW, SHANGHAI).errors().stream().map(SentencesPinTest::line).toList();
    }

    private static List<String> unreadable(byte[] body, String contentType, boolean json) {
        try {
            if (json) {
                FormBody.text(body, contentType);
            } else {
                FormBody.decode(body, contentType);
            }
            return List.of();
        } catch (FormBody.UnreadableException e) {
            return List.of(line(e.error()));
        }
    }

    private static RawLead lead(Map<String, String> fields) {
        Map<String, String> f = new LinkedHashMap<>(Map.of("source", "展会"));
        f.putAll(fields);
        return RawLead.fromFields(f);
    }

    private static RawLead budget(BigDecimal min, BigDecimal max, String currency) {
        RawLead r = lead(Map.of());
        return new RawLead(r.externalRef(), r.customerName(), r.contactName(), r.phone(), r.email(), r.wechat(),
                r.source(), r.sourceDetail(), r.utmSource(), r.utmMedium(), r.utmCampaign(), r.utmTerm(),
                r.utmContent(), r.needDescription(), r.industry(), r.region(), r.companySize(), r.customerType(),
                null, min, max, currency, r.decisionCycle(), r.declaredIntent(), r.givenGrade(), r.namedOwner(),
                r.consentGranted(), r.consentText(), r.registeredAt());
    }

    private static ScreeningPolicy policy(boolean requireValidContact, List<String> required, int minNeed,
                                          List<String> industriesAllowed, List<String> industriesBlocked,
                                          List<String> regionsAllowed, List<String> regionsBlocked, Integer minSize,
                                          boolean rejectUnknownSize, List<String> needRequired,
                                          List<String> needBlocked, List<String> blockedDomains) {
        return new ScreeningPolicy(requireValidContact, required, minNeed, industriesAllowed, industriesBlocked,
                regionsAllowed, regionsBlocked, minSize, rejectUnknownSize, needRequired, needBlocked, blockedDomains,
                true);
    }

    @Test
    void contactRules() {
        assertThat(screen(lead(Map.of("customerName", "星辰科技", "needDescription", "需要CRM系统",
                "email", "zhang@sales.rival.com")), policy(true, List.of(), 0, List.of(), List.of(), List.of(),
                List.of(), null, false, List.of(), List.of(), List.of("rival.com")))).containsExactly(
                "EMAIL_DOMAIN_BLOCKED | The email domain sales.rival.com is blocked by the screening policy | 邮箱域名 sales.rival.com 被筛选策略屏蔽",
                "CONTACT_INCOMPLETE | Neither a valid phone nor a valid email was given | 既没有有效电话，也没有有效邮箱");
        assertThat(screen(lead(Map.of("customerName", "星辰科技", "phone", "1391234", "email", "zhang.wei@")),
                ScreeningPolicy.defaults())).containsExactly(
                "PHONE_INVALID | The phone number given is not a valid phone number (see phoneAsTyped) | 所填电话不是有效的电话号码（原文见 phoneAsTyped）",
                "EMAIL_INVALID | The email given is not a valid email address | 所填邮箱不是有效的邮箱地址",
                "CONTACT_INCOMPLETE | Neither a valid phone nor a valid email was given | 既没有有效电话，也没有有效邮箱",
                "NEED_MISSING | No real need was described (at least 2 characters) | 没有描述真实需求（至少 2 个字）");
        assertThat(screen(lead(Map.of("customerName", "星辰科技", "needDescription", "需要CRM系统",
                "email", "x@mailinator.com")), ScreeningPolicy.defaults())).containsExactly(
                "EMAIL_DISPOSABLE | mailinator.com is a throw-away mailbox | mailinator.com 是临时邮箱",
                "CONTACT_INCOMPLETE | Neither a valid phone nor a valid email was given | 既没有有效电话，也没有有效邮箱");
    }

    @Test
    void requiredFieldRules() {
        assertThat(screen(lead(Map.of("needDescription", "需")), policy(false, List.of("customerName", "contactName",
                "phone", "email", "wechat", "needDescription", "industry", "region", "companySize", "budget",
                "decisionCycle"), 5, List.of(), List.of(), List.of(), List.of(), null, false, List.of(), List.of(),
                List.of()))).containsExactly(
                "REQUIRED_FIELD_MISSING | Required field 'customerName' is missing | 缺少必填项“客户名称”",
                "REQUIRED_FIELD_MISSING | Required field 'contactName' is missing | 缺少必填项“联系人”",
                "REQUIRED_FIELD_MISSING | Required field 'phone' is missing | 缺少必填项“电话”",
                "REQUIRED_FIELD_MISSING | Required field 'email' is missing | 缺少必填项“邮箱”",
                "REQUIRED_FIELD_MISSING | Required field 'wechat' is missing | 缺少必填项“微信”",
                "NEED_MISSING | No real need was described (at least 5 characters) | 没有描述真实需求（至少 5 个字）",
                "REQUIRED_FIELD_MISSING | Required field 'industry' is missing | 缺少必填项“行业”",
                "REQUIRED_FIELD_MISSING | Required field 'region' is missing | 缺少必填项“地区”",
                "REQUIRED_FIELD_MISSING | Required field 'companySize' is missing | 缺少必填项“企业规模”",
                "REQUIRED_FIELD_MISSING | Required field 'budget' is missing | 缺少必填项“预算范围”",
                "REQUIRED_FIELD_MISSING | Required field 'decisionCycle' is missing | 缺少必填项“决策周期”");
        assertThat(screen(lead(Map.of()), policy(false, List.of("needDescription"), 0, List.of(), List.of(),
                List.of(), List.of(), null, false, List.of(), List.of(), List.of()))).containsExactly(
                "NEED_MISSING | No real need was described (at least 1 characters) | 没有描述真实需求（至少 1 个字）");
    }

    @Test
    void profileAndNeedRules() {
        assertThat(screen(lead(Map.of("industry", "房地产", "region", "上海浦东", "companySize", "8",
                "needDescription", "想做代理 ERP")), policy(false, List.of(), 0, List.of(), List.of("REAL_ESTATE"),
                List.of(), List.of("上海"), 50, false, List.of("CRM", "销售"), List.of("代理"), List.of())))
                .containsExactly(
                "INDUSTRY_EXCLUDED | Industry REAL_ESTATE is excluded by the screening policy | 行业“REAL_ESTATE”被筛选策略排除",
                "REGION_EXCLUDED | Region 上海浦东 is excluded by the screening policy | 地区“上海浦东”被筛选策略排除",
                "COMPANY_TOO_SMALL | Company size 8 is below the minimum of 50 employees | 企业规模 8 人，低于最少 50 人",
                "NEED_KEYWORD_BLOCKED | The need mentions '代理', which the policy excludes | 需求中提到了筛选策略排除的“代理”",
                "NEED_NOT_RELEVANT | The need mentions none of [CRM, 销售] | 需求中没有提到 [CRM, 销售] 中的任何一个");
        assertThat(screen(lead(Map.of("industry", "教育", "region", "北京")), policy(false, List.of(), 0,
                List.of("SOFTWARE", "FINANCE"), List.of(), List.of("上海", "广东"), List.of(), 50, true, List.of(),
                List.of(), List.of()))).containsExactly(
                "INDUSTRY_NOT_TARGETED | Industry EDUCATION is not one of [SOFTWARE, FINANCE] | 行业“EDUCATION”不在目标行业 [SOFTWARE, FINANCE] 之中",
                "REGION_NOT_TARGETED | Region 北京 is not one of [上海, 广东] | 地区“北京”不在目标地区 [上海, 广东] 之中",
                "COMPANY_SIZE_UNKNOWN | Company size is unknown and the policy needs at least 50 employees | 企业规模未知，而筛选策略要求至少 50 人");
        assertThat(screen(lead(Map.of()), policy(false, List.of(), 0, List.of("SOFTWARE"), List.of(),
                List.of("上海"), List.of(), 1200, true, List.of(), List.of(), List.of()))).containsExactly(
                "INDUSTRY_NOT_TARGETED | Industry (unknown) is not one of [SOFTWARE] | 行业“未知”不在目标行业 [SOFTWARE] 之中",
                "REGION_NOT_TARGETED | Region (unknown) is not one of [上海] | 地区“未知”不在目标地区 [上海] 之中",
                "COMPANY_SIZE_UNKNOWN | Company size is unknown and the policy needs at least 1200 employees | 企业规模未知，而筛选策略要求至少 1200 人");
    }

    @Test
    void draftParserFieldErrors() {
        Map<String, String> tooLong = new LinkedHashMap<>();
        tooLong.put("externalRef", "L".repeat(65));
        tooLong.put("customerName", "客".repeat(201));
        tooLong.put("needDescription", "需".repeat(5001));
        tooLong.put("utmSource", "u".repeat(201));
        assertThat(parse(lead(tooLong))).containsExactly(
                "externalRef | is 65 characters long; at most 64 are accepted | 共 65 个字符，最多 64 个",
                "customerName | is 201 characters long; at most 200 are accepted | 共 201 个字符，最多 200 个",
                "needDescription | is 5001 characters long; at most 5000 are accepted | 共 5001 个字符，最多 5000 个",
                "utmSource | is 201 characters long; at most 200 are accepted | 共 201 个字符，最多 200 个");
        assertThat(parse(RawLead.fromFields(Map.of("customerName", "星辰")))).containsExactly(
                "source | is required; use one of TRADE_SHOW (展会), WEBSITE_FORM (官网表单), PARTNER_REFERRAL (合作伙伴推荐), SOCIAL_MEDIA (社交媒体), CUSTOMER_REFERRAL (客户转介绍), OTHER (其他) | 必填；可用：展会、官网表单、合作伙伴推荐、社交媒体、客户转介绍、其他");
        assertThat(parse(RawLead.fromFields(Map.of("source", "广告")))).containsExactly(
                "source | '广告' is not a lead source; use one of TRADE_SHOW (展会), WEBSITE_FORM (官网表单), PARTNER_REFERRAL (合作伙伴推荐), SOCIAL_MEDIA (社交媒体), CUSTOMER_REFERRAL (客户转介绍), OTHER (其他) | “广告”不是线索来源；可用：展会、官网表单、合作伙伴推荐、社交媒体、客户转介绍、其他");
        assertThat(parse(lead(Map.of("declaredIntent", "超高", "givenGrade", "A级")))).containsExactly(
                "declaredIntent | '超高' is not an intent; use HIGH (高意向), MEDIUM (中意向) or LOW (低意向) | “超高”不是意向等级；请填 高意向、中意向 或 低意向",
                "givenGrade | 'A级' is not an intent; use HIGH (高意向), MEDIUM (中意向) or LOW (低意向) | “A级”不是意向等级；请填 高意向、中意向 或 低意向");
        assertThat(parse(lead(Map.of("companySize", "很多")))).containsExactly(
                "companySize | '很多' is not a company size; give the number of employees such as 120, or a range such as 50-99人 | “很多”不是企业规模；请填员工人数，如 120，或范围，如 50-99人");
        assertThat(parse(lead(Map.of("registeredAt", "上周三")))).containsExactly(
                "registeredAt | '上周三' is not a date; use 2024-03-01 or 2024-03-01T10:30:00+08:00 | “上周三”不是日期；请填 2024-03-01 或 2024-03-01T10:30:00+08:00");
        assertThat(parse(lead(Map.of("registeredAt", "1999-12-31")))).containsExactly(
                "registeredAt | 1999-12-31 is before 2000-01-01; check the year | 1999-12-31 早于 2000-01-01，请检查年份");
        assertThat(parse(lead(Map.of("registeredAt", "2024-03-11")))).containsExactly(
                "registeredAt | 2024-03-11 is in the future; a lead can only be registered today or earlier | 2024-03-11 是将来的日期；线索只能登记在今天或更早");
        assertThat(parse(lead(Map.of("registeredAt", "2024-03-10T12:00:00+08:00")))).containsExactly(
                "registeredAt | 2024-03-10T12:00:00+08:00 is in the future; a lead can only be registered today or earlier | 2024-03-10T12:00:00+08:00 是将来的日期；线索只能登记在今天或更早");
    }

    @Test
    void budgetErrors() {
        assertThat(parse(lead(Map.of("budget", "9".repeat(101))))).containsExactly(
                "budget | is longer than 100 characters | 超过 100 个字符");
        assertThat(parse(lead(Map.of("budget", "20-10万")))).containsExactly(
                "budget | '20-10万' has a minimum above its maximum | “20-10万”的下限高于上限");
        assertThat(parse(budget(new BigDecimal("-1"), null, null))).containsExactly(
                "budget | a budget cannot be negative | 预算不能为负数");
        assertThat(parse(budget(new BigDecimal("150000.50"), new BigDecimal("1E+5"), null))).containsExactly(
                "budget | budget min 150000.50 is above max 100000 | 预算下限 150000.50 高于上限 100000");
        assertThat(parse(budget(new BigDecimal("1"), null, "yuan"))).containsExactly(
                "budget | currency 'yuan' is not an ISO 4217 code such as CNY or USD | 币种“yuan”不是 ISO 4217 代码，如 CNY 或 USD");
    }

    @Test
    void formBodyErrors() {
        byte[] gbk = "company=%D0%C7%B3%BD".getBytes(StandardCharsets.US_ASCII);
        List<String> lines = new ArrayList<>();
        lines.addAll(unreadable(gbk, "application/x-www-form-urlencoded; charset=klingon", false));
        lines.addAll(unreadable("_charset_=klingon&a=b".getBytes(StandardCharsets.US_ASCII), null, false));
        lines.addAll(unreadable(gbk, "application/x-www-form-urlencoded; charset=UTF-8", false));
        lines.addAll(unreadable("%D0%C7=b".getBytes(StandardCharsets.US_ASCII),
                "application/x-www-form-urlencoded; charset=UTF-8", false));
        lines.addAll(unreadable("company=%EF%BF%BD".getBytes(StandardCharsets.US_ASCII), null, false));
        lines.addAll(unreadable(new byte[] {(byte) 0xD0, (byte) 0xC7}, "application/json", true));
        assertThat(lines).containsExactly(
                "Content-Type | names a charset this server does not know; send UTF-8, GBK or GB18030 | 使用了无法识别的字符集；请用 UTF-8、GBK 或 GB18030",
                "_charset_ | names a charset this server does not know; send UTF-8, GBK or GB18030 | 使用了无法识别的字符集；请用 UTF-8、GBK 或 GB18030",
                "company | is not valid UTF-8 text; serve the form's page as UTF-8 or give the form accept-charset=\"UTF-8\" | 不是有效的 UTF-8 文字；请把表单页面设为 UTF-8，或给表单加上 accept-charset=\"UTF-8\"",
                "(field name) | is not valid UTF-8 text; serve the form's page as UTF-8 or give the form accept-charset=\"UTF-8\" | 不是有效的 UTF-8 文字；请把表单页面设为 UTF-8，或给表单加上 accept-charset=\"UTF-8\"",
                "company | holds characters that were lost before they were sent (shown as �); check the encoding of the form's page | 含有发送前已损坏的字符（显示为 �）；请检查表单页面的编码",
                "(body) | is not valid UTF-8 text; serve the form's page as UTF-8 or give the form accept-charset=\"UTF-8\" | 不是有效的 UTF-8 文字；请把表单页面设为 UTF-8，或给表单加上 accept-charset=\"UTF-8\"");
    }

    /**
     * The policy's problems answer staff, in English; the bundles hold every sentence in both languages, so these
     * have Chinese words too, though no answer shows them yet.
     */
    @Test
    void screeningPolicyProblems() {
        List<InputError> problems = policy(true, List.of("customerName", "salary"), 1001, List.of(), List.of(),
                List.of(), List.of(), -1, false, List.of(), List.of(), List.of("rival.com", "not a domain")).problems();
        assertThat(problems).extracting(e -> e.field() + " | " + Wording.text(Language.EN, e.said())).containsExactly(
                "requiredFields | 'salary' is not a lead field; use one of [budget, companySize, contactName, customerName, decisionCycle, email, industry, needDescription, phone, region, wechat]",
                "minNeedLength | must be between 0 and 1000",
                "minCompanySize | must be 0 or more",
                "blockedEmailDomains | 'not a domain' is not a domain such as rival.com");
        assertThat(problems).extracting(e -> Wording.text(Language.ZH, e.said())).containsExactly(
                "“salary”不是线索字段；可用：[budget, companySize, contactName, customerName, decisionCycle, email, industry, needDescription, phone, region, wechat]",
                "必须在 0 到 1000 之间",
                "不能小于 0",
                "“not a domain”不是域名，如 rival.com");
    }

    @Test
    void importHeaderProblems() {
        assertThat(ImportColumns.map(List.of("备注", "联系人")).missing()).containsExactly(
                "客户名称 (customerName)",
                "联系方式 (contact), or 电话/phone or 邮箱/email",
                "线索来源 (source)");
    }
}
