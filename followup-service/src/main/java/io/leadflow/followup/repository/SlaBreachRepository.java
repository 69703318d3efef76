package io.leadflow.followup.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class SlaBreachRepository implements PanacheRepositoryBase<SlaBreachEntity, String> {

    /**
     * @param ownerId     the owner the breach was reported against
     * @param leadOwnerId only breaches of leads this user owns now (a sales rep's own view); null for all
     */
    public PanacheQuery<SlaBreachEntity> search(String ownerId, String leadOwnerId, String grade, String source,
                                                Instant from, Instant to) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        if (leadOwnerId != null) {
            where.add("leadId in (select l.leadId from LeadState l where l.ownerId = :leadOwnerId)");
            params.put("leadOwnerId", leadOwnerId);
        }
        if (ownerId != null) {
            where.add("ownerId = :ownerId");
            params.put("ownerId", ownerId);
        }
        if (grade != null) {
            where.add("grade = :grade");
            params.put("grade", grade);
        }
        if (source != null) {
            where.add("source = :source");
            params.put("source", source);
        }
        if (from != null) {
            where.add("detectedAt >= :from");
            params.put("from", from);
        }
        if (to != null) {
            where.add("detectedAt < :to");
            params.put("to", to);
        }
        return find(String.join(" and ", where), Sort.by("detectedAt", Sort.Direction.Descending).and("leadId"), params);
    }
}
