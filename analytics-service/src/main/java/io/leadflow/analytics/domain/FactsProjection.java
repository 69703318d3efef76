package io.leadflow.analytics.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import io.leadflow.events.contract.EventEnvelope;
import io.leadflow.events.contract.LeadEvent;
import io.leadflow.events.contract.LeadProfile;
import io.leadflow.events.contract.Reason;
import io.leadflow.events.contract.Utm;
import io.leadflow.events.logging.PersonalDataMask;
import io.leadflow.events.vocabulary.Stage;

/**
 * Folds one event into a lead's facts, whatever order the three topics deliver them in: every fact keeps the time
 * of the event that set it and only a newer event replaces it; first-of facts (first assignment, first response)
 * keep the earliest; counters rely on the caller applying each event once.
 *
 * <p>Personal data in {@link LeadProfile} (customer and contact names, phone, email, WeChat, need text, budget,
 * consent) is never copied, nor is the free text other events carry (regrade reasons, loss notes, next actions,
 * reassignment reasons, rep names). The few typed texts kept as dimensions (source detail, UTM values, win factors)
 * have anything that looks like a phone or an email masked, and are dropped for good once the lead is erased: an
 * erased lead keeps only ids, codes, dates, counts and amounts, so its numbers stay in every report.
 */
public final class FactsProjection {

    /** History a fact row does not hold: every grade, every stage move, every SLA breach. */
    public sealed interface HistoryEntry permits GradeEntry, StageEntry, SlaBreachEntry {
    }

    /** Without the regrade reason: a person typed it and it may name the customer. */
    public record GradeEntry(UUID eventId, String grade, Integer score, String previousGrade, boolean given,
                             Instant occurredAt) implements HistoryEntry {
    }

    public record StageEntry(UUID eventId, String fromStage, String toStage, String ownerId, Instant occurredAt)
            implements HistoryEntry {
    }

    public record SlaBreachEntry(UUID eventId, String grade, String source, String ownerId, Instant assignedAt,
                                 Instant deadline, Instant occurredAt) implements HistoryEntry {
    }

    private final ZoneId zone;

    public FactsProjection(ZoneId zone) {
        this.zone = Objects.requireNonNull(zone);
    }

    /** Applies {@code event} to {@code facts} in place and answers the history rows it adds. */
    public List<HistoryEntry> apply(LeadFacts facts, EventEnvelope event) {
        Instant at = event.occurredAt();
        List<HistoryEntry> history = new ArrayList<>();
        LeadEvent payload = event.payload();
        if (payload instanceof LeadEvent.LeadCaptured e) {
            if (facts.channel == null) {
                facts.channel = e.channel();
            }
            profile(facts, e.lead(), at, true);
        } else if (payload instanceof LeadEvent.LeadQualified e) {
            profile(facts, e.lead(), at, false);
            if (newer(at, facts.screeningAt)) {
                facts.screening = "QUALIFIED";
                facts.screeningAt = at;
                facts.rejectionReasons = new ArrayList<>();
            }
        } else if (payload instanceof LeadEvent.LeadRejected e) {
            if (facts.source == null) {
                facts.source = e.source();
            }
            if (facts.registeredAt == null) {
                // Until the capture is read this dates the lead, so a rejected lead counts in its period's source
                // quality either way: by the registration the event carries, else by the screening (moments after
                // capture for a lead captured now).
                registered(facts, e.registeredAt() != null ? e.registeredAt() : at);
            }
            if (newer(at, facts.screeningAt)) {
                facts.screening = "REJECTED";
                facts.screeningAt = at;
                facts.rejectionReasons = e.reasons() == null ? new ArrayList<>()
                        : new ArrayList<>(e.reasons().stream().map(Reason::code).filter(Objects::nonNull)
                        .distinct().toList());
            }
        } else if (payload instanceof LeadEvent.LeadUpdated e) {
            profile(facts, e.lead(), at, false);
        } else if (payload instanceof LeadEvent.DuplicateLeadMerged e) {
            facts.mergedTouches++;
        } else if (payload instanceof LeadEvent.LeadMerged e) {
            // A duplicate of another lead: it counts nowhere from now on, whatever event comes after.
            facts.mergedInto = e.intoLeadId();
            facts.registeredOn = null;
            facts.registeredMonth = null;
        } else if (payload instanceof LeadEvent.LeadErased e) {
            // Ids, codes and numbers stay (no one is identified by them); typed texts go, see forgetTexts.
            facts.erasedAt = earliest(facts.erasedAt, at);
        } else if (payload instanceof LeadEvent.LeadGraded e) {
            history.add(new GradeEntry(event.eventId(), e.grade(), e.score(), e.previousGrade(), e.given(), at));
            if (e.previousGrade() != null) {
                facts.gradeChanges++;
            }
            if (newer(at, facts.gradeAt)) {
                facts.grade = e.grade();
                facts.gradeScore = e.score();
                facts.gradeAt = at;
            }
        } else if (payload instanceof LeadEvent.LeadAssigned e) {
            facts.assignedAt = earliest(facts.assignedAt, at);
            owner(facts, e.ownerId(), at);
            if (facts.grade == null) {
                // Grade as routing knew it when assigning; a LeadGraded (with its time) replaces it.
                facts.grade = e.grade();
            }
            if (facts.source == null) {
                facts.source = e.source();
            }
        } else if (payload instanceof LeadEvent.LeadReassigned e) {
            facts.reassignments++;
            owner(facts, e.ownerId(), at);
        } else if (payload instanceof LeadEvent.FollowUpLogged e) {
            boolean happened = !"PLANNED".equalsIgnoreCase(e.status());
            if (happened) {
                facts.touches++;
            }
            if (happened && e.humanTouch()) {
                Instant contacted = e.contactedAt() != null ? e.contactedAt() : at;
                facts.firstResponseAt = earliest(facts.firstResponseAt, contacted);
                facts.maxStageRank = Math.max(facts.maxStageRank, Stage.CONTACTED.rank());
            }
            ownerIfUnknown(facts, e.ownerId());
        } else if (payload instanceof LeadEvent.FollowUpScheduled e) {
            ownerIfUnknown(facts, e.ownerId());
        } else if (payload instanceof LeadEvent.FollowUpTaskClosed e) {
            ownerIfUnknown(facts, e.ownerId());
        } else if (payload instanceof LeadEvent.LeadStageChanged e) {
            // Dated when it happened: a stage change recorded from history counts its time in stage from then.
            Instant changedAt = e.changedAt(at);
            history.add(new StageEntry(event.eventId(), e.fromStage(), e.toStage(), e.ownerId(), changedAt));
            if (newer(changedAt, facts.stageAt)) {
                facts.stage = e.toStage();
                facts.stageAt = changedAt;
            }
            facts.maxStageRank = Math.max(facts.maxStageRank, Stage.rankOf(e.toStage()));
            ownerIfUnknown(facts, e.ownerId());
        } else if (payload instanceof LeadEvent.LeadWon e) {
            if (newer(at, facts.outcomeAt)) {
                facts.outcome = "WON";
                facts.outcomeAt = at;
                facts.wonOn = e.wonOn() != null ? e.wonOn() : LocalDate.ofInstant(at, zone);
                facts.lostOn = null;
                facts.lossReason = null;
                facts.amount = e.amount() == null ? null : e.amount().amount();
                facts.currency = e.amount() == null ? null : e.amount().currency();
                facts.winFactors = e.winFactors() == null ? new ArrayList<>()
                        : new ArrayList<>(e.winFactors().stream().filter(Objects::nonNull).map(String::trim)
                        .filter(s -> !s.isEmpty()).map(PersonalDataMask::mask).distinct().toList());
            }
            facts.maxStageRank = Math.max(facts.maxStageRank, Stage.WON.rank());
            ownerIfUnknown(facts, e.ownerId());
        } else if (payload instanceof LeadEvent.LeadLost e) {
            if (newer(at, facts.outcomeAt)) {
                facts.outcome = "LOST";
                facts.outcomeAt = at;
                facts.lostOn = e.lostOn() != null ? e.lostOn() : LocalDate.ofInstant(at, zone);
                facts.wonOn = null;
                facts.amount = null;
                facts.currency = null;
                facts.winFactors = new ArrayList<>();
                // The note is free text a rep typed and may name people; only the reason code is kept.
                facts.lossReason = e.reason();
            }
            ownerIfUnknown(facts, e.ownerId());
        } else if (payload instanceof LeadEvent.FirstResponseSlaBreached e) {
            history.add(new SlaBreachEntry(event.eventId(), e.grade(), e.source(), e.ownerId(), e.assignedAt(),
                    e.deadline(), at));
            facts.slaBreaches++;
            facts.slaDeadline = earliest(facts.slaDeadline, e.deadline());
            if (facts.source == null) {
                facts.source = e.source();
            }
            if (facts.grade == null) {
                facts.grade = e.grade();
            }
            ownerIfUnknown(facts, e.ownerId());
        }
        // RegradeRequested is a request, not a grade: routing answers with a LeadGraded if it agrees.
        if (facts.erasedAt != null) {
            // Whatever order the topics deliver in (and on every replay), an erased lead never gets its texts back.
            forgetTexts(facts);
        }
        facts.lastEventAt = latest(facts.lastEventAt, at);
        facts.cycleDays = cycleDays(facts);
        return history;
    }

    /**
     * What erasure removes from an erased lead's facts: the texts a person typed or a URL carried, which could name
     * or reach someone (a referrer in the source detail, a searched name in the UTM term, a win factor quoting the
     * customer). Codes, dates, counts, amounts and the owner's staff id stay, so reports keep their totals.
     */
    public static void forgetTexts(LeadFacts facts) {
        facts.sourceDetail = null;
        facts.utmTerm = null;
        facts.utmContent = null;
        facts.winFactors = new ArrayList<>();
    }

    /** Days from registration to the deal, both as business dates; null until both are known. */
    public static Integer cycleDays(LeadFacts facts) {
        if (!facts.isWon() || facts.wonOn == null || facts.registeredOn == null) {
            return null;
        }
        return Math.toIntExact(ChronoUnit.DAYS.between(facts.registeredOn, facts.wonOn));
    }

    private void profile(LeadFacts facts, LeadProfile lead, Instant at, boolean captured) {
        if (lead == null) {
            return;
        }
        // A registration date the profile states wins when it is the newest profile; the capture time stands in
        // only while none is known (a historical import states its own).
        if (lead.registeredAt() != null && (facts.registeredAt == null || newer(at, facts.profileAt))) {
            registered(facts, lead.registeredAt());
        } else if (captured && facts.registeredAt == null) {
            registered(facts, at);
        }
        if (!newer(at, facts.profileAt)) {
            return;
        }
        facts.profileAt = at;
        facts.source = lead.source();
        facts.sourceDetail = PersonalDataMask.mask(lead.sourceDetail());
        Utm utm = lead.utm();
        facts.utmSource = utm == null ? null : PersonalDataMask.mask(utm.source());
        facts.utmMedium = utm == null ? null : PersonalDataMask.mask(utm.medium());
        facts.utmCampaign = utm == null ? null : PersonalDataMask.mask(utm.campaign());
        facts.utmTerm = utm == null ? null : PersonalDataMask.mask(utm.term());
        facts.utmContent = utm == null ? null : PersonalDataMask.mask(utm.content());
        facts.industry = PersonalDataMask.mask(lead.industry());
        facts.region = PersonalDataMask.mask(lead.region());
        facts.companySize = lead.companySize();
        facts.customerType = lead.customerType();
        facts.declaredIntent = lead.declaredIntent();
        facts.decisionCycleDays = lead.decisionCycleDays();
    }

    /** The registration, and the day the lead counts in reports: none for a lead merged into another. */
    private void registered(LeadFacts facts, Instant registeredAt) {
        facts.registeredAt = registeredAt;
        if (facts.mergedInto == null) {
            facts.registeredOn = LocalDate.ofInstant(registeredAt, zone);
            facts.registeredMonth = facts.registeredOn.withDayOfMonth(1);
        }
    }

    private static void owner(LeadFacts facts, String ownerId, Instant at) {
        if (ownerId != null && newer(at, facts.ownerAt)) {
            facts.ownerId = ownerId;
            facts.ownerAt = at;
        }
    }

    /** Follow-up names the owner it acted for; that is a fallback until routing's assignment is read. */
    private static void ownerIfUnknown(LeadFacts facts, String ownerId) {
        if (facts.ownerId == null && ownerId != null) {
            facts.ownerId = ownerId;
        }
    }

    /** Ties go to the event being applied: of two events at the same instant the later-read one is kept. */
    static boolean newer(Instant at, Instant current) {
        return current == null || !at.isBefore(current);
    }

    private static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }

    private static Instant latest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }
}
