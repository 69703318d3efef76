package io.leadflow.intake.service;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.leadflow.intake.domain.Ownership;
import io.leadflow.intake.repository.LeadChangeRepository;
import io.leadflow.intake.repository.LeadStore;

/**
 * Keeps the owner routing assigned on the lead, so that intake can answer a sales rep with their own leads only;
 * each change is audited on the lead's change history (field {@code ownerId}) with the producer and the reason.
 */
@ApplicationScoped
public class OwnerService {

    private static final Logger LOG = Logger.getLogger(OwnerService.class);

    private final LeadStore store;
    private final LeadChangeRepository changes;

    public OwnerService(LeadStore store, LeadChangeRepository changes) {
        this.store = store;
        this.changes = changes;
    }

    @Transactional
    public void announced(String leadId, String ownerId, Instant at, String by, String reason) {
        Optional<LeadStore.Owner> current = store.lockOwner(leadId);
        if (current.isEmpty()) {
            // Every lead starts here and its capture commits before routing can hear of it; a stranger id can only
            // come from another deployment's topic or a hand-made event, and retrying it would never succeed.
            LOG.warnf("Owner announced for lead %s, which intake does not know; ignored", leadId);
            return;
        }
        LeadStore.Owner owner = current.get();
        if (!Ownership.changes(owner.ownerId(), owner.since(), ownerId, at)) {
            return;
        }
        store.setOwner(leadId, ownerId, at);
        changes.record(leadId, "ownerId", owner.ownerId(), ownerId, by, at,
                reason == null || reason.length() <= 500 ? reason : reason.substring(0, 500));
    }
}
