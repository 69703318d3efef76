package io.leadflow.intake.service;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
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
     * One submission to capture.
     *
     * @param submitted     what was submitted, kept on the touch for the owner to read (erased with the lead)
     * @param consentSource where a consent in the draft was recorded ({@code form:<key> <origin>},
     *                      {@code staff:<user>}, {@code import:<id>}); kept on a new lead with the consent
     */
    public record Submission(LeadDraft draft, String channel, Object submitted, String consentSource) {
    }

    @Transactional
    public Result capture(LeadDraft draft, String channel, Object submitted, String consentSource) {
        return captureAll(List.of(new Submission(draft, channel, submitted, consentSource))).get(0);
    }

    /**
     * Captures submissions in one transaction, each exactly as if captured alone after the ones before it (a later
     * row of a sheet naming the same person as an earlier one joins the lead the earlier one became), with the
     * database asked once for all of them: their keys locked in one statement, the leads holding their keys and
     * references read in one each, their numbers taken in one, their events written in one round trip. A single
     * capture is a batch of one.
     */
    @Transactional
    public List<Result> captureAll(List<Submission> submissions) {
        List<Pending> pending = new ArrayList<>(submissions.size());
        Set<String> locks = new TreeSet<>();
        Set<String> references = new LinkedHashSet<>();
        Set<String> phones = new HashSet<>();
        Set<String> emails = new HashSet<>();
        Set<String> companies = new HashSet<>();
        for (Submission submission : submissions) {
            // Checked once per capture: parsing the phone number is the most expensive rule of a capture (JFR).
            ContactCheck contact = submission.draft().contact();
            DuplicateKeys keys = DuplicateKeys.of(contact, submission.draft().customerName());
            locks.addAll(keys.lockKeys());
            String reference = submission.draft().externalRef();
            if (reference != null) {
                locks.add(LeadStore.referenceKey(reference));
                references.add(reference);
            }
            addIfPresent(phones, keys.phone());
            addIfPresent(emails, keys.email());
            addIfPresent(companies, keys.company());
            pending.add(new Pending(submission, contact, keys));
        }
        store.lock(new ArrayList<>(locks));

        Map<String, Lead> byReference = new HashMap<>();
        store.findByReferences(references).forEach((reference, leadId) -> byReference.put(reference, Lead.of(leadId)));
        Holders holders = new Holders(store.keyHolders(phones, emails, companies));
        for (Pending p : pending) {
            decide(p, byReference, holders);
        }
        number(pending, references);

        PolicyService.Versioned policy = policies.current();
        List<LeadEntity> created = new ArrayList<>();
        List<TouchEntity> newTouches = new ArrayList<>();
        List<LeadEvents.Emission> emissions = new ArrayList<>();
        List<Result> results = new ArrayList<>(pending.size());
        for (Pending p : pending) {
            LeadDraft draft = p.submission.draft();
            String channel = p.submission.channel();
            if (p.outcome == Outcome.ALREADY_IMPORTED) {
                results.add(new Result(Outcome.ALREADY_IMPORTED, p.lead.id, null, "EXTERNAL_REF", null, null));
            } else if (p.outcome == Outcome.DUPLICATE) {
                TouchEntity touch = touch(p.lead.id, "DUPLICATE", p.matchedOn, channel, draft, p.submission.submitted());
                newTouches.add(touch);
                emissions.add(new LeadEvents.Emission(p.lead.id, new LeadEvent.DuplicateLeadMerged(touch.id,
                        p.matchedOn, touch.source, touch.sourceDetail, draft.utm(), touch.submittedAt)));
                results.add(new Result(Outcome.DUPLICATE, p.lead.id, null, p.matchedOn, touch.id, null));
            } else {
                Screening.Verdict verdict = Screening.screen(draft, p.contact, policy.policy(), policy.version());
                LeadEntity lead = newLead(p, verdict);
                created.add(lead);
                TouchEntity touch = touch(lead.id, "ORIGINAL", null, channel, draft, p.submission.submitted());
                newTouches.add(touch);
                LeadProfile profile = LeadMapper.profile(lead);
                emissions.add(new LeadEvents.Emission(lead.id, new LeadEvent.LeadCaptured(profile, channel)));
                emissions.add(new LeadEvents.Emission(lead.id, verdict.qualified()
                        ? new LeadEvent.LeadQualified(profile, verdict.policyVersion())
                        : new LeadEvent.LeadRejected(Wording.reasons(verdict), verdict.policyVersion(), lead.source,
                        lead.registeredAt)));
                results.add(new Result(Outcome.CREATED, lead.id, verdict, null, touch.id, LeadView.of(lead)));
            }
        }
        // Leads before touches (a touch names its lead), each kind together, so that their inserts go in batches.
        created.forEach(leads::persist);
        newTouches.forEach(touches::persist);
        events.emitAll(emissions);
        return results;
    }

    /** A submission on its way: what it was found to be, and the lead it is or joins. */
    private static final class Pending {
        final Submission submission;
        final ContactCheck contact;
        final DuplicateKeys keys;
        Outcome outcome;
        /** The lead it became (CREATED), joins (DUPLICATE) or already is (ALREADY_IMPORTED). */
        Lead lead;
        String matchedOn;
        /** A lead whose company alone the public submission named: linked, never joined. */
        Lead possibleDuplicateOf;

        Pending(Submission submission, ContactCheck contact, DuplicateKeys keys) {
            this.submission = submission;
            this.contact = contact;
            this.keys = keys;
        }
    }

    /** A lead in the database, or one this batch makes: its number is known once the batch has numbered its leads. */
    private static final class Lead {
        String id;
        /** In the database: it must be found live (and locked) before a submission joins it. */
        final boolean stored;

        private Lead(String id, boolean stored) {
            this.id = id;
            this.stored = stored;
        }

        static Lead of(String storedId) {
            return new Lead(storedId, true);
        }
    }

    /** Who holds each phone, email and company key: leads in the database, then the leads this batch made. */
    private static final class Holders {
        final Map<String, Lead> phone = new HashMap<>();
        final Map<String, Lead> email = new HashMap<>();
        final Map<String, Lead> company = new HashMap<>();

        Holders(List<LeadStore.KeyHolder> stored) {
            for (LeadStore.KeyHolder h : stored) {
                Lead lead = Lead.of(h.answers());
                putIfPresent(phone, h.phoneKey(), lead);
                putIfPresent(email, h.emailKey(), lead);
                putIfPresent(company, h.companyKey(), lead);
            }
        }

        /** The lead a submission with these keys joins, as the database's lookup answers: phone, email, company. */
        Joined joined(DuplicateKeys keys) {
            Lead lead = get(phone, keys.phone());
            if (lead != null) {
                return new Joined(lead, "PHONE");
            }
            lead = get(email, keys.email());
            if (lead != null) {
                return new Joined(lead, "EMAIL");
            }
            lead = get(company, keys.company());
            return lead == null ? null : new Joined(lead, "COMPANY");
        }

        private static Lead get(Map<String, Lead> map, String key) {
            return key == null ? null : map.get(key);
        }

        static void putIfPresent(Map<String, Lead> map, String key, Lead lead) {
            if (key != null) {
                map.put(key, lead);
            }
        }
    }

    private record Joined(Lead lead, String matchedOn) {
    }

    /** Decides what the submission is, given the database and the submissions before it in the batch. */
    private void decide(Pending p, Map<String, Lead> byReference, Holders holders) {
        String reference = p.submission.draft().externalRef();
        if (reference != null && byReference.containsKey(reference)) {
            p.outcome = Outcome.ALREADY_IMPORTED;
            p.lead = byReference.get(reference);
            return;
        }
        Joined joined = holders.joined(p.keys);
        Lead joins = joined == null ? null : joined.lead();
        if (joins != null && joins.stored) {
            // Erased while this capture looked it up (the erasure held the row): nothing is added to an erased lead;
            // the person, back again, is a new lead. Merged meanwhile: the submission joins the lead it went into.
            joins = store.lockLive(joins.id).map(Lead::of).orElse(null);
        }
        if (joins != null) {
            if (PUBLIC.equals(p.submission.channel()) && "COMPANY".equals(joined.matchedOn())) {
                // Anyone can type a company's name into a public form: that alone never merges a stranger's words
                // into someone else's lead. A lead of its own, linked for staff to judge.
                p.possibleDuplicateOf = joins;
            } else {
                p.outcome = Outcome.DUPLICATE;
                p.lead = joins;
                p.matchedOn = joined.matchedOn();
                return;
            }
        }
        p.outcome = Outcome.CREATED;
        p.lead = new Lead(null, false);
        Holders.putIfPresent(holders.phone, p.keys.phone(), p.lead);
        Holders.putIfPresent(holders.email, p.keys.email(), p.lead);
        if (p.possibleDuplicateOf == null) {
            Holders.putIfPresent(holders.company, p.keys.company(), p.lead); // else the key stays with its lead
        }
        if (reference != null) {
            byReference.put(reference, p.lead);
        }
    }

    /**
     * Numbers the batch's new leads. A lead moved in with its 线索编号 keeps it; any other lead is numbered in the
     * business day of its registration, all of a day's from one advance of its counter. A kept number never moves
     * the day's counter (one imported {@code LX<day>999999} must not use up the day), so the counter may reach a
     * number a lead already has, in the database or in this batch: that number is skipped.
     */
    private void number(List<Pending> pending, Set<String> references) {
        SortedMap<LocalDate, Integer> perDay = new TreeMap<>();
        List<Pending> counted = new ArrayList<>();
        for (Pending p : pending) {
            if (p.outcome != Outcome.CREATED) {
                continue;
            }
            String reference = p.submission.draft().externalRef();
            if (reference != null && LeadIds.parse(reference).filter(id -> id.sequence() > 0).isPresent()) {
                p.lead.id = reference;
            } else {
                perDay.merge(day(p), 1, Integer::sum);
                counted.add(p);
            }
        }
        if (counted.isEmpty()) {
            return;
        }
        Map<LocalDate, Integer> next = new HashMap<>(store.nextSequences(perDay));
        List<String> numbers = new ArrayList<>(counted.size());
        for (Pending p : counted) {
            numbers.add(LeadIds.format(day(p), next.merge(day(p), 1, Integer::sum) - 1));
        }
        Set<String> claimed = store.claimIds(numbers.stream().filter(id -> !references.contains(id)).toList());
        for (int i = 0; i < counted.size(); i++) {
            Pending p = counted.get(i);
            String id = numbers.get(i);
            while (!claimed.contains(id)) {
                id = LeadIds.format(day(p), store.nextSequence(day(p)));
                if (!references.contains(id) && store.claimId(id)) {
                    break;
                }
            }
            p.lead.id = id;
        }
    }

    private LocalDate day(Pending p) {
        return LocalDate.ofInstant(p.submission.draft().registeredAt(), businessTime.zone());
    }

    private LeadEntity newLead(Pending p, Screening.Verdict verdict) {
        LeadDraft draft = p.submission.draft();
        LeadEntity lead = new LeadEntity();
        lead.id = p.lead.id;
        lead.externalRef = draft.externalRef();
        lead.channel = p.submission.channel();
        LeadMapper.apply(draft, p.contact, p.keys, lead);
        if (p.possibleDuplicateOf != null) {
            lead.companyKey = null; // the company's key stays with the lead that has it
            lead.possibleDuplicateOf = p.possibleDuplicateOf.id;
        }
        lead.consentSource = draft.consent() == null ? null : p.submission.consentSource();
        // stored to the microsecond, so the view answered now is the one a later read gives
        lead.capturedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        lead.registeredAt = lead.registeredAt == null ? null : lead.registeredAt.truncatedTo(ChronoUnit.MICROS);
        lead.consentAt = lead.consentAt == null ? null : lead.consentAt.truncatedTo(ChronoUnit.MICROS);
        lead.updatedAt = lead.capturedAt;
        applyVerdict(lead, verdict, lead.capturedAt);
        return lead;
    }

    private static void addIfPresent(Set<String> set, String key) {
        if (key != null) {
            set.add(key);
        }
    }

    static void applyVerdict(LeadEntity lead, Screening.Verdict verdict, java.time.Instant at) {
        lead.status = verdict.status();
        lead.screenedAt = at;
        lead.screeningPolicyVersion = verdict.policyVersion();
        lead.rejectionReasons = verdict.qualified() ? null : LeadMapper.json(Wording.reasons(verdict));
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
