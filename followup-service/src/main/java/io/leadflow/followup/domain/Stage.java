package io.leadflow.followup.domain;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Where a lead stands in the sales process. WON and LOST are reached only through an outcome. */
public enum Stage {
    NEW("新线索", "New", "新建"),
    CONTACTED("已联系", "Contacted", "已接触"),
    NEEDS_CONFIRMED("需求确认", "Needs confirmed", "需求已确认", "已确认需求"),
    PROPOSAL("方案", "Proposal", "方案阶段", "方案报价", "报价"),
    NEGOTIATION("谈判", "Negotiation", "商务谈判", "谈判阶段"),
    WON("成交", "Won", "赢单", "已成交"),
    LOST("流失", "Lost", "丢单", "输单", "已流失"),
    NURTURING("培育", "Nurturing", "培育中", "长期培育");

    private final String chinese;
    private final String english;
    private final List<String> aliases;

    Stage(String chinese, String english, String... aliases) {
        this.chinese = chinese;
        this.english = english;
        this.aliases = List.of(aliases);
    }

    public String label(boolean chineseLabels) {
        return chineseLabels ? chinese : english;
    }

    public boolean closed() {
        return this == WON || this == LOST;
    }

    public static Optional<Stage> parse(String text) {
        String wanted = Words.normalise(text);
        if (wanted.isEmpty()) {
            return Optional.empty();
        }
        return Arrays.stream(values()).filter(s -> s.name().equals(wanted)
                        || Words.normalise(s.english).equals(wanted)
                        || s.chinese.equals(text.trim())
                        || s.aliases.contains(text.trim()))
                .findFirst();
    }

    public static String accepted() {
        return Arrays.stream(values()).map(s -> s.name() + " (" + s.chinese + ")").collect(Collectors.joining(", "));
    }

    /**
     * The stage rule: a lead moves forward one step at a time (a step back is allowed while the deal is open, e.g. the
     * proposal must be reworked), may go to nurturing from any open stage, and leaves LOST only by being reopened.
     * WON and LOST are set by an outcome, never by a stage change.
     */
    public static final class Transitions {

        private static final Map<Stage, Set<Stage>> ALLOWED = Map.of(
                NEW, EnumSet.of(CONTACTED, NURTURING),
                CONTACTED, EnumSet.of(NEEDS_CONFIRMED, NURTURING),
                NEEDS_CONFIRMED, EnumSet.of(PROPOSAL, CONTACTED, NURTURING),
                PROPOSAL, EnumSet.of(NEGOTIATION, NEEDS_CONFIRMED, NURTURING),
                NEGOTIATION, EnumSet.of(PROPOSAL, NURTURING),
                NURTURING, EnumSet.of(CONTACTED, NEEDS_CONFIRMED),
                WON, EnumSet.noneOf(Stage.class),
                LOST, EnumSet.of(CONTACTED, NURTURING));

        private Transitions() {
        }

        public static Set<Stage> from(Stage stage) {
            return Set.copyOf(ALLOWED.get(stage));
        }

        /** @return true when moving from LOST, which reopens the lead */
        public static boolean check(Stage from, Stage to) {
            if (to == WON || to == LOST) {
                throw new RuleBroken("A lead becomes " + to + " through POST /api/v1/leads/{id}/outcome, not a stage change.");
            }
            if (from == to) {
                throw new RuleBroken("The lead is already in stage " + to + ".");
            }
            if (!ALLOWED.get(from).contains(to)) {
                Set<Stage> allowed = ALLOWED.get(from);
                throw new RuleBroken("A lead cannot move from " + from + " to " + to + "; from " + from
                        + (allowed.isEmpty() ? " no stage change is allowed (the lead is closed)."
                        : " it may move to " + allowed.stream().map(Enum::name).sorted().collect(Collectors.joining(", ")) + "."));
            }
            return from == LOST;
        }
    }
}
