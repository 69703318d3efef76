package io.leadflow.routing.service;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.leadflow.events.contract.LeadProfile;
import io.leadflow.routing.repository.Json;
import io.leadflow.routing.repository.LeadEntity;
import io.leadflow.routing.repository.LeadRepository;

/** Outcomes and erasure: a closed or erased lead frees its owner's capacity and leaves the queue. */
@ApplicationScoped
public class LeadLifecycleService {

    private final LeadRepository leads;
    private final AssignmentService assignments;
    private final Clock clock;

    public LeadLifecycleService(LeadRepository leads, AssignmentService assignments, Clock clock) {
        this.leads = leads;
        this.assignments = assignments;
        this.clock = clock;
    }

    /** LeadWon / LeadLost; may arrive before the lead's LeadQualified, so the lead is remembered as closed. */
    @Transactional
    public void closed(String leadId, String status) {
        LeadEntity lead = lockOrCreate(leadId);
        if (!lead.open()) {
            return;
        }
        lead.status = status;
        lead.closedAt = clock.instant();
        lead.updatedAt = lead.closedAt;
        assignments.endOwnership(lead, status);
    }

    /**
     * LeadErased: the customer's name and words (need, regrade reasons, parked requests) go; the grade, source,
     * industry and region stay as facts about the pipeline. Nobody owns an erased lead any more.
     */
    @Transactional
    public void erased(String leadId) {
        LeadEntity lead = lockOrCreate(leadId);
        LeadProfile p = Json.read(lead.profile, LeadProfile.class);
        if (p != null) {
            lead.profile = Json.write(new LeadProfile(null, null, null, null, null, p.source(), null, null, null,
                    p.industry(), p.region(), p.companySize(), p.customerType(), p.budget(), p.decisionCycleDays(),
                    p.declaredIntent(), p.givenGrade(), null, null, p.registeredAt()));
        }
        lead.gradeReasons = lead.gradeReasons == null ? null : Json.write(java.util.List.of());
        leads.eraseRegradeReasons(leadId);
        leads.dropParked(leadId);
        if (lead.open()) {
            assignments.endOwnership(lead, "ERASED");
        }
        lead.status = "ERASED";
        lead.closedAt = lead.closedAt == null ? clock.instant() : lead.closedAt;
        lead.updatedAt = clock.instant();
    }

    private LeadEntity lockOrCreate(String leadId) {
        return leads.lockOrCreate(leadId, clock.instant());
    }
}
