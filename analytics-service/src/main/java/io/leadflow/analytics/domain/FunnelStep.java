package io.leadflow.analytics.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.leadflow.events.vocabulary.Stage;

/**
 * One step of the funnel: how many leads reached it, the share of all leads, how many dropped before the next, and
 * how long leads stayed in it (hours, from stage history).
 */
public record FunnelStep(Stage stage, long reached, Rate ofAllLeads, Rate fromPreviousStep, long droppedHere,
                         BigDecimal medianDaysInStage, BigDecimal averageDaysInStage) {

    /** {@code reachedByRank}: leads whose furthest stage has at least that rank. */
    public static List<FunnelStep> build(Map<Integer, Long> reachedByRank, Map<String, Distribution> hoursInStage) {
        List<Stage> stages = Stage.funnel();
        List<FunnelStep> out = new ArrayList<>();
        long all = reachedByRank.getOrDefault(1, 0L);
        for (int i = 0; i < stages.size(); i++) {
            Stage s = stages.get(i);
            long reached = reachedByRank.getOrDefault(s.rank(), 0L);
            long previous = i == 0 ? reached : reachedByRank.getOrDefault(stages.get(i - 1).rank(), 0L);
            long next = i + 1 < stages.size() ? reachedByRank.getOrDefault(stages.get(i + 1).rank(), 0L) : reached;
            Distribution hours = hoursInStage.getOrDefault(s.name(), new Distribution());
            out.add(new FunnelStep(s, reached, Rate.of(reached, all), Rate.of(reached, previous), reached - next,
                    days(hours.median()), days(hours.mean())));
        }
        return out;
    }

    private static BigDecimal days(BigDecimal hours) {
        return hours == null ? null : hours.divide(BigDecimal.valueOf(24), 1, RoundingMode.HALF_UP);
    }
}
