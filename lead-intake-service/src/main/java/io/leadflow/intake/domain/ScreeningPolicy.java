package io.leadflow.intake.domain;

import java.util.List;
import java.util.Set;

/**
 * The ideal-customer profile a lead is screened against. Versioned: a verdict names the version that produced it,
 * and a new version never rewrites past verdicts. Empty lists mean "no rule".
 *
 * @param requireValidContact      the template's "contact details complete": at least one valid phone or email
 * @param requiredFields           fields that must be filled, from {@link #SCREENABLE_FIELDS}
 * @param minNeedLength            a need shorter than this is not a real need (when needDescription is required)
 * @param industriesAllowed        when not empty, the industry must be one of these
 * @param minCompanySize           employees; a lead with a known smaller size is rejected
 * @param rejectUnknownCompanySize with a minimum set, also reject leads whose size is unknown
 * @param needKeywordsRequired     when not empty, the need must mention at least one
 * @param needKeywordsBlocked      the need must mention none
 * @param blockedEmailDomains      e.g. competitors' domains; subdomains included
 */
public record ScreeningPolicy(
        boolean requireValidContact,
        List<String> requiredFields,
        int minNeedLength,
        List<String> industriesAllowed,
        List<String> industriesBlocked,
        List<String> regionsAllowed,
        List<String> regionsBlocked,
        Integer minCompanySize,
        boolean rejectUnknownCompanySize,
        List<String> needKeywordsRequired,
        List<String> needKeywordsBlocked,
        List<String> blockedEmailDomains,
        boolean rejectDisposableEmail) {

    public static final Set<String> SCREENABLE_FIELDS = Set.of("customerName", "contactName", "phone", "email",
            "needDescription", "industry", "region", "companySize", "budget", "decisionCycle", "wechat");

    public ScreeningPolicy {
        requiredFields = copy(requiredFields);
        industriesAllowed = copy(industriesAllowed);
        industriesBlocked = copy(industriesBlocked);
        regionsAllowed = copy(regionsAllowed);
        regionsBlocked = copy(regionsBlocked);
        needKeywordsRequired = copy(needKeywordsRequired);
        needKeywordsBlocked = copy(needKeywordsBlocked);
        blockedEmailDomains = copy(blockedEmailDomains);
    }

    /** The template's defaults: complete contact details and a real need. */
    public static ScreeningPolicy defaults() {
        return new ScreeningPolicy(true, List.of("customerName", "needDescription"), 2, List.of(), List.of(), List.of(),
                List.of(), null, false, List.of(), List.of(), List.of(), true);
    }

    /** What is wrong with the policy itself, field by field; empty when it can be put in force. */
    public List<InputError> problems() {
        List<InputError> errors = new java.util.ArrayList<>();
        for (String f : requiredFields) {
            if (!SCREENABLE_FIELDS.contains(f)) {
                errors.add(new InputError("requiredFields", "policy.requiredFields.unknown", f,
                        new java.util.TreeSet<>(SCREENABLE_FIELDS)));
            }
        }
        if (minNeedLength < 0 || minNeedLength > 1000) {
            errors.add(new InputError("minNeedLength", "policy.minNeedLength.range", 0, 1000));
        }
        if (minCompanySize != null && minCompanySize < 0) {
            errors.add(new InputError("minCompanySize", "policy.minCompanySize.negative"));
        }
        for (String d : blockedEmailDomains) {
            if (!d.matches("(?i)[a-z0-9.-]+\\.[a-z]{2,63}")) {
                errors.add(new InputError("blockedEmailDomains", "policy.blockedEmailDomains.invalid", d));
            }
        }
        return errors;
    }

    private static List<String> copy(List<String> values) {
        if (values == null) {
            return List.of();
        }
        return values.stream().filter(v -> v != null && !v.isBlank()).map(String::strip).distinct().toList();
    }
}
