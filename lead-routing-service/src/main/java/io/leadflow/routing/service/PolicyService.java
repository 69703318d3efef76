package io.leadflow.routing.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

import io.leadflow.events.rest.Problem;
import io.leadflow.events.rest.ProblemException;
import io.leadflow.routing.domain.AssignmentPolicy;
import io.leadflow.routing.domain.AssignmentRule;
import io.leadflow.routing.domain.GradingPolicy;
import io.leadflow.routing.domain.Violation;
import io.leadflow.routing.repository.Json;
import io.leadflow.routing.repository.PolicyRepository;
import io.leadflow.routing.repository.PolicyRepository.Kind;
import io.leadflow.routing.repository.RepEntity;
import io.leadflow.routing.repository.RepRepository;
import io.quarkus.runtime.StartupEvent;

/** The grading and assignment policies in force, and saving new versions of them. */
@ApplicationScoped
public class PolicyService {

    public record Versioned<T>(T policy, Instant createdAt) {
    }

    private final PolicyRepository policies;
    private final RepRepository reps;
    private final Clock clock;

    public PolicyService(PolicyRepository policies, RepRepository reps, Clock clock) {
        this.policies = policies;
        this.reps = reps;
        this.clock = clock;
    }

    /** Version 1 of each policy is the template's defaults; several instances starting at once insert it once. */
    @Transactional
    void seedDefaults(@Observes StartupEvent ignored) {
        policies.insert(Kind.GRADING, 1, Json.write(GradingPolicy.defaults()), clock.instant());
        policies.insert(Kind.ASSIGNMENT, 1, Json.write(AssignmentPolicy.defaults()), clock.instant());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Versioned<GradingPolicy> grading() {
        return policies.latest(Kind.GRADING)
                .map(s -> new Versioned<>(Json.read(s.json(), GradingPolicy.class).withVersion(s.version()), s.createdAt()))
                .orElseGet(() -> new Versioned<>(GradingPolicy.defaults(), null));
    }

    /** An earlier version, e.g. the one that graded a lead (its gradingPolicyVersion). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Versioned<GradingPolicy> grading(int version) {
        return policies.version(Kind.GRADING, version)
                .map(s -> new Versioned<>(Json.read(s.json(), GradingPolicy.class).withVersion(s.version()), s.createdAt()))
                .orElseThrow(() -> ProblemException.notFound("Grading policy version", Integer.toString(version)));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Versioned<AssignmentPolicy> assignment(int version) {
        return policies.version(Kind.ASSIGNMENT, version)
                .map(s -> {
                    AssignmentPolicy p = Json.read(s.json(), AssignmentPolicy.class);
                    return new Versioned<>(new AssignmentPolicy(s.version(), p.rules()), s.createdAt());
                })
                .orElseThrow(() -> ProblemException.notFound("Assignment policy version", Integer.toString(version)));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Versioned<AssignmentPolicy> assignment() {
        return policies.latest(Kind.ASSIGNMENT)
                .map(s -> {
                    AssignmentPolicy p = Json.read(s.json(), AssignmentPolicy.class);
                    return new Versioned<>(new AssignmentPolicy(s.version(), p.rules()), s.createdAt());
                })
                .orElseGet(() -> new Versioned<>(AssignmentPolicy.defaults(), null));
    }

    /** Saves a new version when valid; the previous policy stays in force otherwise. */
    @Transactional
    public Versioned<GradingPolicy> saveGrading(GradingPolicy typed, Integer basedOnVersion) {
        List<Violation> violations = typed.validate();
        if (!violations.isEmpty()) {
            throw invalid("The grading policy was not saved", violations);
        }
        policies.lockForWrite(Kind.GRADING);
        int current = grading().policy().version();
        checkBase(basedOnVersion, current, "grading");
        GradingPolicy saved = typed.withVersion(current + 1);
        Instant now = clock.instant();
        policies.insert(Kind.GRADING, saved.version(), Json.write(saved), now);
        return new Versioned<>(saved, now);
    }

    @Transactional
    public Versioned<AssignmentPolicy> saveAssignment(List<AssignmentRule> typed, Integer basedOnVersion) {
        Set<String> activeReps = reps.active().stream().map((RepEntity r) -> r.repId).collect(Collectors.toSet());
        AssignmentPolicy.Checked checked = AssignmentPolicy.check(typed, grading().policy(), activeReps);
        if (!checked.ok()) {
            throw invalid("The assignment policy was not saved", checked.violations());
        }
        policies.lockForWrite(Kind.ASSIGNMENT);
        int current = assignment().policy().version();
        checkBase(basedOnVersion, current, "assignment");
        AssignmentPolicy saved = new AssignmentPolicy(current + 1, checked.rules());
        Instant now = clock.instant();
        policies.insert(Kind.ASSIGNMENT, saved.version(), Json.write(saved), now);
        return new Versioned<>(saved, now);
    }

    private static void checkBase(Integer basedOnVersion, int current, String what) {
        if (basedOnVersion != null && basedOnVersion != current) {
            throw ProblemException.conflict("The " + what + " policy changed since version " + basedOnVersion
                    + " (now version " + current + "); reload it and apply your change again.");
        }
    }

    static ProblemException invalid(String what, List<Violation> violations) {
        String detail = what + ": " + (violations.size() == 1
                ? violations.get(0).field() + " " + violations.get(0).message() + "."
                : violations.size() + " problems; see errors.");
        return ProblemException.badRequest(detail,
                violations.stream().map(v -> new Problem.FieldError(v.field(), v.message())).toList());
    }
}
