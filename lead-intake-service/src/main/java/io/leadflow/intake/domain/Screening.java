package io.leadflow.intake.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Screens a lead against a {@link ScreeningPolicy}: the template's step 1.2, "剔除无效信息(如联系方式错误、需求明显不符)".
 * Each failed rule gives a machine-readable reason; a lead with any reason is rejected (and kept).
 */
public final class Screening {

    private Screening() {
    }

    /**
     * @param worded every failed rule, in the order the rules run
     */
    public record Verdict(boolean qualified, List<Worded> worded, int policyVersion) {
        public String status() {
            return qualified ? "QUALIFIED" : "REJECTED";
        }
    }

    /**
     * A failed rule, to be worded where it is sent: its code, which the events carry with the sentence in English,
     * and what to say about it, which the bundles word in either language.
     */
    public record Worded(String code, Said said) {
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
                    Said.of("screening.EMAIL_DOMAIN_BLOCKED", contact.emailDomain())));
            emailUsable = false;
        }
        if (!policy.requireValidContact() || contact.phoneValid() || emailUsable) {
            return;
        }
        if (contact.phoneGiven()) {
            // Reasons travel in LeadRejected to every service and analyst: they never quote the contact itself.
            reasons.add(new Worded("PHONE_INVALID", Said.of("screening.PHONE_INVALID")));
        }
        if (contact.emailGiven() && !contact.emailValid()) {
            reasons.add(new Worded("EMAIL_INVALID", Said.of("screening.EMAIL_INVALID")));
        }
        if (contact.emailDisposable() && policy.rejectDisposableEmail()) {
            reasons.add(new Worded("EMAIL_DISPOSABLE", Said.of("screening.EMAIL_DISPOSABLE", contact.emailDomain())));
        }
        reasons.add(new Worded("CONTACT_INCOMPLETE", Said.of("screening.CONTACT_INCOMPLETE")));
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
            if (!filled && "needDescription".equals(field)) {
                reasons.add(new Worded("NEED_MISSING",
                        Said.of("screening.NEED_MISSING", Math.max(1, policy.minNeedLength()))));
            } else if (!filled) {
                // the field as the API names it, and as the template's column header does
                reasons.add(new Worded("REQUIRED_FIELD_MISSING",
                        Said.of("screening.REQUIRED_FIELD_MISSING", field, ImportColumns.label(field))));
            }
        }
    }

    static void profileRules(LeadDraft lead, ScreeningPolicy policy, List<Worded> reasons) {
        String industry = lead.industry();
        if (industry != null && containsIgnoreCase(policy.industriesBlocked(), industry)) {
            reasons.add(new Worded("INDUSTRY_EXCLUDED", Said.of("screening.INDUSTRY_EXCLUDED", industry)));
        } else if (!policy.industriesAllowed().isEmpty()
                && (industry == null || !containsIgnoreCase(policy.industriesAllowed(), industry))) {
            reasons.add(new Worded("INDUSTRY_NOT_TARGETED", industry == null
                    ? Said.of("screening.INDUSTRY_NOT_TARGETED.unknown", policy.industriesAllowed())
                    : Said.of("screening.INDUSTRY_NOT_TARGETED", industry, policy.industriesAllowed())));
        }
        String region = lead.region();
        if (region != null && regionMatches(policy.regionsBlocked(), region)) {
            reasons.add(new Worded("REGION_EXCLUDED", Said.of("screening.REGION_EXCLUDED", region)));
        } else if (!policy.regionsAllowed().isEmpty()
                && (region == null || !regionMatches(policy.regionsAllowed(), region))) {
            reasons.add(new Worded("REGION_NOT_TARGETED", region == null
                    ? Said.of("screening.REGION_NOT_TARGETED.unknown", policy.regionsAllowed())
                    : Said.of("screening.REGION_NOT_TARGETED", region, policy.regionsAllowed())));
        }
        Integer min = policy.minCompanySize();
        if (min != null && min > 0) {
            if (lead.companySize() != null && lead.companySize() < min) {
                reasons.add(new Worded("COMPANY_TOO_SMALL",
                        Said.of("screening.COMPANY_TOO_SMALL", lead.companySize(), min)));
            } else if (lead.companySize() == null && policy.rejectUnknownCompanySize()) {
                reasons.add(new Worded("COMPANY_SIZE_UNKNOWN", Said.of("screening.COMPANY_SIZE_UNKNOWN", min)));
            }
        }
    }

    static void needRules(LeadDraft lead, ScreeningPolicy policy, List<Worded> reasons) {
        String need = lead.needDescription() == null ? "" : Text.fold(lead.needDescription()).toLowerCase(Locale.ROOT);
        for (String word : policy.needKeywordsBlocked()) {
            if (need.contains(Text.fold(word).toLowerCase(Locale.ROOT))) {
                reasons.add(new Worded("NEED_KEYWORD_BLOCKED", Said.of("screening.NEED_KEYWORD_BLOCKED", word)));
            }
        }
        if (!policy.needKeywordsRequired().isEmpty() && policy.needKeywordsRequired().stream()
                .noneMatch(w -> need.contains(Text.fold(w).toLowerCase(Locale.ROOT)))) {
            reasons.add(new Worded("NEED_NOT_RELEVANT",
                    Said.of("screening.NEED_NOT_RELEVANT", policy.needKeywordsRequired())));
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
