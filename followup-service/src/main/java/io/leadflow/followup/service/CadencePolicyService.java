package io.leadflow.followup.service;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.leadflow.events.rest.ProblemException;
import io.leadflow.events.time.BusinessTime;
import io.leadflow.followup.domain.Actor;
import io.leadflow.followup.domain.CadencePolicy;
import io.leadflow.followup.domain.NotPermitted;
import io.leadflow.followup.repository.CadencePolicyEntity;
import io.leadflow.followup.repository.CadencePolicyRepository;

/** The versioned cadence policy: the template's defaults until someone changes it. */
@ApplicationScoped
public class CadencePolicyService {

    private final CadencePolicyRepository repository;
    private final ObjectMapper json;
    private final BusinessTime businessTime;
    private final Clock clock;

    public CadencePolicyService(CadencePolicyRepository repository, ObjectMapper json, BusinessTime businessTime, Clock clock) {
        this.repository = repository;
        this.json = json;
        this.businessTime = businessTime;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public CadencePolicy current() {
        return repository.latest().map(this::toDomain).orElseGet(() -> CadencePolicy.defaults(businessTime.zone()));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public CadencePolicyDocument currentDocument() {
        return repository.latest()
                .map(e -> CadencePolicies.toDocument(toDomain(e), e.changedBy, e.changedAt))
                .orElseGet(() -> CadencePolicies.toDocument(CadencePolicy.defaults(businessTime.zone()), null, null));
    }

    /** A new version; existing tasks keep the version that scheduled them, new schedules use this one. */
    @Transactional
    public CadencePolicyDocument replace(CadencePolicyDocument document, Actor actor) {
        if (!actor.isManager()) {
            throw new NotPermitted("Only a sales manager or an admin may change the cadence policy.");
        }
        int current = repository.latest().map(e -> e.version).orElse(1);
        if (document != null && document.version() != null && document.version() != current) {
            throw ProblemException.conflict("The cadence policy is at version " + current + ", not " + document.version()
                    + "; reload it and apply your change again.");
        }
        CadencePolicy policy = CadencePolicies.toDomain(document, current + 1, businessTime.zone());
        String stored;
        try {
            stored = json.writeValueAsString(CadencePolicies.toDocument(policy, null, null));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        if (!repository.insertVersion(policy.version(), stored, actor.userId(), clock.instant())) {
            throw ProblemException.conflict("Someone else changed the cadence policy at the same moment; reload it and try again.");
        }
        return CadencePolicies.toDocument(policy, actor.userId(), clock.instant());
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
