package io.leadflow.routing.service;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.leadflow.events.contract.LeadProfile;
import io.leadflow.events.domain.Text;
import io.leadflow.events.outbox.LeadEvents;
import io.leadflow.routing.repository.AssignmentRepository;
import io.leadflow.routing.repository.Json;
import io.leadflow.routing.repository.LeadEntity;
import io.leadflow.routing.repository.LeadRepository;

/** Outcomes, merges and erasure: a closed, merged or erased lead frees its owner's capacity and leaves the queue. */
@ApplicationScoped
public class LeadLifecycleService {

    private final LeadRepository leads;
    private final AssignmentRepository assignmentRecords;
    private final AssignmentService assignments;
    private final LeadEvents events;
    private final Clock clock;

    public LeadLifecycleService(LeadRepository leads, AssignmentRepository assignmentRecords,
                                AssignmentService assignments, LeadEvents events, Clock clock) {
        this.leads = leads;
        this.assignmentRecords = assignmentRecords;
        this.assignments = assignments;
        this.events = events;
        this.clock = clock;
    }

    /** LeadWon / LeadLost; may arrive before the lead's LeadQualified, so the lead is remembered as closed. */
    @Transactional
    public void closed(String leadId, String status) {
        closed(leadId, status, null);
    }

    /**
     * A lead closed for good: WON, LOST, or MERGED into another lead (whose own assignment goes on); remembered as
     * closed if it arrives before the lead's LeadQualified.
     *
     * @param by who closed it, recorded as ending the ownership (null when an outcome did)
     */
    @Transactional
    public void closed(String leadId, String status, String by) {
        LeadEntity lead = lockOrCreate(leadId);
        if (!lead.open()) {
            return;
        }
        lead.status = status;
        lead.closedAt = clock.instant();
        lead.updatedAt = lead.closedAt;
        assignments.endOwnership(lead, status, Text.orNull(by));
    }

    /**
     * LeadErased: everything the customer or a person wrote about the lead goes (customer name, need description,
     * source detail, campaign, budget words, named 跟进人, grade explanations quoting the need, regrade and
     * reassignment reasons, parked requests, and the published events that carried them); the grade, source,
     * industry, region and who changed what stay as facts about the pipeline. Nobody owns an erased lead any more.
     * Contact details (phone, email, WeChat, contact name, consent) are never stored here in the first place.
     *
     * @param requestedBy who asked for the erasure (from the event), recorded as ending the ownership
     */
    @Transactional
    public void erased(String leadId, String requestedBy) {
        LeadEntity lead = lockOrCreate(leadId);
        LeadProfile profile = Json.read(lead.profile, LeadProfile.class);
        lead.profile = profile == null ? null : Json.write(profile.withoutPersonalData());
        lead.gradeReasons = lead.gradeReasons == null ? null : Json.write(java.util.List.of());
        leads.eraseRegradeReasons(leadId);
        assignmentRecords.eraseReasons(leadId);
        leads.dropParked(leadId);
        if (lead.open()) {
            assignments.endOwnership(lead, "ERASED", Text.orNull(requestedBy));
        }
        lead.queuedAt = null;
        lead.queueReason = null;
        lead.status = "ERASED";
        Instant now = clock.instant();
        lead.closedAt = lead.closedAt == null ? now : lead.closedAt;
        lead.erasedAt = lead.erasedAt == null ? now : lead.erasedAt;
        lead.updatedAt = now;
        events.forget(leadId);
    }

    private LeadEntity lockOrCreate(String leadId) {
        return leads.lockOrCreate(leadId, clock.instant());
    }
}
