package io.leadflow.intake.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class TouchRepository implements PanacheRepositoryBase<TouchEntity, String> {

    /** The lead's touches, oldest submission first. */
    public List<TouchEntity> touchesOf(String leadId) {
        return list("leadId = ?1 order by submittedAt, id", leadId);
    }

    /**
     * Blanks what the person submitted: on the lead's touches, and on those it brought to a lead it was merged into,
     * wherever their words went.
     */
    public void forgetWords(String leadId) {
        update("submitted = null where leadId = ?1 or originLeadId = ?1", leadId);
    }
}
