package io.leadflow.routing.domain;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The lead sources of the contract, and the template's Chinese words for them. */
public final class LeadSources {

    public static final Set<String> CODES = Set.of("TRADE_SHOW", "WEBSITE_FORM", "PARTNER_REFERRAL", "SOCIAL_MEDIA",
            "CUSTOMER_REFERRAL", "OTHER");
    private static final Map<String, String> WORDS = Map.ofEntries(
            Map.entry("展会", "TRADE_SHOW"), Map.entry("官网表单", "WEBSITE_FORM"), Map.entry("官网", "WEBSITE_FORM"),
            Map.entry("合作伙伴推荐", "PARTNER_REFERRAL"), Map.entry("渠道", "PARTNER_REFERRAL"),
            Map.entry("合作伙伴", "PARTNER_REFERRAL"), Map.entry("社交媒体", "SOCIAL_MEDIA"),
            Map.entry("客户转介绍", "CUSTOMER_REFERRAL"), Map.entry("转介绍", "CUSTOMER_REFERRAL"),
            Map.entry("其他", "OTHER"));

    private LeadSources() {
    }

    /** The contract code for what was typed, or null when it is not a known source. */
    public static String normalise(String typed) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        String t = typed.strip();
        if (WORDS.containsKey(t)) {
            return WORDS.get(t);
        }
        String upper = t.toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        return CODES.contains(upper) ? upper : null;
    }
}
