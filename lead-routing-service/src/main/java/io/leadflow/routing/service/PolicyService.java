package io.leadflow.routing.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import io.leadflow.events.contract.LeadEvent;
import io.leadflow.events.contract.PolicyTrial;
import io.leadflow.events.domain.InvalidInput;
import io.leadflow.events.domain.NotFound;
import io.leadflow.events.domain.RuleBroken;
import io.leadflow.events.domain.Text;
import io.leadflow.events.domain.Violation;
import io.leadflow.events.outbox.LeadEvents;
import io.leadflow.events.rest.Page;
import io.leadflow.events.security.Caller;
import io.leadflow.events.tx.PerTransaction;
import io.leadflow.routing.domain.AssignmentPolicy;
import io.leadflow.routing.domain.AssignmentRule;
import io.leadflow.routing.domain.GradingPolicy;
import io.leadflow.routing.repository.Json;
import io.leadflow.routing.repository.PolicyRepository.Kind;
import io.leadflow.routing.repository.PolicyRepository;
import io.leadflow.routing.repository.RepEntity;
import io.leadflow.routing.repository.RepRepository;
import io.quarkus.runtime.StartupEvent;

/** The grading and assignment policies in force, and saving new versions of them. */
@ApplicationScoped
public class PolicyService {

    /**
     * A policy version with who saved it, when and why ("system" for the seeded defaults).
     *
     * @param backtest the period and headline figures of the backtest or dry run it was activated from (JSON), or null
     */
    public record Versioned<T>(T policy, Instant createdAt, String changedBy, String reason, String backtest) {
    }

    public static final String SYSTEM = "system";
    static final String DEFAULTS_REASON = "the template's defaults";

    private final PolicyRepository policies;
    private final RepRepository reps;
    private final Caller caller;
    private final Clock clock;
    private final LeadEvents events;
    private final TransactionSynchronizationRegistry transactions;
    private final java.util.Map<Kind, Known> inForce = new java.util.concurrent.ConcurrentHashMap<>();
    /** Keys of the version numbers read once per transaction (PerTransaction). */
    private final java.util.Map<Kind, Object> versionKeys = java.util.Map.of(Kind.GRADING, new Object(),
            Kind.ASSIGNMENT, new Object());

    public PolicyService(PolicyRepository policies, RepRepository reps, Caller caller, Clock clock, LeadEvents events,
                         TransactionSynchronizationRegistry transactions) {
        this.transactions = transactions;
        this.events = events;
        this.policies = policies;
        this.reps = reps;
        this.caller = caller;
        this.clock = clock;
    }

    /** Version 1 of each policy is the template's defaults; several instances starting at once insert it once. */
    @Transactional
    void seedDefaults(@Observes StartupEvent ignored) {
        policies.insert(Kind.GRADING, 1, Json.write(GradingPolicy.defaults()), clock.instant(), SYSTEM, DEFAULTS_REASON);
        policies.insert(Kind.ASSIGNMENT, 1, Json.write(AssignmentPolicy.defaults()), clock.instant(), SYSTEM,
                DEFAULTS_REASON);
    }

    /**
     * The grading policy in force. Versions never change once written, so each kind's newest parsed version is kept
     * and only its number is read, once per transaction (an index-only lookup): a version saved through another
     * instance is in force here from the next transaction on (the next lead, or the next poll of leads), without
     * every lead reading and parsing the policy's JSON again.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Versioned<GradingPolicy> grading() {
        return inForce(Kind.GRADING, PolicyService::grading,
                () -> new Versioned<>(GradingPolicy.defaults(), null, SYSTEM, DEFAULTS_REASON, null));
    }

    /** An earlier version, e.g. the one that graded a lead (its gradingPolicyVersion). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Versioned<GradingPolicy> grading(int version) {
        return policies.version(Kind.GRADING, version)
                .map(PolicyService::grading)
                .orElseThrow(() -> new NotFound("Grading policy version", Integer.toString(version)));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Versioned<AssignmentPolicy> assignment(int version) {
        return policies.version(Kind.ASSIGNMENT, version)
                .map(PolicyService::assignment)
                .orElseThrow(() -> new NotFound("Assignment policy version", Integer.toString(version)));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Versioned<AssignmentPolicy> assignment() {
        return inForce(Kind.ASSIGNMENT, PolicyService::assignment,
                () -> new Versioned<>(AssignmentPolicy.defaults(), null, SYSTEM, DEFAULTS_REASON, null));
    }

    private record Known(int version, Versioned<?> policy) {
    }

    /** The newest version of {@code kind}, parsed once per version: only its number is read each time. */
    @SuppressWarnings("unchecked")
    private <T> Versioned<T> inForce(Kind kind, java.util.function.Function<PolicyRepository.Stored, Versioned<T>> parse,
                                     java.util.function.Supplier<Versioned<T>> defaults) {
        int latest = PerTransaction.once(transactions, versionKeys.get(kind), () -> policies.latestVersion(kind));
        if (latest == 0) {
            return defaults.get();
        }
        Known known = inForce.get(kind);
        if (known != null && known.version() == latest) {
            return (Versioned<T>) known.policy();
        }
        // versions are never deleted or changed, so the number just read names a row that stays as it is
        Versioned<T> read = parse.apply(policies.version(kind, latest).orElseThrow());
        inForce.put(kind, new Known(latest, read));
        return read;
    }

    private static Versioned<GradingPolicy> grading(PolicyRepository.Stored s) {
        return new Versioned<>(Json.read(s.json(), GradingPolicy.class).withVersion(s.version()), s.createdAt(),
                s.changedBy(), s.reason(), s.backtest());
    }

    private static Versioned<AssignmentPolicy> assignment(PolicyRepository.Stored s) {
        AssignmentPolicy p = Json.read(s.json(), AssignmentPolicy.class);
        return new Versioned<>(new AssignmentPolicy(s.version(), p.rules()), s.createdAt(), s.changedBy(), s.reason(),
                s.backtest());
    }

    // ---- audit ----------------------------------------------------------------------------------------------

    /** Every version of the grading policy, newest first: who saved it, when, why, and who applied it. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<Views.GradingPolicyVersion> gradingVersions(Page.PageRequest page) {
        Page<PolicyRepository.VersionInfo> found = page.of(policies.versions(Kind.GRADING, page.offset(),
                page.size()), policies.count(Kind.GRADING));
        int inForce = grading().policy().version();
        Map<Integer, List<Views.RegradeRun>> runs = policies.regrades(
                        found.items().stream().map(PolicyRepository.VersionInfo::version).toList()).stream()
                .collect(Collectors.groupingBy(PolicyRepository.RegradeRun::policyVersion,
                        Collectors.mapping(Views.RegradeRun::of, Collectors.toList())));
        return new Page<>(found.items().stream().map(v -> new Views.GradingPolicyVersion(v.version(), v.changedBy(),
                v.changedAt(), v.reason(), v.version() == inForce, runs.getOrDefault(v.version(), List.of()),
                Views.backtest(v.backtest()))).toList(), found.page(), found.size(), found.total());
    }

    /** Every version of the assignment rules, newest first: who saved it, when and why. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<Views.AssignmentPolicyVersion> assignmentVersions(Page.PageRequest page) {
        Page<PolicyRepository.VersionInfo> found = page.of(policies.versions(Kind.ASSIGNMENT, page.offset(),
                page.size()), policies.count(Kind.ASSIGNMENT));
        int inForce = assignment().policy().version();
        return new Page<>(found.items().stream().map(v -> new Views.AssignmentPolicyVersion(v.version(),
                v.changedBy(), v.changedAt(), v.reason(), v.version() == inForce, Views.backtest(v.backtest())))
                .toList(), found.page(), found.size(), found.total());
    }

    /** A grading policy version as answered, with who applied it to the open leads. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Views.GradingPolicyView view(Versioned<GradingPolicy> v) {
        GradingPolicy p = v.policy();
        List<Views.RegradeRun> runs = policies.regrades(List.of(p.version())).stream().map(Views.RegradeRun::of)
                .toList();
        return new Views.GradingPolicyView(p.version(), v.createdAt(), v.changedBy(), v.createdAt(), v.reason(),
                p.maxScore(), p.levels(), p.rules(), runs, Views.backtest(v.backtest()));
    }

    /** An assignment policy version as answered. */
    public static Views.AssignmentPolicyView assignmentView(Versioned<AssignmentPolicy> v) {
        return new Views.AssignmentPolicyView(v.policy().version(), v.createdAt(), v.changedBy(), v.createdAt(),
                v.reason(), v.policy().rules(), Views.backtest(v.backtest()));
    }

    /** Saves a new version when valid; the previous policy stays in force otherwise. */
    @Transactional
    public Versioned<GradingPolicy> saveGrading(GradingPolicy typed, Integer basedOnVersion, String reason) {
        return saveGrading(typed, basedOnVersion, reason, null, null);
    }

    /**
     * @param backtest the figures the version was tried on (JSON, computed by the policy lab), or null
     * @param trial    their headline, published with the version; null when it was not tried first
     */
    @Transactional
    public Versioned<GradingPolicy> saveGrading(GradingPolicy typed, Integer basedOnVersion, String reason,
                                                String backtest, PolicyTrial trial) {
        List<Violation> violations = typed.validate();
        if (!violations.isEmpty()) {
            throw new InvalidInput("The grading policy was not saved", violations);
        }
        policies.lockForWrite(Kind.GRADING);
        PerTransaction.forget(transactions, versionKeys.get(Kind.GRADING)); // the newest version, read under the lock
        int current = grading().policy().version();
        checkBase(basedOnVersion, current, "grading");
        GradingPolicy saved = typed.withVersion(current + 1);
        Instant now = clock.instant();
        String by = caller.id();
        String why = Text.orNull(reason);
        policies.insert(Kind.GRADING, saved.version(), Json.write(saved), now, by, why, backtest);
        PerTransaction.forget(transactions, versionKeys.get(Kind.GRADING));
        publish("GRADING", saved.version(), by, why, now, trial);
        return new Versioned<>(saved, now, by, why, backtest);
    }

    @Transactional
    public Versioned<AssignmentPolicy> saveAssignment(List<AssignmentRule> typed, Integer basedOnVersion, String reason) {
        return saveAssignment(typed, basedOnVersion, reason, null, null);
    }

    /**
     * @param backtest the figures of the dry run the rules were tried in (JSON, computed by the policy lab), or null
     * @param trial    their headline, published with the version; null when it was not tried first
     */
    @Transactional
    public Versioned<AssignmentPolicy> saveAssignment(List<AssignmentRule> typed, Integer basedOnVersion, String reason,
                                                      String backtest, PolicyTrial trial) {
        Set<String> activeReps = reps.active().stream().map((RepEntity r) -> r.repId).collect(Collectors.toSet());
        AssignmentPolicy.Checked checked = AssignmentPolicy.check(typed, grading().policy(), activeReps);
        if (!checked.ok()) {
            throw new InvalidInput("The assignment policy was not saved", checked.violations());
        }
        policies.lockForWrite(Kind.ASSIGNMENT);
        PerTransaction.forget(transactions, versionKeys.get(Kind.ASSIGNMENT)); // the newest version, read under the lock
        int current = assignment().policy().version();
        checkBase(basedOnVersion, current, "assignment");
        AssignmentPolicy saved = new AssignmentPolicy(current + 1, checked.rules());
        Instant now = clock.instant();
        String by = caller.id();
        String why = Text.orNull(reason);
        policies.insert(Kind.ASSIGNMENT, saved.version(), Json.write(saved), now, by, why, backtest);
        PerTransaction.forget(transactions, versionKeys.get(Kind.ASSIGNMENT));
        publish("ASSIGNMENT", saved.version(), by, why, now, trial);
        return new Versioned<>(saved, now, by, why, backtest);
    }

    /** In the save's transaction, so the version is announced exactly when it exists (analytics' monthly review). */
    private void publish(String policy, int version, String by, String why, Instant at, PolicyTrial trial) {
        events.emit(new LeadEvent.PolicyVersionPublished(policy, version, by, why, at, trial));
    }

    private static void checkBase(Integer basedOnVersion, int current, String what) {
        if (basedOnVersion != null && basedOnVersion != current) {
            throw new RuleBroken("The " + what + " policy changed since version " + basedOnVersion
                    + " (now version " + current + "); reload it and apply your change again.");
        }
    }
}
