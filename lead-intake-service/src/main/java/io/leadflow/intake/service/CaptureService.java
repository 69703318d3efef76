package io.leadflow.intake.service;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.leadflow.events.contract.LeadEvent;
import io.leadflow.events.contract.LeadProfile;
import io.leadflow.events.contract.Utm;
import io.leadflow.events.outbox.LeadEvents;
import io.leadflow.events.time.BusinessTime;
import io.leadflow.intake.domain.ContactCheck;
import io.leadflow.intake.domain.DuplicateKeys;
import io.leadflow.intake.domain.LeadDraft;
import io.leadflow.intake.domain.LeadIds;
import io.leadflow.intake.domain.Screening;
import io.leadflow.intake.repository.LeadEntity;
import io.leadflow.intake.repository.LeadRepository;
import io.leadflow.intake.repository.LeadStore;
import io.leadflow.intake.repository.TouchEntity;
import io.leadflow.intake.repository.TouchRepository;

/**
 * Captures a lead from any channel in one transaction: finds a duplicate (under advisory locks on its normalised
 * keys, so concurrent submissions of one person make one lead), or screens, numbers and stores a new lead; the
 * events go to the outbox in the same transaction.
 */
@ApplicationScoped
public class CaptureService {

    public enum Outcome { CREATED, DUPLICATE, ALREADY_IMPORTED }

    /** The channel of posts from the public (a website form): no one vouches for what they say. */
    private static final String PUBLIC = "FORM";

    /** {@code created} is the new lead as stored (only for {@link Outcome#CREATED}; read it back otherwise). */
    public record Result(Outcome outcome, String leadId, Screening.Verdict verdict, String matchedOn, String touchId,
                         LeadView created) {
    }

    private final Clock clock;
    private final BusinessTime businessTime;
    private final LeadEvents events;
    private final LeadStore store;
    private final PolicyService policies;
    private final LeadRepository leads;
    private final TouchRepository touches;

    public CaptureService(Clock clock, BusinessTime businessTime, LeadEvents events,
                          LeadStore store, PolicyService policies, LeadRepository leads, TouchRepository touches) {
        this.clock = clock;
        this.businessTime = businessTime;
        this.events = events;
        this.store = store;
        this.policies = policies;
        this.leads = leads;
        this.touches = touches;
    }

    /**
     * @param submitted     what was submitted, kept on the touch for the owner to read (erased with the lead)
     * @param consentSource where a consent in the draft was recorded ({@code form:<key> <origin>},
     *                      {@code staff:<user>}, {@code import:<id>}); kept on a new lead with the consent
     */
    @Transactional
    public Result capture(LeadDraft draft, String channel, Object submitted, String consentSource) {
        // Checked once per capture: parsing the phone number is the most expensive rule of a capture (JFR).
        ContactCheck contact = draft.contact();
        DuplicateKeys keys = DuplicateKeys.of(contact, draft.customerName());
        List<String> locks = new ArrayList<>(keys.lockKeys());
        if (draft.externalRef() != null) {
            locks.add(LeadStore.referenceKey(draft.externalRef()));
        }
        store.lock(locks);

        if (draft.externalRef() != null) {
            Optional<String> known = store.findByReference(draft.externalRef());
            if (known.isPresent()) {
                return new Result(Outcome.ALREADY_IMPORTED, known.get(), null, "EXTERNAL_REF", null, null);
            }
        }
        Optional<LeadStore.Match> duplicate = store.findDuplicate(keys, null);
        if (duplicate.isPresent()) {
            // Erased while this capture looked it up (the erasure held the row): nothing is added to an erased lead;
            // the person, back again, is a new lead. Merged meanwhile: the submission joins the lead it went into.
            LeadStore.Match match = duplicate.get();
            duplicate = store.lockLive(match.leadId()).map(live -> new LeadStore.Match(live, match.matchedOn()));
        }
        String possibleDuplicateOf = null;
        if (duplicate.isPresent()) {
            if (PUBLIC.equals(channel) && "COMPANY".equals(duplicate.get().matchedOn())) {
                // Anyone can type a company's name into a public form: that alone never merges a stranger's words
                // into someone else's lead. A lead of its own, linked for staff to judge.
                possibleDuplicateOf = duplicate.get().leadId();
            } else {
                return merge(duplicate.get(), draft, channel, submitted);
            }
        }

        PolicyService.Versioned policy = policies.current();
        Screening.Verdict verdict = Screening.screen(draft, contact, policy.policy(), policy.version());
        LeadEntity lead = new LeadEntity();
        lead.id = newId(draft);
        lead.externalRef = draft.externalRef();
        lead.channel = channel;
        LeadMapper.apply(draft, contact, keys, lead);
        if (possibleDuplicateOf != null) {
            lead.companyKey = null; // the company's key stays with the lead that has it
            lead.possibleDuplicateOf = possibleDuplicateOf;
        }
        lead.consentSource = draft.consent() == null ? null : consentSource;
        // stored to the microsecond, so the view answered now is the one a later read gives
        lead.capturedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        lead.registeredAt = lead.registeredAt == null ? null : lead.registeredAt.truncatedTo(ChronoUnit.MICROS);
        lead.consentAt = lead.consentAt == null ? null : lead.consentAt.truncatedTo(ChronoUnit.MICROS);
        lead.updatedAt = lead.capturedAt;
        applyVerdict(lead, verdict, lead.capturedAt);
        leads.persist(lead);
        TouchEntity touch = touch(lead.id, "ORIGINAL", null, channel, draft, submitted);
        touches.persist(touch);

        LeadProfile profile = LeadMapper.profile(lead);
        events.emit(lead.id, new LeadEvent.LeadCaptured(profile, channel));
        events.emit(lead.id, verdict.qualified()
                ? new LeadEvent.LeadQualified(profile, verdict.policyVersion())
                : new LeadEvent.LeadRejected(Wording.reasons(verdict), verdict.policyVersion(), lead.source,
                lead.registeredAt));
        return new Result(Outcome.CREATED, lead.id, verdict, null, touch.id, LeadView.of(lead));
    }

    private Result merge(LeadStore.Match match, LeadDraft draft, String channel, Object submitted) {
        TouchEntity touch = touch(match.leadId(), "DUPLICATE", match.matchedOn(), channel, draft, submitted);
        touches.persist(touch);
        events.emit(match.leadId(), new LeadEvent.DuplicateLeadMerged(touch.id, match.matchedOn(), touch.source,
                touch.sourceDetail, draft.utm(), touch.submittedAt));
        return new Result(Outcome.DUPLICATE, match.leadId(), null, match.matchedOn(), touch.id, null);
    }

    static void applyVerdict(LeadEntity lead, Screening.Verdict verdict, java.time.Instant at) {
        lead.status = verdict.status();
        lead.screenedAt = at;
        lead.screeningPolicyVersion = verdict.policyVersion();
        lead.rejectionReasons = verdict.qualified() ? null : LeadMapper.json(Wording.reasons(verdict));
    }

    /**
     * A lead moved in with its 线索编号 keeps it; any other lead is numbered in the business day of its registration.
     * A kept number never moves the day's counter (one imported {@code LX<day>999999} must not use up the day), so
     * the counter may reach a number a kept lead already has: that number is skipped.
     */
    private String newId(LeadDraft draft) {
        if (draft.externalRef() != null && LeadIds.parse(draft.externalRef()).filter(p -> p.sequence() > 0).isPresent()) {
            return draft.externalRef();
        }
        LocalDate day = LocalDate.ofInstant(draft.registeredAt(), businessTime.zone());
        while (true) {
            String id = LeadIds.format(day, store.nextSequence(day));
            if (store.claimId(id)) {
                return id;
            }
        }
    }

    private TouchEntity touch(String leadId, String kind, String matchedOn, String channel, LeadDraft draft,
                              Object submitted) {
        TouchEntity t = new TouchEntity();
        t.id = "TCH-" + UUID.randomUUID(); // not T-: follow-up's tasks are T-, and a frontend tells ids apart by prefix
        t.leadId = leadId;
        t.kind = kind;
        t.matchedOn = matchedOn;
        t.channel = channel;
        t.source = draft.source().name();
        t.sourceDetail = draft.sourceDetail();
        Utm utm = draft.utm();
        if (utm != null) {
            t.utmSource = utm.source();
            t.utmMedium = utm.medium();
            t.utmCampaign = utm.campaign();
            t.utmTerm = utm.term();
            t.utmContent = utm.content();
        }
        t.submittedAt = draft.registeredAt() != null ? draft.registeredAt() : clock.instant();
        t.submitted = LeadMapper.json(submitted);
        return t;
    }
}
