package io.leadflow.intake.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.leadflow.events.contract.LeadEvent;
import io.leadflow.events.domain.InvalidInput;
import io.leadflow.events.domain.NotFound;
import io.leadflow.events.domain.RuleBroken;
import io.leadflow.events.domain.Violation;
import io.leadflow.events.outbox.LeadEvents;
import io.leadflow.events.rest.EntityTags;
import io.leadflow.intake.repository.LeadChangeRepository;
import io.leadflow.intake.repository.LeadEntity;
import io.leadflow.intake.repository.LeadRepository;
import io.leadflow.intake.repository.LeadStore;
import io.leadflow.intake.repository.TouchEntity;
import io.leadflow.intake.repository.TouchRepository;

/**
 * Staff's judgement on a possible duplicate: merge it into the lead it duplicates, or keep it apart for good.
 *
 * <p>A merge moves the lead's touches to the lead it goes into (each remembering where it came from, so erasing the
 * merged lead still finds its person's words there), hands over the phone, email and company keys that lead lacks,
 * points every later submission matching the merged lead's keys at it, and announces {@code LeadMerged} on the merged
 * lead (routing ends its assignment, follow-up cancels its tasks, analytics stops counting it) and a
 * {@code DuplicateLeadMerged} per moved touch on the other. The merged lead keeps its row and its person's data:
 * each person stays erasable apart.
 */
@ApplicationScoped
public class LeadMerge {

    public static final String STAFF = "STAFF";

    /** @param touchesMoved how many touches the merge moved (0 when the lead was already merged there) */
    public record Merged(LeadView merged, LeadView into, int touchesMoved) {
    }

    private final Clock clock;
    private final LeadEvents events;
    private final LeadStore store;
    private final EntityTags tags;
    private final LeadRepository leads;
    private final TouchRepository touches;
    private final LeadChangeRepository changes;

    public LeadMerge(Clock clock, LeadEvents events, LeadStore store, EntityTags tags, LeadRepository leads,
                     TouchRepository touches, LeadChangeRepository changes) {
        this.clock = clock;
        this.events = events;
        this.store = store;
        this.tags = tags;
        this.leads = leads;
        this.touches = touches;
        this.changes = changes;
    }

    /**
     * Merges lead {@code id} into lead {@code intoId}. Both rows are locked in id order (as an erasure or a
     * submission joining either locks them), so a merge runs wholly before or after them: nothing is merged into an
     * erased lead, and a submission that matched the merged lead while this ran joins the lead it went into.
     * Merging a lead again into the lead it already went into changes nothing.
     *
     * @param ifMatch the merged lead's version the caller saw (If-Match), or null
     */
    @Transactional
    public Merged merge(String id, String intoId, String actor, String reason, String ifMatch) {
        if (intoId == null || intoId.isBlank()) {
            throw InvalidInput.stated("Name the lead to merge into in 'into'.",
                    List.of(new Violation("into", "is required: the id of the lead this one duplicates")));
        }
        if (intoId.equals(id)) {
            throw InvalidInput.stated("A lead cannot be merged into itself.",
                    List.of(new Violation("into", "names the lead being merged")));
        }
        LeadEntity lead;
        LeadEntity into;
        if (id.compareTo(intoId) < 0) {
            lead = leads.lock(id);
            into = leads.lock(intoId);
        } else {
            into = leads.lock(intoId);
            lead = leads.lock(id);
        }
        if (lead == null) {
            throw new NotFound("Lead", id);
        }
        tags.check(ifMatch, EntityTags.ofVersion(lead.version), "Lead " + id);
        if (into == null) {
            throw InvalidInput.stated("There is no lead " + intoId + " to merge into.",
                    List.of(new Violation("into", "names no lead")));
        }
        if (intoId.equals(lead.mergedInto)) {
            return new Merged(LeadView.of(lead), LeadView.of(into), 0);
        }
        if (lead.mergedInto != null) {
            throw new RuleBroken("Lead " + id + " was already merged into " + lead.mergedInto
                    + "; it cannot be merged again.");
        }
        if ("ERASED".equals(lead.status)) {
            throw new RuleBroken("Lead " + id + " was erased; there is nothing left to merge.");
        }
        if ("ERASED".equals(into.status)) {
            throw new RuleBroken("Lead " + intoId + " was erased; nothing is merged into an erased lead.");
        }
        if (into.mergedInto != null) {
            throw new RuleBroken("Lead " + intoId + " was itself merged into " + into.mergedInto
                    + "; merge into " + into.mergedInto + " instead.");
        }

        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String wasPossibleDuplicateOf = lead.possibleDuplicateOf;
        String status = lead.status;
        // The keys the surviving lead lacks go over to it; the merged lead keeps the others, and a submission
        // matching them is sent on to the survivor (LeadStore.findDuplicate). Released here and flushed before the
        // survivor takes them: each key names one lead at every moment.
        String phoneKey = into.phoneKey == null ? lead.phoneKey : null;
        String emailKey = into.emailKey == null ? lead.emailKey : null;
        String companyKey = into.companyKey == null ? lead.companyKey : null;
        lead.phoneKey = phoneKey != null ? null : lead.phoneKey;
        lead.emailKey = emailKey != null ? null : lead.emailKey;
        lead.companyKey = companyKey != null ? null : lead.companyKey;
        lead.status = "MERGED";
        lead.mergedInto = intoId;
        lead.mergedAt = now;
        lead.mergedBy = actor;
        lead.possibleDuplicateOf = null;
        lead.updatedAt = now;
        leads.flush();
        into.phoneKey = phoneKey != null ? phoneKey : into.phoneKey;
        into.emailKey = emailKey != null ? emailKey : into.emailKey;
        into.companyKey = companyKey != null ? companyKey : into.companyKey;
        into.updatedAt = now;
        if (id.equals(into.possibleDuplicateOf)) {
            audit(intoId, "possibleDuplicateOf", id, null, actor, now, reason);
            into.possibleDuplicateOf = null;
        }

        // Leads merged into this one, and leads flagged as possibly duplicating it, now concern the survivor.
        leads.handOver(id, intoId);
        List<TouchEntity> moved = touches.touchesOf(id);
        for (TouchEntity t : moved) {
            t.leadId = intoId;
            t.originLeadId = t.originLeadId == null ? id : t.originLeadId;
        }
        audit(id, "mergedInto", null, intoId, actor, now, reason);
        if (wasPossibleDuplicateOf != null) {
            audit(id, "possibleDuplicateOf", wasPossibleDuplicateOf, null, actor, now, reason);
        }
        audit(id, "status", status, "MERGED", actor, now, reason);
        audit(intoId, "mergedFrom", null, id, actor, now, reason);

        events.emit(id, new LeadEvent.LeadMerged(intoId, actor));
        for (TouchEntity t : moved) {
            // Without the touch's source detail and UTM: they are the merged lead's person's, sealed under its key on
            // its own events; the survivor's key must not carry them.
            events.emit(intoId, new LeadEvent.DuplicateLeadMerged(t.id, STAFF, t.source, null, null, t.submittedAt));
        }
        leads.flush();
        return new Merged(LeadView.of(lead), LeadView.of(into), moved.size());
    }

    /**
     * Staff judged a lead flagged as a possible duplicate to be a lead of its own: the flag goes (audited, with the
     * reason), and the lead leaves the possible-duplicates list. A lead without the flag is answered unchanged.
     */
    @Transactional
    public LeadView keepApart(String id, String actor, String reason, String ifMatch) {
        LeadEntity lead = leads.lock(id);
        if (lead == null) {
            throw new NotFound("Lead", id);
        }
        tags.check(ifMatch, EntityTags.ofVersion(lead.version), "Lead " + id);
        if (lead.possibleDuplicateOf != null) {
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            audit(id, "possibleDuplicateOf", lead.possibleDuplicateOf, null, actor, now, reason);
            lead.possibleDuplicateOf = null;
            lead.updatedAt = now;
            leads.flush();
        }
        return LeadView.of(lead);
    }

    private void audit(String leadId, String field, String oldValue, String newValue, String actor, Instant at,
                       String reason) {
        if (Objects.equals(oldValue, newValue)) {
            return;
        }
        changes.record(leadId, field, oldValue, newValue, actor, at, reason);
    }
}
