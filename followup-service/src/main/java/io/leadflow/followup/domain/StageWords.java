package io.leadflow.followup.domain;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.leadflow.events.vocabulary.Stage;
import io.leadflow.events.vocabulary.Term;

/** The words people type for a stage when they move a lead or import Table 2. */
public final class StageWords {

    /**
     * Beside the code and the suite's words (方案报价, Proposal), the other usual words; 方案, 谈判 and 培育 are the
     * words follow-up showed before the suite agreed on one set, so clients that send them keep working.
     */
    private static final Map<Stage, List<String>> ALIASES = Map.of(
            Stage.NEW, List.of("新建"),
            Stage.CONTACTED, List.of("已接触"),
            Stage.NEEDS_CONFIRMED, List.of("需求已确认", "已确认需求"),
            Stage.PROPOSAL, List.of("方案", "方案阶段", "报价"),
            Stage.NEGOTIATION, List.of("谈判", "谈判阶段"),
            Stage.WON, List.of("赢单", "已成交"),
            Stage.LOST, List.of("丢单", "输单", "已流失"),
            Stage.NURTURING, List.of("培育", "长期培育"));

    private StageWords() {
    }

    public static Optional<Stage> parse(String text) {
        if (Words.normalise(text).isEmpty()) {
            return Optional.empty();
        }
        return Term.STAGE.codeOf(text).map(Stage::valueOf).or(() -> ALIASES.entrySet().stream()
                .filter(e -> e.getValue().contains(text.trim())).map(Map.Entry::getKey).findFirst());
    }

    public static String accepted() {
        return Words.accepted(Term.STAGE);
    }
}
