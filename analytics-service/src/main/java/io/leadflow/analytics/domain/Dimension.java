package io.leadflow.analytics.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a conversion table can be grouped by; two at once make a cross table (e.g. source x grade). */
public enum Dimension {
    SOURCE("线索来源"),
    GRADE("意向等级"),
    OWNER("跟进人"),
    REGION("地域"),
    INDUSTRY("行业"),
    MONTH("登记月份");

    public static final int MAX_AT_ONCE = 2;

    private final String zh;

    Dimension(String zh) {
        this.zh = zh;
    }

    public String zh() {
        return zh;
    }

    /** The name clients use: {@code source}, {@code month}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code groupBy} ({@code source}, {@code source,grade}; the template's Chinese words too). Empty means
     * one total row.
     */
    public static List<Dimension> parseGroupBy(String groupBy) {
        List<Dimension> dims = new ArrayList<>();
        if (groupBy == null || groupBy.isBlank()) {
            return dims;
        }
        for (String part : groupBy.split("[,，]")) {
            String word = part.trim();
            if (word.isEmpty()) {
                continue;
            }
            Dimension d = Arrays.stream(values())
                    .filter(v -> v.key().equalsIgnoreCase(word) || v.zh.equals(word)
                            || (v == OWNER && (word.equalsIgnoreCase("ownerId") || word.equals("销售"))))
                    .findFirst()
                    .orElseThrow(() -> new InvalidQueryException("groupBy", "'" + word
                            + "' is not a dimension; use one or two of " + allowed() + ", e.g. groupBy=source,grade"));
            if (dims.contains(d)) {
                throw new InvalidQueryException("groupBy", "'" + d.key() + "' is named twice");
            }
            dims.add(d);
        }
        if (dims.size() > MAX_AT_ONCE) {
            throw new InvalidQueryException("groupBy", "at most " + MAX_AT_ONCE + " dimensions at once, got "
                    + dims.size() + " (" + groupBy + ")");
        }
        return dims;
    }

    public static String allowed() {
        return Arrays.stream(values()).map(Dimension::key).collect(Collectors.joining(", "));
    }
}
