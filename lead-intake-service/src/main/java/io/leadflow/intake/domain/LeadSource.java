package io.leadflow.intake.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Where a lead came from; the template's Chinese words are accepted wherever a person types a source. */
public enum LeadSource {
    TRADE_SHOW("展会", "展会"),
    WEBSITE_FORM("官网表单", "官网表单", "官网", "网站表单", "网站"),
    PARTNER_REFERRAL("合作伙伴推荐", "合作伙伴推荐", "合作伙伴", "渠道", "渠道推荐", "伙伴推荐"),
    SOCIAL_MEDIA("社交媒体", "社交媒体", "行业社群", "社群", "LinkedIn", "领英", "微信公众号"),
    CUSTOMER_REFERRAL("客户转介绍", "客户转介绍", "转介绍", "客户推荐"),
    OTHER("其他", "其他", "其它");

    private final String label;
    private final String[] words;

    LeadSource(String label, String... words) {
        this.label = label;
        this.words = words;
    }

    /** The Chinese label people read, e.g. 展会. */
    public String label() {
        return label;
    }

    private static final Map<String, LeadSource> BY_WORD = Arrays.stream(values())
            .flatMap(s -> java.util.stream.Stream.concat(
                    java.util.stream.Stream.of(Map.entry(s.name(), s), Map.entry(s.name().replace('_', ' '), s)),
                    Arrays.stream(s.words).map(w -> Map.entry(w.toUpperCase(Locale.ROOT), s))))
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a));

    /** {@code TRADE_SHOW}, {@code trade_show}, {@code 展会} all name the trade show; anything else is empty. */
    public static Optional<LeadSource> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String key = Text.fold(text).toUpperCase(Locale.ROOT).replace('-', '_');
        return Optional.ofNullable(BY_WORD.get(key));
    }

    public static String accepted() {
        return Arrays.stream(values()).map(s -> s.name() + " (" + s.label + ")").collect(Collectors.joining(", "));
    }

    /** The same in the template's words: 展会、官网表单、... */
    public static String acceptedZh() {
        return Arrays.stream(values()).map(s -> s.label).collect(Collectors.joining("、"));
    }
}
