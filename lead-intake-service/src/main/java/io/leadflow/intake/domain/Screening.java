package io.leadflow.intake.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.leadflow.events.contract.Reason;
import io.leadflow.events.vocabulary.Language;

/**
 * Screens a lead against a {@link ScreeningPolicy}: the template's step 1.2, "剔除无效信息(如联系方式错误、需求明显不符)".
 * Each failed rule gives a machine-readable reason; a lead with any reason is rejected (and kept).
 */
public final class Screening {

    private Screening() {
    }

    /**
     * @param worded every failed rule, with its words for a person in Chinese as well as the contract's English
     */
    public record Verdict(boolean qualified, List<Worded> worded, int policyVersion) {
        public String status() {
            return qualified ? "QUALIFIED" : "REJECTED";
        }

        /** As the events carry them: a code and an English message. */
        public List<Reason> reasons() {
            return worded.stream().map(Worded::reason).toList();
        }
    }

    /** A reason in both languages; the event contract carries {@link #reason()}, people may read {@link #zh}. */
    public record Worded(String code, String message, String zh) {
        public Reason reason() {
            return new Reason(code, message);
        }

        public String message(Language language) {
            return language.chinese() && zh != null ? zh : message;
        }
    }

    public static Verdict screen(LeadDraft lead, ScreeningPolicy policy, int policyVersion) {
        return screen(lead, lead.contact(), policy, policyVersion);
    }

    /** With the draft's contact already checked ({@code lead.contact()}), which parses the phone number. */
    public static Verdict screen(LeadDraft lead, ContactCheck contact, ScreeningPolicy policy, int policyVersion) {
        List<Worded> reasons = new ArrayList<>();
        contactRules(contact, policy, reasons);
        requiredFieldRules(lead, contact, policy, reasons);
        profileRules(lead, policy, reasons);
        needRules(lead, policy, reasons);
        return new Verdict(reasons.isEmpty(), List.copyOf(reasons), policyVersion);
    }

    static void contactRules(ContactCheck contact, ScreeningPolicy policy, List<Worded> reasons) {
        boolean emailUsable = contact.emailValid() && !(policy.rejectDisposableEmail() && contact.emailDisposable());
        if (contact.emailValid() && ContactCheck.domainIn(contact.emailDomain(), policy.blockedEmailDomains())) {
            reasons.add(new Worded("EMAIL_DOMAIN_BLOCKED",
                    "The email domain " + contact.emailDomain() + " is blocked by the screening policy",
                    "邮箱域名 " + contact.emailDomain() + " 被筛选策略屏蔽"));
            emailUsable = false;
        }
        if (!policy.requireValidContact() || contact.phoneValid() || emailUsable) {
            return;
        }
        if (contact.phoneGiven()) {
            // Reasons travel in LeadRejected to every service and analyst: they never quote the contact itself.
            reasons.add(new Worded("PHONE_INVALID", "The phone number given is not a valid phone number (see phoneAsTyped)",
                    "所填电话不是有效的电话号码（原文见 phoneAsTyped）"));
        }
        if (contact.emailGiven() && !contact.emailValid()) {
            reasons.add(new Worded("EMAIL_INVALID", "The email given is not a valid email address", "所填邮箱不是有效的邮箱地址"));
        }
        if (contact.emailDisposable() && policy.rejectDisposableEmail()) {
            reasons.add(new Worded("EMAIL_DISPOSABLE", contact.emailDomain() + " is a throw-away mailbox",
                    contact.emailDomain() + " 是临时邮箱"));
        }
        reasons.add(new Worded("CONTACT_INCOMPLETE", "Neither a valid phone nor a valid email was given",
                "既没有有效电话，也没有有效邮箱"));
    }

    static void requiredFieldRules(LeadDraft lead, ContactCheck contact, ScreeningPolicy policy, List<Worded> reasons) {
        for (String field : policy.requiredFields()) {
            boolean filled = switch (field) {
                case "customerName" -> lead.customerName() != null;
                case "contactName" -> lead.contactName() != null;
                case "phone" -> contact.phoneValid();
                case "email" -> contact.emailValid();
                case "wechat" -> lead.wechat() != null;
                case "needDescription" -> lead.needDescription() != null
                        && lead.needDescription().strip().codePointCount(0, lead.needDescription().strip().length())
                        >= Math.max(1, policy.minNeedLength());
                case "industry" -> lead.industry() != null;
                case "region" -> lead.region() != null;
                case "companySize" -> lead.companySize() != null;
                case "budget" -> lead.budget() != null && (lead.budget().min() != null || lead.budget().max() != null);
                case "decisionCycle" -> lead.decisionCycleDays() != null;
                default -> true;
            };
            if (!filled) {
                String code = "needDescription".equals(field) ? "NEED_MISSING" : "REQUIRED_FIELD_MISSING";
                String message = "needDescription".equals(field)
                        ? "No real need was described (at least " + Math.max(1, policy.minNeedLength()) + " characters)"
                        : "Required field '" + field + "' is missing";
                String zh = "needDescription".equals(field)
                        ? "没有描述真实需求（至少 " + Math.max(1, policy.minNeedLength()) + " 个字）"
                        : "缺少必填项“" + ImportColumns.label(field) + "”";
                reasons.add(new Worded(code, message, zh));
            }
        }
    }

    static void profileRules(LeadDraft lead, ScreeningPolicy policy, List<Worded> reasons) {
        String industry = lead.industry();
        if (industry != null && containsIgnoreCase(policy.industriesBlocked(), industry)) {
            reasons.add(new Worded("INDUSTRY_EXCLUDED", "Industry " + industry + " is excluded by the screening policy",
                    "行业“" + industry + "”被筛选策略排除"));
        } else if (!policy.industriesAllowed().isEmpty()
                && (industry == null || !containsIgnoreCase(policy.industriesAllowed(), industry))) {
            reasons.add(new Worded("INDUSTRY_NOT_TARGETED", "Industry " + (industry == null ? "(unknown)" : industry)
                    + " is not one of " + policy.industriesAllowed(), "行业“" + (industry == null ? "未知" : industry)
                    + "”不在目标行业 " + policy.industriesAllowed() + " 之中"));
        }
        String region = lead.region();
        if (region != null && regionMatches(policy.regionsBlocked(), region)) {
            reasons.add(new Worded("REGION_EXCLUDED", "Region " + region + " is excluded by the screening policy",
                    "地区“" + region + "”被筛选策略排除"));
        } else if (!policy.regionsAllowed().isEmpty()
                && (region == null || !regionMatches(policy.regionsAllowed(), region))) {
            reasons.add(new Worded("REGION_NOT_TARGETED", "Region " + (region == null ? "(unknown)" : region)
                    + " is not one of " + policy.regionsAllowed(), "地区“" + (region == null ? "未知" : region)
                    + "”不在目标地区 " + policy.regionsAllowed() + " 之中"));
        }
        Integer min = policy.minCompanySize();
        if (min != null && min > 0) {
            if (lead.companySize() != null && lead.companySize() < min) {
                reasons.add(new Worded("COMPANY_TOO_SMALL",
                        "Company size " + lead.companySize() + " is below the minimum of " + min + " employees",
                        "企业规模 " + lead.companySize() + " 人，低于最少 " + min + " 人"));
            } else if (lead.companySize() == null && policy.rejectUnknownCompanySize()) {
                reasons.add(new Worded("COMPANY_SIZE_UNKNOWN",
                        "Company size is unknown and the policy needs at least " + min + " employees",
                        "企业规模未知，而筛选策略要求至少 " + min + " 人"));
            }
        }
    }

    static void needRules(LeadDraft lead, ScreeningPolicy policy, List<Worded> reasons) {
        String need = lead.needDescription() == null ? "" : Text.fold(lead.needDescription()).toLowerCase(Locale.ROOT);
        for (String word : policy.needKeywordsBlocked()) {
            if (need.contains(Text.fold(word).toLowerCase(Locale.ROOT))) {
                reasons.add(new Worded("NEED_KEYWORD_BLOCKED", "The need mentions '" + word + "', which the policy excludes",
                        "需求中提到了筛选策略排除的“" + word + "”"));
            }
        }
        if (!policy.needKeywordsRequired().isEmpty() && policy.needKeywordsRequired().stream()
                .noneMatch(w -> need.contains(Text.fold(w).toLowerCase(Locale.ROOT)))) {
            reasons.add(new Worded("NEED_NOT_RELEVANT",
                    "The need mentions none of " + policy.needKeywordsRequired(),
                    "需求中没有提到 " + policy.needKeywordsRequired() + " 中的任何一个"));
        }
    }

    private static boolean containsIgnoreCase(List<String> values, String value) {
        String v = Codes.industry(value);
        return values.stream().anyMatch(x -> Codes.industry(x).equalsIgnoreCase(v));
    }

    /** 上海 matches 上海市 and 上海浦东; a region rule names the start of a region. */
    private static boolean regionMatches(List<String> values, String region) {
        String r = Text.fold(region).toLowerCase(Locale.ROOT);
        return values.stream().map(x -> Text.fold(x).toLowerCase(Locale.ROOT)).anyMatch(r::startsWith);
    }
}
