package io.leadflow.followup.domain;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.leadflow.events.domain.RuleBroken;
import io.leadflow.events.vocabulary.Stage;

/**
 * The stage rule: a lead moves forward one step at a time (a step back is allowed while the deal is open, e.g. the
 * proposal must be reworked), may go to nurturing from any open stage, and leaves LOST only by being reopened.
 * WON and LOST are set by an outcome, never by a stage change.
 */
public final class StageTransitions {

    private static final Map<Stage, Set<Stage>> ALLOWED = Map.of(
            Stage.NEW, EnumSet.of(Stage.CONTACTED, Stage.NURTURING),
            Stage.CONTACTED, EnumSet.of(Stage.NEEDS_CONFIRMED, Stage.NURTURING),
            Stage.NEEDS_CONFIRMED, EnumSet.of(Stage.PROPOSAL, Stage.CONTACTED, Stage.NURTURING),
            Stage.PROPOSAL, EnumSet.of(Stage.NEGOTIATION, Stage.NEEDS_CONFIRMED, Stage.NURTURING),
            Stage.NEGOTIATION, EnumSet.of(Stage.PROPOSAL, Stage.NURTURING),
            Stage.NURTURING, EnumSet.of(Stage.CONTACTED, Stage.NEEDS_CONFIRMED),
            Stage.WON, EnumSet.noneOf(Stage.class),
            Stage.LOST, EnumSet.of(Stage.CONTACTED, Stage.NURTURING));

    private StageTransitions() {
    }

    public static Set<Stage> from(Stage stage) {
        return Set.copyOf(ALLOWED.get(stage));
    }

    /** @return true when moving from LOST, which reopens the lead */
    public static boolean check(Stage from, Stage to) {
        if (to == Stage.WON || to == Stage.LOST) {
            throw new RuleBroken("A lead becomes " + to + " through POST /api/v1/pipeline/{id}/outcome, not a stage change.");
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
        return from == Stage.LOST;
    }
}
