package io.leadflow.followup.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.leadflow.followup.domain.Actor;
import io.leadflow.followup.repository.LeadRepository;
import io.leadflow.followup.repository.LeadState;

/**
 * The owner rule at the door of every lead endpoint: a lead the actor may not work on answers exactly as a lead that
 * does not exist (404, same body), so a sales rep cannot probe which lead ids are someone else's.
 */
@ApplicationScoped
public class LeadAccess {

    private final LeadRepository leads;

    public LeadAccess(LeadRepository leads) {
        this.leads = leads;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public LeadState visible(String leadId, Actor actor) {
        return leads.findByIdOptional(leadId).filter(lead -> actor.mayWorkOn(lead.ownerId))
                .orElseThrow(() -> Problems.unknownLead(leadId));
    }

    /** The lead locked for the rest of the transaction, if the actor may work on it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public LeadState lockVisible(String leadId, Actor actor) {
        return leads.lock(leadId).filter(lead -> actor.mayWorkOn(lead.ownerId))
                .orElseThrow(() -> Problems.unknownLead(leadId));
    }
}
