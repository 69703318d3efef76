package io.leadflow.routing.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where a rep sits in the team; NURTURE is marketing, who nurture low-intent leads. The Chinese words below are what a
 * person may type for one; a reader's word for it is the bundles' ({@code seniority.<CODE>}).
 */
public enum Seniority {
    SENIOR, JUNIOR, ASSISTANT, NURTURE;

    private static final Map<String, Seniority> WORDS = Map.ofEntries(
            Map.entry("资深销售", SENIOR), Map.entry("资深", SENIOR), Map.entry("高级销售", SENIOR),
            Map.entry("销售", JUNIOR), Map.entry("初级销售", JUNIOR), Map.entry("普通销售", JUNIOR),
            Map.entry("销售助理", ASSISTANT), Map.entry("助理", ASSISTANT),
            Map.entry("市场培育", NURTURE), Map.entry("市场部", NURTURE), Map.entry("市场", NURTURE),
            Map.entry("培育", NURTURE));

    /** SENIOR, senior, 资深销售, 助理 ... */
    public static Optional<Seniority> parse(String typed) {
        if (typed == null || typed.isBlank()) {
            return Optional.empty();
        }
        String t = typed.strip();
        if (WORDS.containsKey(t)) {
            return Optional.of(WORDS.get(t));
        }
        return Arrays.stream(values()).filter(s -> s.name().equals(t.toUpperCase(Locale.ROOT))).findFirst();
    }
}
