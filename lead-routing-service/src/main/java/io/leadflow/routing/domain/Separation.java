package io.leadflow.routing.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * How well a grading separates the leads that were won from the rest, from the won / not-won counts per level
 * (highest level first). Leads still open count as not won: the period is judged by what it brought so far.
 *
 * @param lift the top level's win rate divided by the win rate of all leads: 2.0 means a lead graded top was won
 *             twice as often as the average lead; 1.0 means the top grade picks winners no better than chance.
 *             Null when nothing was won or no lead reached the top level.
 * @param auc  the chance that a won lead, picked at random, was graded higher than a lead that was not won (ties
 *             count half): 0.5 is no better than a coin, 1.0 ranks every winner above every other lead. Null when
 *             there were no winners or no other leads.
 */
public record Separation(String topGrade, Rate topWinRate, Rate averageWinRate, BigDecimal lift, BigDecimal auc) {

    /** @param levels codes highest first; won[i] and notWon[i] are the counts of level i */
    public static Separation of(List<String> levels, long[] won, long[] notWon) {
        long w = 0;
        long n = 0;
        for (int i = 0; i < levels.size(); i++) {
            w += won[i];
            n += notWon[i];
        }
        Rate top = new Rate(won[0], won[0] + notWon[0]);
        Rate average = new Rate(w, w + n);
        BigDecimal lift = w == 0 || top.denominator() == 0 ? null
                : BigDecimal.valueOf(won[0] * (w + n)).divide(BigDecimal.valueOf(top.denominator() * w), 2,
                RoundingMode.HALF_UP);
        BigDecimal auc = null;
        if (w > 0 && n > 0) {
            // Walk from the lowest level up: every winner beats the non-winners below it and ties those beside it.
            double pairs = 0;
            long notWonBelow = 0;
            for (int i = levels.size() - 1; i >= 0; i--) {
                pairs += won[i] * (notWonBelow + notWon[i] / 2.0);
                notWonBelow += notWon[i];
            }
            auc = BigDecimal.valueOf(pairs / ((double) w * n)).setScale(3, RoundingMode.HALF_UP);
        }
        return new Separation(levels.get(0), top, average, lift, auc);
    }
}
