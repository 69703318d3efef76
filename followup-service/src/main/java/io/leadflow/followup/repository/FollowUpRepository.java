package io.leadflow.followup.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class FollowUpRepository implements PanacheRepositoryBase<FollowUpEntity, String> {

    public PanacheQuery<FollowUpEntity> ofLead(String leadId) {
        return find("leadId", Sort.by("contactedAt", Sort.Direction.Descending).and("createdAt", Sort.Direction.Descending), leadId);
    }

    /** Whether the same touch (lead, time, method, content) is already in the log: a re-imported sheet. */
    public boolean alreadyLogged(String leadId, java.time.Instant contactedAt, String method, String content) {
        return content == null
                ? count("leadId = ?1 and contactedAt = ?2 and method = ?3 and content is null", leadId, contactedAt, method) > 0
                : count("leadId = ?1 and contactedAt = ?2 and method = ?3 and content = ?4", leadId, contactedAt, method, content) > 0;
    }

    public List<FollowUpEntity> allOf(String leadId) {
        return list("leadId", leadId);
    }
}
