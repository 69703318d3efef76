package io.leadflow.routing.domain;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Each rep's open leads over a period, week by week (weeks start on Monday in the business zone; the first and last
 * may be partial): the most the rep held at once in the week and what they held at its end. Fed with every change of
 * a rep's count in time order, it keeps two numbers per rep and week, not the changes.
 */
public final class LoadTimeline {

    /** One week of one rep: the peak and the count at the week's end (or the period's, for the last week). */
    public record Week(LocalDate weekStart, int peakOpen, int endOpen) {
    }

    private final Instant start;
    private final ZoneId zone;
    private final LocalDate firstMonday;
    private final int weeks;
    private final Map<String, int[]> peak = new LinkedHashMap<>();
    private final Map<String, int[]> end = new LinkedHashMap<>();
    private final Map<String, Integer> now = new LinkedHashMap<>();
    private final Map<String, Integer> filledTo = new LinkedHashMap<>();
    private final Map<String, Integer> startOpen = new LinkedHashMap<>();

    public LoadTimeline(Instant start, Instant end, ZoneId zone) {
        this.start = start;
        this.zone = zone;
        this.firstMonday = LocalDate.ofInstant(start, zone).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        LocalDate lastDay = LocalDate.ofInstant(end.minusNanos(1), zone);
        this.weeks = (int) ChronoUnit.WEEKS.between(firstMonday, lastDay) + 1;
    }

    /** A rep's open leads when the period starts. */
    public void begin(String repId, int open) {
        peak.put(repId, new int[weeks]);
        end.put(repId, new int[weeks]);
        now.put(repId, open);
        startOpen.put(repId, open);
        filledTo.put(repId, 0);
        peak.get(repId)[0] = open;
    }

    /** The rep's count changed by {@code delta} at {@code at} (not before the last change of this rep). */
    public int change(String repId, Instant at, int delta) {
        if (!now.containsKey(repId)) {
            begin(repId, 0);
        }
        int week = week(at);
        carry(repId, week);
        int count = Math.max(0, now.get(repId) + delta);
        now.put(repId, count);
        int[] p = peak.get(repId);
        p[week] = Math.max(p[week], count);
        return count;
    }

    public int open(String repId) {
        return now.getOrDefault(repId, 0);
    }

    public int startOpen(String repId) {
        return startOpen.getOrDefault(repId, 0);
    }

    /** The weeks of one rep, after every change was fed. */
    public List<Week> weeks(String repId) {
        if (!now.containsKey(repId)) {
            begin(repId, 0);
        }
        carry(repId, weeks - 1);
        end.get(repId)[weeks - 1] = now.get(repId);
        List<Week> out = new ArrayList<>(weeks);
        for (int w = 0; w < weeks; w++) {
            out.add(new Week(firstMonday.plusWeeks(w), peak.get(repId)[w], end.get(repId)[w]));
        }
        return out;
    }

    /** Weeks before {@code week} end with the rep's current count, which is also the floor of the next week's peak. */
    private void carry(String repId, int week) {
        int from = filledTo.get(repId);
        int count = now.get(repId);
        int[] p = peak.get(repId);
        int[] e = end.get(repId);
        for (int w = from; w < week; w++) {
            e[w] = count;
            p[w + 1] = Math.max(p[w + 1], count);
        }
        if (week > from) {
            filledTo.put(repId, week);
        }
    }

    private int week(Instant at) {
        Instant t = at.isBefore(start) ? start : at;
        int w = (int) ChronoUnit.WEEKS.between(firstMonday, LocalDate.ofInstant(t, zone));
        return Math.min(Math.max(w, 0), weeks - 1);
    }
}
