package io.leadflow.routing.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.leadflow.events.time.LabPeriod;
import io.leadflow.events.vocabulary.Language;
import io.leadflow.routing.domain.AssignmentDryRun;
import io.leadflow.routing.domain.AssignmentPolicy;
import io.leadflow.routing.domain.Candidate;
import io.leadflow.routing.domain.GradeLevel;
import io.leadflow.routing.domain.GradingBacktest;
import io.leadflow.routing.domain.GradingPolicy;
import io.leadflow.routing.domain.Seniority;
import io.leadflow.routing.service.PolicyLabService;

/**
 * Every sentence the policy lab's views say, in both languages and on every branch, so moving the words between
 * Java and bundles cannot change a byte of what a reader gets.
 */
class LabViewsWordingTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final LabPeriod PERIOD = new LabPeriod(LocalDate.of(2026, 7, 6), LocalDate.of(2026, 7, 19));
    private static final Instant RAN_AT = Instant.parse("2026-07-20T01:00:00Z");

    private final GradingPolicy current = GradingPolicy.defaults();

    private GradingPolicy draft() {
        return new GradingPolicy(0, List.of(
                new GradeLevel("HIGH", "高意向", "High intent", 60, 60),
                new GradeLevel("MEDIUM", "中意向", "Medium intent", 30, 90),
                new GradeLevel("LOW", "低意向", "Low intent", 0, null)), current.rules());
    }

    private LabViews.GradingBacktestView backtest(GradingBacktest.GivenGrades given, Language l) {
        GradingBacktest.Result result = new GradingBacktest(current, draft(), given).result();
        PolicyLabService.Backtest run = new PolicyLabService.Backtest(PERIOD, 7, draft(), given, result, 0, "u-1",
                RAN_AT);
        return LabViews.backtest(run, current, draft().rules(), l);
    }

    private static LabViews.DryRunView dryRun(String roster, Language l) {
        Instant start = PERIOD.start(SHANGHAI);
        List<Candidate> reps = Arrays.stream(Seniority.values())
                .map(s -> new Candidate("rep-" + s, "rep-" + s, s, List.of(), List.of(), 5, 0, true, "AVAILABLE", 0))
                .toList();
        AssignmentDryRun.Result r = AssignmentDryRun.replay(AssignmentPolicy.defaults(), reps, List.of(), List.of(),
                start, PERIOD.end(SHANGHAI), SHANGHAI, "HIGH");
        PolicyLabService.DryRun run = new PolicyLabService.DryRun(PERIOD, 7, AssignmentPolicy.defaults(), roster, r, r,
                "u-1", RAN_AT);
        return LabViews.dryRun(run, GradingPolicy.defaults(), l);
    }

    @Test
    void theBacktestSaysItsMeaningsInChinese() {
        LabViews.GradingBacktestView v = backtest(GradingBacktest.GivenGrades.KEEP, Language.ZH);
        assertThat(v.meaning()).containsExactly(
                Map.entry("winRate", "成交率 = 成交线索数 / 线索总数;尚未成交或流失的线索计为未成交,另列 open。"),
                Map.entry("lift", "提升度 = 最高等级的成交率 ÷ 全部线索的成交率:2.0 表示评为最高等级的线索成交概率是平均的两倍,"
                        + "1.0 表示最高等级不比随机更能挑出成交线索。"),
                Map.entry("auc", "AUC = 随机取一条成交线索和一条未成交线索,前者等级更高的概率(同级算一半):0.5 等于抛硬币,1.0 表示成交线索全部排在前面。"),
                Map.entry("moves", "升级/降级按等级在各自评分表中的位置比较(最高为顶端,最低为底端)。"));
        assertThat(v.baselineNote()).isEqualTo("“之前”是现行评分政策 v7 用同一套评分代码对同一批线索(按路由保存的资料)重新评出的等级,"
                + "不是当时记录的等级:这样两边只差政策本身。");
        assertThat(v.givenGrades().note()).isEqualTo("导入时带有意向等级的线索按实际评分方式处理:该等级在政策中存在时保留(草案无法移动它们),否则由规则评分。"
                + "用 givenGrades=SCORE 只评估规则本身。");
        assertThat(v.activate().note()).isEqualTo(
                "填写 reason 后提交即可启用此草案;服务会对所存版本重新回测同一时期,并把数据随版本保存。");
        assertThat(backtest(GradingBacktest.GivenGrades.SCORE, Language.ZH).givenGrades().note())
                .isEqualTo("忽略导入时带有的意向等级,所有线索都由规则评分。");
    }

    @Test
    void theBacktestSaysItsMeaningsInEnglish() {
        LabViews.GradingBacktestView v = backtest(GradingBacktest.GivenGrades.KEEP, Language.EN);
        assertThat(v.meaning()).containsExactly(
                Map.entry("winRate", "Win rate = won / all leads; leads without an outcome yet count as not won and are shown as open."),
                Map.entry("lift", "Lift = the top grade's win rate ÷ the win rate of all leads: 2.0 means a lead graded top was won twice "
                        + "as often as the average lead; 1.0 means the top grade picks winners no better than chance."),
                Map.entry("auc", "AUC = the chance that a random won lead was graded higher than a random lead that was not won (ties count "
                        + "half): 0.5 is a coin toss, 1.0 ranks every winner above every other lead."),
                Map.entry("moves", "Up and down compare a grade's position on each policy's own scale (top to bottom)."));
        assertThat(v.baselineNote()).isEqualTo("\"Before\" is the grade the policy in force (v7) gives the same leads "
                + "now, from the profiles routing stored, with the same grading code, not the grade recorded "
                + "at the time: the two sides then differ only by the policy.");
        assertThat(v.givenGrades().note()).isEqualTo("Leads imported with a grade are graded as live grading does: the given grade stays when the "
                + "policy has that level (a draft cannot move them), otherwise the rules grade them. "
                + "givenGrades=SCORE judges the rules alone.");
        assertThat(v.activate().note()).isEqualTo("Fill in reason and send it to activate this draft; the service backtests the saved version "
                + "again on the same period and keeps the figures with the version.");
        assertThat(backtest(GradingBacktest.GivenGrades.SCORE, Language.EN).givenGrades().note())
                .isEqualTo("Given grades are ignored: the rules grade every lead.");
    }

    @Test
    void aPolicysOwnLevelNamesAreItsWordsAndAnUnknownCodeStaysACode() {
        LabViews.GradingBacktestView zh = backtest(GradingBacktest.GivenGrades.KEEP, Language.ZH);
        LabViews.GradingBacktestView en = backtest(GradingBacktest.GivenGrades.KEEP, Language.EN);
        assertThat(zh.after().grades()).extracting(LabViews.GradeRow::label).containsExactly("高意向", "中意向", "低意向");
        assertThat(en.after().grades()).extracting(LabViews.GradeRow::label)
                .containsExactly("High intent", "Medium intent", "Low intent");
        assertThat(LabViews.label(draft(), "NONE", Language.EN)).isEqualTo("NONE");
    }

    private static final List<String> ASSUMPTIONS_ZH = List.of(
            "按登记时间顺序,用与实际分配相同的规则代码(Router)重放该时期的线索。",
            "模拟负载从时期开始时每位销售实际持有的未结线索起算(由分配历史重建,各自在实际结束时释放);"
                    + "重放分配的线索保持未结,直到其实际成交/流失日期或时期结束。",
            "没有空位的线索进入模拟的待分配队列,每当有人负载下降时按先后重试;所有销售视为整段时期在岗(路由不保存休假历史);"
                    + "导入线索指定的跟进人不予考虑,只看规则。",
            "每条线索用它现在的等级;实际情况中的“溢出”是该时期内从未分配的线索(路由不保存排队历史)。");

    private static final List<String> ASSUMPTIONS_EN = List.of(
            "The period's leads are replayed in order of registration through the same routing code "
                    + "(Router) as live assignment.",
            "Simulated load starts from the open leads each rep really held when the period began "
                    + "(rebuilt from the assignment history, each released when it really ended); a lead "
                    + "the replay assigns stays open until its real won/lost date or the end of the period.",
            "A lead no rep has room for waits in a simulated queue, retried oldest first whenever a load "
                    + "falls; every rep counts as available throughout (routing keeps no history of who was "
                    + "away); a named 跟进人 on imports is not honoured, only the rules.",
            "Each lead is routed with the grade it has now; in what really happened, overflow is the "
                    + "leads never assigned within the period (routing keeps no history of queue waits).");

    @Test
    void theDryRunSaysItsAssumptionsMeaningsAndNoteInChinese() {
        LabViews.DryRunView v = dryRun("CURRENT", Language.ZH);
        assertThat(v.assumptions()).isEqualTo(ASSUMPTIONS_ZH);
        assertThat(v.meaning()).containsExactly(
                Map.entry("gini", "基尼系数:0 表示同一池中每位销售分到的线索一样多,越接近 1 越集中在少数人。"),
                Map.entry("weeks", "每周(周一开始)的最高未结线索数和周末的未结线索数。"));
        assertThat(v.activate().note()).isEqualTo("填写 reason 后提交即可启用这些规则;服务会用现行名单重新试运行同一时期并随版本保存数据。");
        assertThat(dryRun("DRAFT", Language.ZH).activate().note()).isEqualTo(
                "填写 reason 后提交即可启用这些规则;服务会用现行名单重新试运行同一时期并随版本保存数据。"
                        + "草案名单不会随规则保存:请先用 /api/v1/reps 调整名单。");
    }

    @Test
    void theDryRunSaysItsAssumptionsMeaningsAndNoteInEnglish() {
        LabViews.DryRunView v = dryRun("CURRENT", Language.EN);
        assertThat(v.assumptions()).isEqualTo(ASSUMPTIONS_EN);
        assertThat(v.meaning()).containsExactly(
                Map.entry("gini", "Gini: 0 when every rep of a pool received the same number of leads, towards 1 when a few received "
                        + "nearly all."),
                Map.entry("weeks", "Per week (from Monday): the most open leads held at once, and the open leads at the week's end."));
        String note = "Fill in reason and send it to activate these rules; the service dry-runs them again on the same "
                + "period with the roster in force and keeps the figures with the version.";
        assertThat(v.activate().note()).isEqualTo(note);
        assertThat(dryRun("DRAFT", Language.EN).activate().note()).isEqualTo(note
                + " The draft roster is not saved with the rules: change the roster through /api/v1/reps first.");
    }

    @Test
    void aSeniorityReadsInEitherLanguageAndAnUnknownPoolStaysItsCode() {
        assertThat(Arrays.stream(Seniority.values()).map(s -> LabViews.seniorityLabel(s.name(), Language.ZH)))
                .containsExactly("资深销售", "销售", "销售助理", "市场培育");
        assertThat(Arrays.stream(Seniority.values()).map(s -> LabViews.seniorityLabel(s.name(), Language.EN)))
                .containsExactly("Senior", "Junior", "Assistant", "Nurture");
        assertThat(LabViews.seniorityLabel("资深", Language.EN)).isEqualTo("Senior");
        assertThat(LabViews.seniorityLabel("ALL", Language.ZH)).isEqualTo("ALL");
        assertThat(LabViews.seniorityLabel(null, Language.EN)).isNull();
        LabViews.DryRunView v = dryRun("CURRENT", Language.EN);
        assertThat(v.replay().reps()).extracting(LabViews.RepLoadView::seniorityLabel)
                .containsExactly("Senior", "Junior", "Assistant", "Nurture");
    }
}
