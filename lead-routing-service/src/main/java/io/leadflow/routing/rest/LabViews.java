package io.leadflow.routing.rest;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadflow.events.time.LabPeriod;
import io.leadflow.events.vocabulary.Language;
import io.leadflow.routing.domain.AssignmentDryRun;
import io.leadflow.routing.domain.AssignmentRule;
import io.leadflow.routing.domain.Fairness;
import io.leadflow.routing.domain.GradeLevel;
import io.leadflow.routing.domain.GradingBacktest;
import io.leadflow.routing.domain.GradingPolicy;
import io.leadflow.routing.domain.GradingRules;
import io.leadflow.routing.domain.LoadTimeline;
import io.leadflow.routing.domain.Rate;
import io.leadflow.routing.domain.Seniority;
import io.leadflow.routing.domain.Separation;
import io.leadflow.routing.service.PolicyLabService;
import io.leadflow.routing.service.Wording;

/**
 * The policy lab's answers: JSON records and the rows of their CSV, worded in the reader's language from the
 * service's bundles ({@link Wording}); a policy's own level names are its data and read as the policy gives them.
 */
public final class LabViews {

    private LabViews() {
    }

    public record RateView(BigDecimal value, String percent, long numerator, long denominator) {
        static RateView of(Rate r) {
            return new RateView(r.value(), r.percent(), r.numerator(), r.denominator());
        }
    }

    public record PeriodView(LocalDate from, LocalDate to, long days) {
        static PeriodView of(LabPeriod p) {
            return new PeriodView(p.from(), p.to(), p.days());
        }
    }

    /** @param winRate won / leads; open leads count as not won */
    public record CountsView(long leads, long won, long lost, long open, RateView winRate) {
        static CountsView of(GradingBacktest.Counts c) {
            return new CountsView(c.leads(), c.won(), c.lost(), c.open(), RateView.of(c.winRate()));
        }
    }

    public record GradeRow(String grade, String label, long leads, long won, long lost, long open, RateView winRate) {
    }

    public record SeparationView(String topGrade, String topLabel, RateView topWinRate, RateView averageWinRate,
                                 BigDecimal lift, BigDecimal auc) {
    }

    public record PolicyOutcome(Integer version, List<GradeRow> grades, SeparationView separation, long givenKept) {
    }

    public record MoveRow(String from, String fromLabel, String to, String toLabel, long leads, long won, long lost,
                          long open, RateView winRate) {
    }

    public record Moves(CountsView up, CountsView down, CountsView unchanged, List<MoveRow> matrix) {
    }

    public record GivenGradesView(String mode, long leads, long keptBefore, long keptAfter, String note) {
    }

    public record LeadsView(long total, long won, long lost, long open, long erasedLeftOut) {
    }

    public record DraftGrading(int maxScore, List<GradeLevel> levels) {
    }

    /** The PUT that saves the tried version with its figures; fill in {@code reason}. */
    public record Activate(String method, String path, Map<String, Object> body, String note) {
    }

    public record GradingBacktestView(PeriodView period, int currentPolicyVersion, DraftGrading draft, String baseline,
                                      String baselineNote, LeadsView leads, GivenGradesView givenGrades,
                                      PolicyOutcome before, PolicyOutcome after, Moves moves,
                                      Map<String, String> meaning, String ranBy, Instant ranAt, Activate activate) {
    }

    public static GradingBacktestView backtest(PolicyLabService.Backtest run, GradingPolicy current,
                                               GradingRules draftRules, Language l) {
        GradingBacktest.Result r = run.result();
        GradingPolicy draft = run.draft();
        Map<String, String> meaning = new LinkedHashMap<>();
        meaning.put("winRate", Wording.text(l, "backtest.meaning.winRate"));
        meaning.put("lift", Wording.text(l, "backtest.meaning.lift"));
        meaning.put("auc", Wording.text(l, "backtest.meaning.auc"));
        meaning.put("moves", Wording.text(l, "backtest.meaning.moves"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("basedOnVersion", run.currentVersion());
        body.put("levels", draft.levels());
        body.put("rules", draftRules);
        Map<String, Object> backtest = new LinkedHashMap<>();
        backtest.put("from", run.period().from().toString());
        backtest.put("to", run.period().to().toString());
        backtest.put("givenGrades", run.givenGrades().name());
        body.put("backtest", backtest);
        body.put("reason", null);
        return new GradingBacktestView(PeriodView.of(run.period()), run.currentVersion(),
                new DraftGrading(draft.maxScore(), draft.levels()), "CURRENT_POLICY",
                Wording.text(l, "backtest.baselineNote", String.valueOf(run.currentVersion())),
                new LeadsView(r.all().leads(), r.all().won(), r.all().lost(), r.all().open(), run.erasedLeft()),
                new GivenGradesView(run.givenGrades().name(), r.givenGrades(), r.current().givenKept(),
                        r.draft().givenKept(), Wording.text(l, "backtest.givenGrades." + run.givenGrades().name())),
                outcome(r.current(), current, l), outcome(r.draft(), draft, l),
                new Moves(CountsView.of(r.up()), CountsView.of(r.down()), CountsView.of(r.unchanged()),
                        r.moves().stream().map(m -> new MoveRow(m.from(), label(current, m.from(), l), m.to(),
                                label(draft, m.to(), l), m.counts().leads(), m.counts().won(), m.counts().lost(),
                                m.counts().open(), RateView.of(m.counts().winRate()))).toList()),
                meaning, run.ranBy(), run.ranAt(),
                new Activate("PUT", "/api/v1/grading-policy", body, Wording.text(l, "backtest.activate")));
    }

    private static PolicyOutcome outcome(GradingBacktest.PolicyResult p, GradingPolicy policy, Language l) {
        List<GradeRow> rows = p.grades().stream().map(g -> new GradeRow(g.grade(), label(policy, g.grade(), l),
                g.counts().leads(), g.counts().won(), g.counts().lost(), g.counts().open(),
                RateView.of(g.counts().winRate()))).toList();
        Separation s = p.separation();
        return new PolicyOutcome(p.version() == 0 ? null : p.version(), rows, new SeparationView(s.topGrade(),
                label(policy, s.topGrade(), l), RateView.of(s.topWinRate()), RateView.of(s.averageWinRate()), s.lift(),
                s.auc()), p.givenKept());
    }

    static String label(GradingPolicy policy, String code, Language l) {
        return policy.level(code).map(level -> level.label(l)).orElse(code);
    }

    public static final List<String> BACKTEST_COLUMNS = List.of("policy", "policy_version", "grade", "grade_label",
            "leads", "won", "lost", "open", "win_rate", "win_rate_percent", "lift", "auc");

    /** One row per policy and grade, then one ALL row per policy with its lift and AUC. */
    public static List<List<Object>> backtestRows(GradingBacktestView v) {
        List<List<Object>> rows = new ArrayList<>();
        for (var side : List.of(Map.entry("before", v.before()), Map.entry("after", v.after()))) {
            PolicyOutcome p = side.getValue();
            long leads = 0;
            long won = 0;
            long lost = 0;
            long open = 0;
            for (GradeRow g : p.grades()) {
                rows.add(java.util.Arrays.asList(side.getKey(), p.version(), g.grade(), g.label(), g.leads(), g.won(),
                        g.lost(), g.open(), g.winRate().value(), g.winRate().percent(), null, null));
                leads += g.leads();
                won += g.won();
                lost += g.lost();
                open += g.open();
            }
            Rate all = new Rate(won, leads);
            rows.add(java.util.Arrays.asList(side.getKey(), p.version(), "ALL", null, leads, won, lost, open,
                    all.value(), all.percent(), p.separation().lift(), p.separation().auc()));
        }
        return rows;
    }

    // ---- assignment dry run --------------------------------------------------------------------------------

    public record WeekView(LocalDate weekStart, int peakOpen, int endOpen) {
        static WeekView of(LoadTimeline.Week w) {
            return new WeekView(w.weekStart(), w.peakOpen(), w.endOpen());
        }
    }

    public record RepLoadView(String repId, String name, @Schema(implementation = Seniority.class) String seniority,
                              String seniorityLabel, Integer capacity, int startOpen, int peakOpen, int endOpen,
                              long assigned, Map<String, Long> assignedByGrade, List<WeekView> weeks) {
    }

    public record TopToSeniorView(String grade, String label, long leads, long toSenior, RateView share) {
    }

    public record OverflowView(long leads, Map<String, Long> byGrade, long neverAssigned) {
    }

    public record FairnessView(String pool, String poolLabel, int reps, long leads, long fewest, long most, long spread,
                               BigDecimal gini) {
    }

    public record ScenarioView(List<RepLoadView> reps, TopToSeniorView topGradeToSenior, OverflowView overflow,
                               List<FairnessView> fairness) {
    }

    public record DryRunView(PeriodView period, int currentPolicyVersion, List<AssignmentRule> draft, String roster,
                             long leads, ScenarioView replay, ScenarioView actual, List<String> assumptions,
                             Map<String, String> meaning, String ranBy, Instant ranAt, Activate activate) {
    }

    public static DryRunView dryRun(PolicyLabService.DryRun run, GradingPolicy grading, Language l) {
        List<String> assumptions = List.of(Wording.text(l, "dryRun.assumption.replay"),
                Wording.text(l, "dryRun.assumption.load"), Wording.text(l, "dryRun.assumption.queue"),
                Wording.text(l, "dryRun.assumption.grade"));
        Map<String, String> meaning = new LinkedHashMap<>();
        meaning.put("gini", Wording.text(l, "dryRun.meaning.gini"));
        meaning.put("weeks", Wording.text(l, "dryRun.meaning.weeks"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("basedOnVersion", run.currentVersion());
        body.put("rules", run.draft().rules());
        Map<String, Object> backtest = new LinkedHashMap<>();
        backtest.put("from", run.period().from().toString());
        backtest.put("to", run.period().to().toString());
        body.put("backtest", backtest);
        body.put("reason", null);
        String note = Wording.text(l, "dryRun.activate");
        if ("DRAFT".equals(run.roster())) {
            note = Wording.text(l, "dryRun.activate.draftRoster", note);
        }
        return new DryRunView(PeriodView.of(run.period()), run.currentVersion(), run.draft().rules(), run.roster(),
                run.replay().leads(), scenario(run.replay(), grading, l), scenario(run.actual(), grading, l),
                assumptions, meaning, run.ranBy(), run.ranAt(),
                new Activate("PUT", "/api/v1/assignment-policy", body, note));
    }

    private static ScenarioView scenario(AssignmentDryRun.Result r, GradingPolicy grading, Language l) {
        return new ScenarioView(r.reps().stream().map(x -> new RepLoadView(x.repId(), x.name(), x.seniority(),
                        seniorityLabel(x.seniority(), l), x.capacity(), x.startOpen(), x.peakOpen(), x.endOpen(),
                        x.assigned(), x.assignedByGrade(), x.weeks().stream().map(WeekView::of).toList())).toList(),
                new TopToSeniorView(r.topToSenior().grade(), label(grading, r.topToSenior().grade(), l),
                        r.topToSenior().leads(), r.topToSenior().toSenior(), RateView.of(r.topToSenior().share())),
                new OverflowView(r.overflow().leads(), r.overflow().byGrade(), r.overflow().neverAssigned()),
                r.fairness().stream().map((Fairness f) -> new FairnessView(f.pool(), seniorityLabel(f.pool(), l),
                        f.reps(), f.leads(), f.fewest(), f.most(), f.spread(), f.gini())).toList());
    }

    static String seniorityLabel(String code, Language l) {
        return Seniority.parse(code).map(s -> Wording.text(l, "seniority." + s.name())).orElse(code);
    }

    public static final List<String> DRY_RUN_COLUMNS = List.of("scenario", "rep_id", "rep_name", "seniority",
            "week_start", "peak_open", "end_open", "capacity", "assigned_in_period");

    /** One row per scenario (replay, actual), rep and week: what a BI tool charts as load over time. */
    public static List<List<Object>> dryRunRows(DryRunView v) {
        List<List<Object>> rows = new ArrayList<>();
        for (var side : List.of(Map.entry("replay", v.replay()), Map.entry("actual", v.actual()))) {
            for (RepLoadView rep : side.getValue().reps()) {
                for (WeekView w : rep.weeks()) {
                    rows.add(java.util.Arrays.asList(side.getKey(), rep.repId(), rep.name(), rep.seniority(),
                            w.weekStart(), w.peakOpen(), w.endOpen(), rep.capacity(), rep.assigned()));
                }
            }
        }
        return rows;
    }
}
