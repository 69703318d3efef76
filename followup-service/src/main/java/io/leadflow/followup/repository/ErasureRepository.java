package io.leadflow.followup.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * The bulk statements of an erasure: every column where a person may have typed the customer's details. Runs in the
 * caller's transaction, which holds the lead's row lock.
 */
@ApplicationScoped
public class ErasureRepository {

    private final EntityManager em;

    public ErasureRepository(EntityManager em) {
        this.em = em;
    }

    /** Removes every free text typed about the lead; the anonymous facts (dates, codes, amounts, who) stay. */
    public void removeTypedText(String leadId) {
        em.flush();
        for (String statement : List.of(
                "update follow_up set content = null, feedback = null, next_action = null where lead_id = ?1",
                // next-action tasks are titled with what was promised; cadence tasks keep the policy's label
                "update follow_up_task set title = null where lead_id = ?1 and from_follow_up_id is not null",
                "update follow_up_task set snooze_reason = null, close_reason = null where lead_id = ?1",
                "update task_snooze set reason = null where lead_id = ?1",
                "update stage_change set reason = null where lead_id = ?1",
                "update regrade_request set reason = null where lead_id = ?1")) {
            em.createNativeQuery(statement).setParameter(1, leadId).executeUpdate();
        }
    }
}
