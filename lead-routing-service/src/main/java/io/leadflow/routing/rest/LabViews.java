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

/** The policy lab's answers: JSON records and the rows of their CSV, worded in the reader's language. */
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
        meaning.put("winRate", l.pick("成交率 = 成交线索数 / 线索总数;尚未成交或流失的线索计为未成交,另列 open。",
                "Win rate = won / all leads; leads without an outcome yet count as not won and are shown as open."));
        meaning.put("lift", l.pick("提升度 = 最高等级的成交率 ÷ 全部线索的成交率:2.0 表示评为最高等级的线索成交概率是平均的两倍,"
                        + "1.0 表示最高等级不比随机更能挑出成交线索。",
                "Lift = the top grade's win rate ÷ the win rate of all leads: 2.0 means a lead graded top was won twice "
                        + "as often as the average lead; 1.0 means the top grade picks winners no better than chance."));
        meaning.put("auc", l.pick("AUC = 随机取一条成交线索和一条未成交线索,前者等级更高的概率(同级算一半):0.5 等于抛硬币,1.0 表示成交线索全部排在前面。",
                "AUC = the chance that a random won lead was graded higher than a random lead that was not won (ties count "
                        + "half): 0.5 is a coin toss, 1.0 ranks every winner above every other lead."));
        meaning.put("moves", l.pick("升级/降级按等级在各自评分表中的位置比较(最高为顶端,最低为底端)。",
                "Up and down compare a grade's position on each policy's own scale (top to bottom)."));
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
                l.pick("“之前”是现行评分政策 v" + run.currentVersion() + " 用同一套评分代码对同一批线索(按路由保存的资料)重新评出的等级,"
                                + "不是当时记录的等级:这样两边只差政策本身。",
                        "\"Before\" is the grade the policy in force (v" + run.currentVersion() + ") gives the same leads "
                                + "now, from the profiles routing stored, with the same grading code, not the grade recorded "
                                + "at the time: the two sides then differ only by the policy."),
                new LeadsView(r.all().leads(), r.all().won(), r.all().lost(), r.all().open(), run.erasedLeft()),
                new GivenGradesView(run.givenGrades().name(), r.givenGrades(), r.current().givenKept(),
                        r.draft().givenKept(), run.givenGrades() == GradingBacktest.GivenGrades.KEEP
                        ? l.pick("导入时带有意向等级的线索按实际评分方式处理:该等级在政策中存在时保留(草案无法移动它们),否则由规则评分。"
                                + "用 givenGrades=SCORE 只评估规则本身。",
                        "Leads imported with a grade are graded as live grading does: the given grade stays when the "
                                + "policy has that level (a draft cannot move them), otherwise the rules grade them. "
                                + "givenGrades=SCORE judges the rules alone.")
                        : l.pick("忽略导入时带有的意向等级,所有线索都由规则评分。",
                        "Given grades are ignored: the rules grade every lead.")),
                outcome(r.current(), current, l), outcome(r.draft(), draft, l),
                new Moves(CountsView.of(r.up()), CountsView.of(r.down()), CountsView.of(r.unchanged()),
                        r.moves().stream().map(m -> new MoveRow(m.from(), label(current, m.from(), l), m.to(),
                                label(draft, m.to(), l), m.counts().leads(), m.counts().won(), m.counts().lost(),
                                m.counts().open(), RateView.of(m.counts().winRate()))).toList()),
                meaning, run.ranBy(), run.ranAt(),
                new Activate("PUT", "/api/v1/grading-policy", body, l.pick(
                        "填写 reason 后提交即可启用此草案;服务会对所存版本重新回测同一时期,并把数据随版本保存。",
                        "Fill in reason and send it to activate this draft; the service backtests the saved version "
                                + "again on the same period and keeps the figures with the version.")));
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
        List<String> assumptions = List.of(
                l.pick("按登记时间顺序,用与实际分配相同的规则代码(Router)重放该时期的线索。",
                        "The period's leads are replayed in order of registration through the same routing code "
                                + "(Router) as live assignment."),
                l.pick("模拟负载从时期开始时每位销售实际持有的未结线索起算(由分配历史重建,各自在实际结束时释放);"
                                + "重放分配的线索保持未结,直到其实际成交/流失日期或时期结束。",
                        "Simulated load starts from the open leads each rep really held when the period began "
                                + "(rebuilt from the assignment history, each released when it really ended); a lead "
                                + "the replay assigns stays open until its real won/lost date or the end of the period."),
                l.pick("没有空位的线索进入模拟的待分配队列,每当有人负载下降时按先后重试;所有销售视为整段时期在岗(路由不保存休假历史);"
                                + "导入线索指定的跟进人不予考虑,只看规则。",
                        "A lead no rep has room for waits in a simulated queue, retried oldest first whenever a load "
                                + "falls; every rep counts as available throughout (routing keeps no history of who was "
                                + "away); a named 跟进人 on imports is not honoured, only the rules."),
                l.pick("每条线索用它现在的等级;实际情况中的“溢出”是该时期内从未分配的线索(路由不保存排队历史)。",
                        "Each lead is routed with the grade it has now; in what really happened, overflow is the "
                                + "leads never assigned within the period (routing keeps no history of queue waits)."));
        Map<String, String> meaning = new LinkedHashMap<>();
        meaning.put("gini", l.pick("基尼系数:0 表示同一池中每位销售分到的线索一样多,越接近 1 越集中在少数人。",
                "Gini: 0 when every rep of a pool received the same number of leads, towards 1 when a few received "
                        + "nearly all."));
        meaning.put("weeks", l.pick("每周(周一开始)的最高未结线索数和周末的未结线索数。",
                "Per week (from Monday): the most open leads held at once, and the open leads at the week's end."));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("basedOnVersion", run.currentVersion());
        body.put("rules", run.draft().rules());
        Map<String, Object> backtest = new LinkedHashMap<>();
        backtest.put("from", run.period().from().toString());
        backtest.put("to", run.period().to().toString());
        body.put("backtest", backtest);
        body.put("reason", null);
        String note = l.pick("填写 reason 后提交即可启用这些规则;服务会用现行名单重新试运行同一时期并随版本保存数据。",
                "Fill in reason and send it to activate these rules; the service dry-runs them again on the same "
                        + "period with the roster in force and keeps the figures with the version.")
                + ("DRAFT".equals(run.roster()) ? l.pick("草案名单不会随规则保存:请先用 /api/v1/reps 调整名单。",
                " The draft roster is not saved with the rules: change the roster through /api/v1/reps first.") : "");
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
        return Seniority.parse(code).map(s -> l.pick(s.labelZh(),
                s.name().charAt(0) + s.name().substring(1).toLowerCase(java.util.Locale.ROOT))).orElse(code);
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
