package io.leadflow.intake.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.leadflow.events.contract.LeadEvent;
import io.leadflow.events.domain.NotFound;
import io.leadflow.events.domain.Refusal;
import io.leadflow.events.outbox.LeadEvents;
import io.leadflow.intake.domain.ContactCheck;
import io.leadflow.intake.domain.DuplicateKeys;
import io.leadflow.intake.repository.LeadChangeRepository;
import io.leadflow.intake.repository.LeadEntity;
import io.leadflow.intake.repository.LeadRepository;
import io.leadflow.intake.repository.LeadStore;
import io.leadflow.intake.repository.TouchRepository;

/** A person's right to be forgotten, at intake: their lead, its touches and audit, and every service told. */
@ApplicationScoped
public class LeadErasure {

    private static final java.time.Duration ERASE_LOCK_TIMEOUT = java.time.Duration.ofSeconds(5);

    private final Clock clock;
    private final LeadEvents events;
    private final LeadStore store;
    private final LeadRepository leads;
    private final TouchRepository touches;
    private final LeadChangeRepository changes;

    public LeadErasure(Clock clock, LeadEvents events, LeadStore store, LeadRepository leads, TouchRepository touches,
                       LeadChangeRepository changes) {
        this.clock = clock;
        this.events = events;
        this.store = store;
        this.leads = leads;
        this.touches = touches;
        this.changes = changes;
    }

    /**
     * Erases the lead's personal data and tells every service through {@code LeadErased}. Afterwards no table of
     * this service holds the lead's contact, names, need, consent wording, rejection texts, what its touches carried,
     * audited values and reasons, its import rows' reasons or its form Idempotency-Keys, and its events are forgotten
     * like every service's ({@link LeadEvents#forget}: published ones deleted, waiting ones sent without personal
     * data, then deleted too); ErasureTest searches every text column to prove it. The anonymous facts
     * (source, channel, dates, industry, region, size, budget, verdict code) stay for analytics. Erasing an erased
     * lead changes nothing and sends nothing.
     */
    @Transactional
    public void erase(String id, String actor, String reason) {
        // The lead's row is locked first, as a merge locks it: a duplicate submission either commits its touch before
        // the erasure starts (and the erasure clears it) or waits and finds the lead erased (and makes its own lead).
        LeadEntity lead = id == null ? null : leads.lock(id);
        if (lead == null) {
            throw new NotFound("Lead", id);
        }
        if ("ERASED".equals(lead.status)) {
            return;
        }
        if (!store.eraseTraces(id, contactKeys(lead, "phone"), contactKeys(lead, "email"), ERASE_LOCK_TIMEOUT)) {
            throw new Refusal(Refusal.Kind.BUSY, "busy", "Another change holds the lead's form posts or import rows "
                    + "right now; nothing was erased. Retry in a few seconds.", List.of(), java.time.Duration.ofSeconds(5));
        }
        events.forget(id);
        Instant now = clock.instant();
        lead.status = "ERASED";
        lead.customerName = null;
        lead.contactName = null;
        lead.phone = null;
        lead.phoneRaw = null;
        lead.email = null;
        lead.wechat = null;
        lead.needDescription = null;
        lead.consentText = null;
        lead.consentSource = null;
        lead.rejectionReasons = null;
        lead.budgetText = null;
        lead.decisionCycleText = null;
        lead.phoneKey = null;
        lead.emailKey = null;
        lead.companyKey = null;
        lead.erasedAt = now;
        lead.erasedBy = actor;
        lead.updatedAt = now;
        // Its touches, and those it brought to a lead it was merged into: the person's words wherever they went.
        touches.forgetWords(id);
        // Leads merged into it no longer send submissions here; their people are kept apart and erasable on their own.
        leads.releaseKeysOfMergedInto(id);
        changes.forgetValues(id);
        events.emit(id, new LeadEvent.LeadErased(actor, reason));
    }

    /**
     * The person's phones (or emails) as duplicate keys: the lead's own and every one a correction replaced or set,
     * read from the audit before the erasure blanks it; an import row naming any of them holds the same person.
     */
    private Set<String> contactKeys(LeadEntity lead, String field) {
        Set<String> keys = new TreeSet<>();
        List<String> values = new ArrayList<>();
        changes.changesOf(lead.id, field)
                .forEach(c -> java.util.Collections.addAll(values, c.oldValue, c.newValue));
        for (String value : values) {
            if (value != null) {
                ContactCheck contact = "phone".equals(field) ? ContactCheck.of(value, null) : ContactCheck.of(null, value);
                String key = "phone".equals(field) ? contact.phoneE164() : DuplicateKeys.emailKey(contact);
                if (key != null) {
                    keys.add(key);
                }
            }
        }
        String own = "phone".equals(field) ? lead.phoneKey : lead.emailKey;
        if (own != null) {
            keys.add(own);
        }
        return keys;
    }
}
