package io.leadflow.intake.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.leadflow.events.contract.EventJson;
import io.leadflow.events.contract.LeadEvent;
import io.leadflow.events.domain.InvalidInput;
import io.leadflow.events.domain.NotFound;
import io.leadflow.events.domain.RuleBroken;
import io.leadflow.events.domain.Violation;
import io.leadflow.events.outbox.LeadEvents;
import io.leadflow.events.vocabulary.Language;
import io.leadflow.intake.domain.ScreeningPolicy;
import io.leadflow.intake.repository.LeadStore;
import io.leadflow.intake.repository.ScreeningPolicyEntity;
import io.leadflow.intake.repository.ScreeningPolicyRepository;

/** The versioned screening policy: the highest version is in force; versions are never changed once written. */
@ApplicationScoped
public class PolicyService {

    public record Versioned(int version, ScreeningPolicy policy, Instant changedAt, String changedBy, String reason) {
    }

    /** One line of the policy's history: who put which version in force, when and why. */
    public record VersionInfo(int version, String changedBy, Instant changedAt, String reason) {
    }

    private final Clock clock;
    private final LeadStore store;
    private final LeadEvents events;
    private final ScreeningPolicyRepository versions;
    private volatile Versioned inForce;

    public PolicyService(Clock clock, LeadStore store, LeadEvents events, ScreeningPolicyRepository versions) {
        this.clock = clock;
        this.store = store;
        this.events = events;
        this.versions = versions;
    }

    /**
     * The version in force. Versions are immutable once written, so the parsed policy is kept and only the number
     * of the newest version is asked for on each capture (an index-only lookup): a policy written through another
     * instance is in force here from the next capture on, as before, without each capture loading and parsing the
     * policy's JSON (a quarter of a capture's CPU in deploy/bench's profile).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Versioned current() {
        int latest = store.latestPolicyVersion();
        if (latest == 0) {
            return new Versioned(0, ScreeningPolicy.defaults(), Instant.EPOCH, "system", null);
        }
        Versioned known = inForce;
        if (known != null && known.version() == latest) {
            return known;
        }
        // versions are never deleted or changed, so the number just read names a row that stays as it is
        Versioned read = of(versions.findById(latest));
        inForce = read;
        return read;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Versioned version(int version) {
        ScreeningPolicyEntity e = versions.findById(version);
        if (e == null) {
            throw new NotFound("Screening policy version", String.valueOf(version));
        }
        return of(e);
    }

    /** The policy's history, newest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public io.leadflow.events.rest.Page<VersionInfo> history(io.leadflow.events.rest.Page.PageRequest page) {
        long total = versions.count();
        List<ScreeningPolicyEntity> rows = versions.newestFirst(page.page(), page.size());
        return page.of(rows.stream().map(e -> new VersionInfo(e.version, e.createdBy, e.createdAt, e.reason))
                .toList(), total);
    }

    /**
     * Puts a new version in force. With {@code expectedVersion} the change is refused (409) when someone else
     * changed the policy since it was read.
     */
    @Transactional
    public Versioned replace(ScreeningPolicy policy, Integer expectedVersion, String actor, String reason) {
        List<Violation> problems = policy.problems().stream()
                .map(p -> new Violation(p.field(), Wording.text(Language.EN, p.said()))).toList();
        if (!problems.isEmpty()) {
            throw InvalidInput.stated(problems.size() == 1
                            ? "Field '" + problems.get(0).field() + "' " + problems.get(0).message() + "."
                            : problems.size() + " fields of the policy are invalid; see errors.", problems);
        }
        store.lock(List.of("screening-policy"));
        Versioned current = current();
        if (expectedVersion != null && expectedVersion != current.version()) {
            throw new RuleBroken("The screening policy is at version " + current.version()
                    + ", not " + expectedVersion + "; read it again and reapply your change.");
        }
        ScreeningPolicyEntity e = new ScreeningPolicyEntity();
        e.version = current.version() + 1;
        e.policy = LeadMapper.json(policy);
        e.createdAt = clock.instant();
        e.createdBy = actor;
        e.reason = reason;
        versions.persist(e);
        // in the version's transaction, so it is announced exactly when it exists (analytics' monthly review)
        events.emit(new LeadEvent.PolicyVersionPublished("SCREENING", e.version, actor, reason, e.createdAt, null));
        return of(e);
    }

    private static Versioned of(ScreeningPolicyEntity e) {
        try {
            ScreeningPolicy p = EventJson.mapper().readValue(e.policy, ScreeningPolicy.class);
            return new Versioned(e.version, p, e.createdAt, e.createdBy, e.reason);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("Screening policy " + e.version + " is not readable", ex);
        }
    }
}
