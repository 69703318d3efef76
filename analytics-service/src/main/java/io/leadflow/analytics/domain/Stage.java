package io.leadflow.analytics.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The follow-up stages in funnel order. {@code rank} is how far down the funnel a stage is; LOST and NURTURING are
 * exits, not steps, so they reach nothing further.
 */
public enum Stage {
    NEW(1, "新线索"),
    CONTACTED(2, "已联系"),
    NEEDS_CONFIRMED(3, "需求确认"),
    PROPOSAL(4, "方案报价"),
    NEGOTIATION(5, "商务谈判"),
    WON(6, "成交"),
    LOST(0, "流失"),
    NURTURING(0, "培育中");

    private final int rank;
    private final String zh;

    Stage(int rank, String zh) {
        this.rank = rank;
        this.zh = zh;
    }

    public int rank() {
        return rank;
    }

    public String zh() {
        return zh;
    }

    /** The stages a lead passes on the way to a deal, in order. */
    public static List<Stage> funnel() {
        return Arrays.stream(values()).filter(s -> s.rank > 0).toList();
    }

    public static Optional<Stage> parse(String code) {
        if (code == null) {
            return Optional.empty();
        }
        return Arrays.stream(values()).filter(s -> s.name().equalsIgnoreCase(code.trim())).findFirst();
    }

    public static int rankOf(String code) {
        return parse(code).map(Stage::rank).orElse(0);
    }
}
