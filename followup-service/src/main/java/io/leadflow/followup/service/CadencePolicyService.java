package io.leadflow.followup.service;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.leadflow.events.contract.LeadEvent;
import io.leadflow.events.contract.PolicyTrial;
import io.leadflow.events.domain.InvalidInput;
import io.leadflow.events.domain.NotFound;
import io.leadflow.events.domain.NotPermitted;
import io.leadflow.events.domain.RuleBroken;
import io.leadflow.events.outbox.LeadEvents;
import io.leadflow.events.rest.Page;
import io.leadflow.events.time.BusinessTime;
import io.leadflow.events.tx.PerTransaction;
import io.leadflow.followup.domain.Actor;
import io.leadflow.followup.domain.CadencePolicy;
import io.leadflow.followup.repository.CadencePolicyEntity;
import io.leadflow.followup.repository.CadencePolicyRepository;
import io.quarkus.panache.common.Sort;

/** The versioned cadence policy: the template's defaults until someone changes it. */
@ApplicationScoped
public class CadencePolicyService {

    /** The template's defaults: in force until the first PUT, never stored. */
    public static final int DEFAULTS_VERSION = 1;

    private final CadencePolicyRepository repository;
    private final ObjectMapper json;
    private final BusinessTime businessTime;
    private final Clock clock;
    private final LeadEvents events;
    /** The newest version parsed once: every task a lead's cadence schedules asks for the policy in force. */
    private final AtomicReference<CadencePolicy> inForce = new AtomicReference<>();

    /** Key of the newest version's number, read once per transaction (PerTransaction). */
    private static final Object LATEST_VERSION = new Object();
    private final TransactionSynchronizationRegistry transactions;

    public CadencePolicyService(TransactionSynchronizationRegistry transactions, CadencePolicyRepository repository,
                                ObjectMapper json, BusinessTime businessTime, Clock clock,
                                LeadEvents events) {
        this.transactions = transactions;
        this.repository = repository;
        this.events = events;
        this.json = json;
        this.businessTime = businessTime;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public CadencePolicy current() {
        // once per transaction: a poll's events (one transaction) schedule under one version
        int latest = PerTransaction.once(transactions, LATEST_VERSION, repository::latestVersion);
        if (latest == 0) {
            return CadencePolicy.defaults(businessTime.zone());
        }
        CadencePolicy known = inForce.get();
        if (known != null && known.version() == latest) {
            return known;
        }
        // versions are never changed once written, so the number just read names a row that stays as it is
        CadencePolicy parsed = toDomain(repository.findById(latest));
        inForce.set(parsed);
        return parsed;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public CadencePolicyDocument currentDocument() {
        return repository.latest()
                .map(this::toDocument)
                .orElseGet(this::defaultsDocument);
    }

    /** One version of the policy as it was published; version 1 is the template's defaults. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public CadencePolicyDocument document(int version) {
        if (version == DEFAULTS_VERSION) {
            return defaultsDocument();
        }
        return repository.findByIdOptional(version).map(this::toDocument)
                .orElseThrow(() -> new NotFound("Cadence policy version", String.valueOf(version)));
    }

    /**
     * The policy's history, newest first: every version with who published it, when and why. Version 1 (the
     * template's defaults, never stored) is the oldest.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<PolicyVersionView> versions(Page.PageRequest page) {
        long stored = repository.count();
        int current = repository.latest().map(e -> e.version).orElse(DEFAULTS_VERSION);
        List<PolicyVersionView> items = new ArrayList<>(repository.findAll(Sort.by("version", Sort.Direction.Descending))
                .page(page.page(), page.size()).list().stream()
                .map(e -> new PolicyVersionView(e.version, e.changedBy, time(e.changedAt), e.changeReason,
                        e.version == current, trial(e)))
                .toList());
        if (page.offset() <= stored && page.offset() + page.size() > stored) {
            items.add(new PolicyVersionView(DEFAULTS_VERSION, null, null, "the template's defaults",
                    current == DEFAULTS_VERSION, null));
        }
        return page.of(items, stored + 1);
    }

    private CadencePolicyDocument toDocument(CadencePolicyEntity e) {
        return CadencePolicies.toDocument(toDomain(e), e.changeReason, e.changedBy, e.changedAt).withTried(trial(e));
    }

    private PolicyTrial trial(CadencePolicyEntity e) {
        if (e.tried == null) {
            return null;
        }
        try {
            return json.readValue(e.tried, PolicyTrial.class);
        } catch (JsonProcessingException x) {
            throw new IllegalStateException("the what-if of cadence policy version " + e.version + " is unreadable", x);
        }
    }

    private CadencePolicyDocument defaultsDocument() {
        return CadencePolicies.toDocument(CadencePolicy.defaults(businessTime.zone()), "the template's defaults", null, null);
    }

    private OffsetDateTime time(Instant at) {
        return at == null ? null : at.atZone(businessTime.zone()).toOffsetDateTime();
    }

    /** A new version; existing tasks keep the version that scheduled them, new schedules use this one. */
    @Transactional
    public CadencePolicyDocument replace(CadencePolicyDocument document, Actor actor) {
        return replace(document, actor, null);
    }

    /**
     * A new version activated from a what-if: its figures are kept with the version and published with it.
     *
     * @param trial the headline of the what-if (run again by the caller over the period the PUT names), or null
     */
    @Transactional
    public CadencePolicyDocument replace(CadencePolicyDocument document, Actor actor, PolicyTrial trial) {
        if (!actor.isManager()) {
            throw new NotPermitted("Only a sales manager or an admin may change the cadence policy.");
        }
        int current = repository.latest().map(e -> e.version).orElse(DEFAULTS_VERSION);
        if (document != null && document.version() != null && document.version() != current) {
            throw new RuleBroken("The cadence policy is at version " + current + ", not " + document.version()
                    + "; reload it and apply your change again.");
        }
        CadencePolicy policy = CadencePolicies.toDomain(document, current + 1, businessTime.zone());
        String stored;
        String tried;
        try {
            stored = json.writeValueAsString(CadencePolicies.toDocument(policy, null, null, null));
            tried = trial == null ? null : json.writeValueAsString(trial);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String reason = document.changeReason() == null || document.changeReason().isBlank() ? null
                : document.changeReason().trim();
        if (reason != null && reason.length() > 1000) {
            throw InvalidInput.of("changeReason", "is " + reason.length() + " characters long; keep it under 1000");
        }
        Instant now = clock.instant();
        if (!repository.insertVersion(policy.version(), stored, actor.userId(), now, reason, tried)) {
            throw new RuleBroken("Someone else changed the cadence policy at the same moment; reload it and try again.");
        }
        PerTransaction.forget(transactions, LATEST_VERSION);
        // in the version's transaction, so it is announced exactly when it exists (analytics' monthly review)
        events.emit(new LeadEvent.PolicyVersionPublished("CADENCE", policy.version(), actor.userId(), reason, now,
                trial));
        return CadencePolicies.toDocument(policy, reason, actor.userId(), now).withTried(trial);
    }

    private CadencePolicy toDomain(CadencePolicyEntity entity) {
        try {
            CadencePolicyDocument doc = json.readValue(entity.document, CadencePolicyDocument.class);
            return CadencePolicies.toDomain(doc, entity.version, businessTime.zone());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cadence policy version " + entity.version + " is unreadable", e);
        }
    }
}
