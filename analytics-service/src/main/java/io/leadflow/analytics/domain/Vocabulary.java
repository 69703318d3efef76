package io.leadflow.analytics.domain;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The codes analytics groups by and the template's words for them. Filters accept either (展会 or TRADE_SHOW);
 * tables answer codes with a label in the reader's language.
 */
public final class Vocabulary {

    public static final Map<String, String> SOURCES = ordered(
            "TRADE_SHOW", "展会",
            "WEBSITE_FORM", "官网表单",
            "PARTNER_REFERRAL", "合作伙伴推荐",
            "SOCIAL_MEDIA", "社交媒体",
            "CUSTOMER_REFERRAL", "客户转介绍",
            "OTHER", "其他");

    private static final Map<String, String> SOURCES_EN = ordered(
            "TRADE_SHOW", "Trade show",
            "WEBSITE_FORM", "Website form",
            "PARTNER_REFERRAL", "Partner referral",
            "SOCIAL_MEDIA", "Social media",
            "CUSTOMER_REFERRAL", "Customer referral",
            "OTHER", "Other");

    private static final Map<String, String> SOURCE_ALIASES = Map.of(
            "官网", "WEBSITE_FORM", "渠道", "PARTNER_REFERRAL", "合作伙伴", "PARTNER_REFERRAL",
            "转介绍", "CUSTOMER_REFERRAL", "社群", "SOCIAL_MEDIA");

    public static final Map<String, String> GRADES = ordered(
            "HIGH", "高意向",
            "MEDIUM", "中意向",
            "LOW", "低意向");

    private static final Map<String, String> GRADE_ALIASES = Map.of("高", "HIGH", "中", "MEDIUM", "低", "LOW");

    private Vocabulary() {
    }

    /** A source code from a code or the template's word; unknown words are refused with the list of known ones. */
    public static String source(String field, String word) {
        String w = word.trim();
        String upper = w.toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        if (SOURCES.containsKey(upper)) {
            return upper;
        }
        return SOURCES.entrySet().stream().filter(e -> e.getValue().equals(w)).map(Map.Entry::getKey).findFirst()
                .or(() -> Optional.ofNullable(SOURCE_ALIASES.get(w)))
                .orElseThrow(() -> new InvalidQueryException(field, "'" + word + "' is not a lead source; use one of "
                        + String.join(", ", SOURCES.keySet()) + " or " + String.join("/", SOURCES.values())));
    }

    /**
     * A grade code. Routing may be configured with up to five levels of its own naming, so any code-like word is
     * accepted; the template's 高/中/低意向 map to HIGH/MEDIUM/LOW.
     */
    public static String grade(String field, String word) {
        String w = word.trim();
        for (Map.Entry<String, String> e : GRADES.entrySet()) {
            if (e.getValue().equals(w)) {
                return e.getKey();
            }
        }
        if (GRADE_ALIASES.containsKey(w)) {
            return GRADE_ALIASES.get(w);
        }
        String upper = w.toUpperCase(Locale.ROOT);
        if (upper.matches("[A-Z][A-Z0-9_]{0,31}")) {
            return upper;
        }
        throw new InvalidQueryException(field, "'" + word + "' is not a grade; use a grade code such as "
                + String.join(", ", GRADES.keySet()) + " or " + String.join("/", GRADES.values()));
    }

    /** The reader's word for a code of {@code dimension}; the code itself when there is none. */
    public static String label(Dimension dimension, String code, boolean chinese) {
        if (code == null) {
            return chinese ? "未知" : "Unknown";
        }
        return switch (dimension) {
            case SOURCE -> (chinese ? SOURCES : SOURCES_EN).getOrDefault(code, code);
            case GRADE -> chinese ? GRADES.getOrDefault(code, code)
                    : code.charAt(0) + code.substring(1).toLowerCase(Locale.ROOT).replace('_', ' ');
            default -> code;
        };
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
