package io.leadflow.routing.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.leadflow.events.contract.PolicyTrial;
import io.leadflow.events.domain.InvalidInput;
import io.leadflow.events.domain.Violation;
import io.leadflow.events.security.Caller;
import io.leadflow.events.time.BusinessTime;
import io.leadflow.events.time.LabPeriod;
import io.leadflow.routing.domain.AssignmentDryRun;
import io.leadflow.routing.domain.AssignmentPolicy;
import io.leadflow.routing.domain.AssignmentRule;
import io.leadflow.routing.domain.Candidate;
import io.leadflow.routing.domain.GradingBacktest;
import io.leadflow.routing.domain.GradingPolicy;
import io.leadflow.routing.domain.Rate;
import io.leadflow.routing.domain.Seniority;
import io.leadflow.routing.repository.Json;
import io.leadflow.routing.repository.PolicyLabRepository;
import io.leadflow.routing.repository.RepEntity;
import io.leadflow.routing.repository.RepRepository;

/**
 * The policy lab: a draft grading policy graded over a past period's leads, a draft assignment policy (and roster)
 * replayed over a period's arrivals, both from routing's own data and with the same domain code as live routing.
 * Nothing is stored and nothing is published; activating a tried version stores the figures with it.
 */
@ApplicationScoped
public class PolicyLabService {

    /** Which period, as sent: {@code period} (2026-Q3) or {@code from}/{@code to}. */
    public record PeriodInput(String period, String from, String to) {
    }

    public record Backtest(LabPeriod period, int currentVersion, GradingPolicy draft,
                           GradingBacktest.GivenGrades givenGrades, GradingBacktest.Result result, long erasedLeft,
                           String ranBy, Instant ranAt) {
    }

    /** @param roster CURRENT (the active reps) or DRAFT (the roster sent with the dry run) */
    public record DryRun(LabPeriod period, int currentVersion, AssignmentPolicy draft, String roster,
                         AssignmentDryRun.Result replay, AssignmentDryRun.Result actual, String ranBy, Instant ranAt) {
    }

    private final PolicyService policies;
    private final PolicyLabRepository lab;
    private final RepRepository reps;
    private final Caller caller;
    private final Clock clock;
    private final ZoneId zone;

    public PolicyLabService(PolicyService policies, PolicyLabRepository lab, RepRepository reps, Caller caller,
                            Clock clock, BusinessTime time) {
        this.policies = policies;
        this.lab = lab;
        this.reps = reps;
        this.caller = caller;
        this.clock = clock;
        this.zone = time.zone();
    }

    // ---- grading -------------------------------------------------------------------------------------------

    /** Grades the period's leads under the policy in force and the draft; reads only. */
    @Transactional
    public Backtest backtest(GradingPolicy typed, PeriodInput when, String givenGrades) {
        List<Violation> violations = new ArrayList<>(typed.validate());
        GradingBacktest.GivenGrades mode = givenGrades(givenGrades, violations);
        LabPeriod period = period(when, violations);
        if (!violations.isEmpty()) {
            throw new InvalidInput("The backtest was not run", violations);
        }
        GradingPolicy current = policies.grading().policy();
        GradingPolicy draft = typed.withVersion(0);
        GradingBacktest backtest = new GradingBacktest(current, draft, mode);
        Instant start = period.start(zone);
        Instant end = period.end(zone);
        lab.registeredIn(start, end, (profile, status) -> backtest.add(profile, outcome(status)));
        return new Backtest(period, current.version(), draft, mode, backtest.result(), lab.erasedIn(start, end),
                caller.id(), clock.instant());
    }

    /**
     * Saves the draft as the new version with the backtest it was decided on: the backtest runs again here for exactly
     * the version saved (figures a client sends are never taken), and a reason is required.
     */
    @Transactional
    public PolicyService.Versioned<GradingPolicy> activateGrading(GradingPolicy typed, Integer basedOnVersion,
                                                                  String reason, PeriodInput when, String givenGrades) {
        requireReason(reason);
        Backtest run = backtest(typed, when, givenGrades);
        return policies.saveGrading(typed, basedOnVersion, reason, Json.write(headline(run)), trial(run));
    }

    /** What the versions list shows of a backtest: the period, the leads and each policy's separation. */
    public static Map<String, Object> headline(Backtest run) {
        GradingBacktest.Result r = run.result();
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("kind", "GRADING_BACKTEST");
        h.put("from", run.period().from().toString());
        h.put("to", run.period().to().toString());
        h.put("givenGrades", run.givenGrades().name());
        h.put("leads", r.all().leads());
        h.put("won", r.all().won());
        h.put("open", r.all().open());
        h.put("comparedWithVersion", run.currentVersion());
        h.put("before", separation(r.current()));
        h.put("after", separation(r.draft()));
        h.put("movedUp", r.up().leads());
        h.put("movedDown", r.down().leads());
        h.put("ranBy", run.ranBy());
        h.put("ranAt", run.ranAt().toString());
        return h;
    }

    /** What the published version says it was tried on: the top grade's lift under the policy in force and the draft. */
    public static PolicyTrial trial(Backtest run) {
        GradingBacktest.Result r = run.result();
        return new PolicyTrial("GRADING_BACKTEST", run.period().from(), run.period().to(), (int) r.all().leads(),
                "TOP_GRADE_LIFT", r.current().separation().lift(), r.draft().separation().lift(), run.ranBy(),
                run.ranAt());
    }

    private static Map<String, Object> separation(GradingBacktest.PolicyResult p) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("topGrade", p.separation().topGrade());
        s.put("topWinRate", p.separation().topWinRate().percent());
        s.put("lift", p.separation().lift());
        s.put("auc", p.separation().auc());
        return s;
    }

    // ---- assignment ----------------------------------------------------------------------------------------

    /** Replays the period's arrivals through the draft rules (and roster), beside what really happened; reads only. */
    @Transactional
    public DryRun dryRun(List<AssignmentRule> typed, List<RosterService.RepInput> draftRoster, PeriodInput when) {
        List<Violation> violations = new ArrayList<>();
        LabPeriod period = period(when, violations);
        List<Candidate> roster = draftRoster == null ? currentRoster() : draftRoster(draftRoster, violations);
        Set<String> repIds = roster.stream().map(Candidate::repId).collect(Collectors.toSet());
        GradingPolicy grading = policies.grading().policy();
        AssignmentPolicy.Checked checked = AssignmentPolicy.check(typed, grading, repIds);
        violations.addAll(checked.violations());
        if (!violations.isEmpty()) {
            throw new InvalidInput("The dry run was not run", violations);
        }
        AssignmentPolicy draft = new AssignmentPolicy(0, checked.rules());
        Instant start = period.start(zone);
        Instant end = period.end(zone);
        List<AssignmentDryRun.Arrival> arrivals = lab.arrivals(start, end);
        List<AssignmentDryRun.PastAssignment> owners = lab.ownersDuring(start, end);
        List<AssignmentDryRun.Held> held = owners.stream().filter(a -> a.assignedAt().isBefore(start))
                .map(a -> new AssignmentDryRun.Held(a.repId(), a.endedAt())).toList();
        String top = grading.codes().get(0);
        return new DryRun(period, policies.assignment().policy().version(), draft,
                draftRoster == null ? "CURRENT" : "DRAFT",
                AssignmentDryRun.replay(draft, roster, held, arrivals, start, end, zone, top),
                AssignmentDryRun.actual(owners, arrivals, start, end, zone, top), caller.id(), clock.instant());
    }

    /**
     * Saves the rules as the new version with the dry run they were decided on, run again here with the roster in
     * force (a PUT of the rules does not change the roster); a reason is required.
     */
    @Transactional
    public PolicyService.Versioned<AssignmentPolicy> activateAssignment(List<AssignmentRule> typed,
                                                                        Integer basedOnVersion, String reason,
                                                                        PeriodInput when) {
        requireReason(reason);
        DryRun run = dryRun(typed, null, when);
        return policies.saveAssignment(typed, basedOnVersion, reason, Json.write(headline(run)), trial(run));
    }

    public static Map<String, Object> headline(DryRun run) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("kind", "ASSIGNMENT_DRY_RUN");
        h.put("from", run.period().from().toString());
        h.put("to", run.period().to().toString());
        h.put("roster", run.roster());
        h.put("leads", run.replay().leads());
        h.put("comparedWithVersion", run.currentVersion());
        h.put("replay", figures(run.replay()));
        h.put("actual", figures(run.actual()));
        h.put("ranBy", run.ranBy());
        h.put("ranAt", run.ranAt().toString());
        return h;
    }

    /** What the published version says it was tried on: top-grade leads reaching a senior rep, really and replayed. */
    public static PolicyTrial trial(DryRun run) {
        return new PolicyTrial("ASSIGNMENT_DRY_RUN", run.period().from(), run.period().to(), (int) run.replay().leads(),
                "TOP_GRADE_TO_SENIOR_PERCENT", percent(run.actual().topToSenior().share()),
                percent(run.replay().topToSenior().share()), run.ranBy(), run.ranAt());
    }

    private static BigDecimal percent(Rate rate) {
        return rate.value() == null ? null : rate.value().movePointRight(2).setScale(1, RoundingMode.HALF_UP);
    }

    private static Map<String, Object> figures(AssignmentDryRun.Result r) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("topGradeToSenior", r.topToSenior().share().percent());
        f.put("overflow", r.overflow().leads());
        f.put("neverAssigned", r.overflow().neverAssigned());
        f.put("peakOpen", r.reps().stream().mapToInt(AssignmentDryRun.RepLoad::peakOpen).max().orElse(0));
        f.put("gini", r.fairness().stream().collect(Collectors.toMap(x -> x.pool(),
                x -> x.gini() == null ? "" : x.gini().toPlainString(), (a, b) -> a, LinkedHashMap::new)));
        return f;
    }

    // ---- shared --------------------------------------------------------------------------------------------

    private List<Candidate> currentRoster() {
        List<Candidate> out = new ArrayList<>();
        for (RepEntity r : reps.active()) {
            out.add(new Candidate(r.repId, r.name, Seniority.valueOf(r.seniority), Json.strings(r.industries),
                    Json.strings(r.regions), r.capacity, 0, true, "AVAILABLE", r.lastTurn));
        }
        return out;
    }

    /** A roster as RepResource accepts reps, checked the same way, but never saved and never against the real one. */
    static List<Candidate> draftRoster(List<RosterService.RepInput> typed, List<Violation> errors) {
        List<Candidate> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        if (typed.isEmpty() || typed.size() > 1_000) {
            errors.add(new Violation("roster", "must list 1 to 1000 reps (leave it out to use the roster in force)"));
            return out;
        }
        for (int i = 0; i < typed.size(); i++) {
            RosterService.RepInput in = typed.get(i);
            String at = "roster[" + i + "]";
            if (in == null) {
                errors.add(new Violation(at, "must not be null"));
                continue;
            }
            String id = in.id() == null ? "" : in.id().strip();
            if (!id.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
                errors.add(new Violation(at + ".id", "must be letters, digits, '.', '-' or '_' (at most 64), e.g. rep-li"));
            } else if (!ids.add(id.toLowerCase(Locale.ROOT))) {
                errors.add(new Violation(at + ".id", "'" + id + "' is used by two reps"));
            }
            Seniority seniority = in.seniority() == null ? null : Seniority.parse(in.seniority()).orElse(null);
            if (seniority == null) {
                errors.add(new Violation(at + ".seniority", "must be one of SENIOR, JUNIOR, ASSISTANT, NURTURE"
                        + " (资深销售, 销售, 销售助理, 市场培育)"));
            }
            if (in.capacity() == null || in.capacity() < 0 || in.capacity() > RosterService.MAX_CAPACITY) {
                errors.add(new Violation(at + ".capacity", "must be between 0 and " + RosterService.MAX_CAPACITY
                        + " open leads"));
            }
            String name = in.name() == null || in.name().isBlank() ? id : in.name().strip();
            out.add(new Candidate(id, name, seniority == null ? Seniority.JUNIOR : seniority, words(in.industries()),
                    words(in.regions()), in.capacity() == null ? 0 : in.capacity(), 0, true, "AVAILABLE", i));
        }
        return out;
    }

    private static List<String> words(List<String> in) {
        return in == null ? List.of() : in.stream().filter(w -> w != null && !w.isBlank()).map(String::strip).toList();
    }

    private static LabPeriod period(PeriodInput when, List<Violation> violations) {
        try {
            return LabPeriod.parse(when.period(), when.from(), when.to());
        } catch (LabPeriod.Invalid e) {
            violations.add(new Violation(e.field(), e.reason()));
            return null;
        }
    }

    private static GradingBacktest.GivenGrades givenGrades(String typed, List<Violation> violations) {
        if (typed == null || typed.isBlank()) {
            return GradingBacktest.GivenGrades.KEEP;
        }
        try {
            return GradingBacktest.GivenGrades.valueOf(typed.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            violations.add(new Violation("givenGrades", "must be KEEP (as live grading: a given 意向等级 stays) or "
                    + "SCORE (the rules grade every lead)"));
            return null;
        }
    }

    private static GradingBacktest.Outcome outcome(String status) {
        return switch (status) {
            case "WON" -> GradingBacktest.Outcome.WON;
            case "LOST" -> GradingBacktest.Outcome.LOST;
            default -> GradingBacktest.Outcome.OPEN;
        };
    }

    private static void requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw InvalidInput.stated("A version activated from a backtest needs a reason: why this change, "
                    + "on these figures.", List.of(new Violation("reason",
                    "must be given with backtest, e.g. 季度回测：高意向成交率更高")));
        }
    }
}
