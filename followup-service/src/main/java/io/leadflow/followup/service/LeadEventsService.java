package io.leadflow.followup.service;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.leadflow.events.contract.LeadProfile;
import io.leadflow.events.outbox.LeadEvents;
import io.leadflow.events.outbox.OutboxWriter;
import io.leadflow.followup.repository.ErasureRepository;
import io.leadflow.followup.repository.LeadRepository;
import io.leadflow.followup.repository.LeadState;
import io.leadflow.followup.repository.TaskRepository;

/**
 * Applies intake's and routing's events. Events of one lead may arrive in any order across the two topics, so
 * every method upserts the lead's row and keeps what is newest: a grade is replaced only by one that happened
 * later, an erased lead never gets its personal data back.
 */
@ApplicationScoped
public class LeadEventsService {

    private static final Logger LOG = Logger.getLogger(LeadEventsService.class);

    private final LeadRepository leads;
    private final TaskRepository tasks;
    private final TaskScheduler scheduler;
    private final Clock clock;
    private final ErasureRepository erasure;
    private final LeadEvents events;

    public LeadEventsService(ErasureRepository erasure, LeadRepository leads, TaskRepository tasks,
                             TaskScheduler scheduler, LeadEvents events, Clock clock) {
        this.leads = leads;
        this.tasks = tasks;
        this.scheduler = scheduler;
        this.clock = clock;
        this.erasure = erasure;
        this.events = events;
    }

    /** LeadCaptured, LeadQualified, LeadUpdated: who the customer is, shown on tasks and logs. */
    @Transactional
    public void profile(String leadId, LeadProfile profile) {
        LeadState lead = leads.lockOrCreate(leadId);
        String source = profile.source() != null ? profile.source() : lead.source;
        Instant registeredAt = profile.registeredAt() != null ? profile.registeredAt() : lead.registeredAt;
        String customerName = lead.erased() ? lead.customerName : profile.customerName();
        String contactName = lead.erased() ? lead.contactName : profile.contactName();
        if (java.util.Objects.equals(source, lead.source) && java.util.Objects.equals(registeredAt, lead.registeredAt)
                && java.util.Objects.equals(customerName, lead.customerName)
                && java.util.Objects.equals(contactName, lead.contactName)) {
            // LeadQualified repeats what LeadCaptured said: nothing to write
            return;
        }
        lead.source = source;
        lead.registeredAt = registeredAt;
        lead.customerName = customerName;
        lead.contactName = contactName;
        lead.updatedAt = clock.instant();
    }

    /** LeadGraded: a later grade replaces an earlier one; a regrade of an assigned lead reschedules its cadence. */
    @Transactional
    public void graded(String leadId, String grade, Instant occurredAt, String regradeReason) {
        LeadState lead = leads.lockOrCreate(leadId);
        if (lead.gradeAt != null && occurredAt.isBefore(lead.gradeAt)) {
            LOG.debugf("Ignoring grade %s of %s from %s: a later grade is known", grade, leadId, occurredAt);
            return;
        }
        String previous = lead.grade;
        lead.grade = grade;
        lead.gradeAt = occurredAt;
        lead.updatedAt = clock.instant();
        if (lead.assignedAt != null && previous != null && !previous.equals(grade) && !lead.closed() && !lead.erased()) {
            scheduler.rescheduleCadence(lead, occurredAt, "regraded " + previous + " → " + grade
                    + (regradeReason == null ? "" : ": " + regradeReason));
        }
    }

    /**
     * LeadAssigned: the SLA clock starts (from the registration the assignment carries, when the capture has not been
     * read yet) and the cadence's tasks go to the owner.
     */
    @Transactional
    public void assigned(String leadId, String ownerId, String ownerName, String grade, String source,
                         Instant registeredAt, Instant occurredAt) {
        LeadState lead = leads.lockOrCreate(leadId);
        if (lead.registeredAt == null && registeredAt != null) {
            lead.registeredAt = registeredAt;
        }
        if (source != null) {
            lead.source = source;
        }
        if (grade != null && (lead.gradeAt == null || !occurredAt.isBefore(lead.gradeAt))) {
            lead.grade = grade;
            lead.gradeAt = occurredAt;
        }
        lead.updatedAt = clock.instant();
        if (lead.assignedAt != null) {
            // Assigned again (e.g. from the unassigned queue after all): a change of owner, not a new SLA clock.
            if (!ownerId.equals(lead.ownerId)) {
                lead.ownerId = ownerId;
                lead.ownerName = ownerName;
                scheduler.moveOpen(lead);
            }
            return;
        }
        lead.ownerId = ownerId;
        lead.ownerName = ownerName;
        lead.assignedAt = occurredAt;
        if (lead.stage == null) {
            lead.stage = "NEW";
        }
        if (lead.erased() || lead.closed()) {
            return;
        }
        scheduler.startCadence(lead);
    }

    /** LeadReassigned: open tasks follow the lead to the new owner; the SLA clock keeps running. */
    @Transactional
    public void reassigned(String leadId, String ownerId, String ownerName, String grade, Instant occurredAt) {
        LeadState lead = leads.lockOrCreate(leadId);
        if (lead.assignedAt == null) {
            assigned(leadId, ownerId, ownerName, grade, lead.source, null, occurredAt);
            return;
        }
        lead.ownerId = ownerId;
        lead.ownerName = ownerName;
        lead.updatedAt = clock.instant();
        scheduler.moveOpen(lead);
        if (grade != null && !grade.equals(lead.grade) && (lead.gradeAt == null || !occurredAt.isBefore(lead.gradeAt))) {
            graded(leadId, grade, occurredAt, "reassigned with a new grade");
        }
    }

    /**
     * LeadMerged: staff judged the lead a duplicate of {@code intoLeadId}. It closes at the merge (whenever the topics
     * deliver its assignment, no cadence starts), its open tasks are cancelled and announced, its SLA clock stops
     * (the scanner reads only open leads); follow-ups, stage moves and outcomes go to the lead it was merged into.
     */
    @Transactional
    public void merged(String leadId, String intoLeadId, String mergedBy, Instant occurredAt) {
        LeadState lead = leads.lockOrCreate(leadId);
        if (lead.merged()) {
            return;
        }
        lead.mergedInto = intoLeadId;
        if (lead.closedAt == null) {
            lead.closedAt = occurredAt;
        }
        lead.updatedAt = clock.instant();
        scheduler.closeOpen(lead, "merged into " + intoLeadId, mergedBy);
    }

    /**
     * LeadErased: the customer's and contact's names and every text a person typed about the lead (follow-up
     * content, feedback, next actions, completion notes, snooze reasons, stage and regrade reasons, the lost note and
     * win factors) are removed; the anonymous facts (dates, methods, statuses, stages, SLA times, amounts, who did
     * what) stay for analysis. Open tasks are closed. This service's events about the lead are forgotten
     * ({@link LeadEvents#forget}).
     */
    @Transactional
    public void erased(String leadId, Instant occurredAt, String requestedBy) {
        LeadState lead = leads.lockOrCreate(leadId);
        if (lead.erasedAt == null || occurredAt.isBefore(lead.erasedAt)) {
            lead.erasedAt = occurredAt;
            lead.erasedBy = requestedBy;
        }
        lead.customerName = null;
        lead.contactName = null;
        lead.lostNote = null;
        lead.winFactors = null;
        lead.updatedAt = clock.instant();
        erasure.removeTypedText(leadId);
        scheduler.closeOpen(lead, "lead erased", null);
        OutboxWriter.Forgotten forgotten = events.forget(leadId);
        LOG.infof("Lead %s erased: typed text removed, %d published events deleted and %d unpublished rewritten",
                leadId, forgotten.deleted(), forgotten.rewritten());
    }
}
