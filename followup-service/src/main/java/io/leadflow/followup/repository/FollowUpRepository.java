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

    public List<FollowUpEntity> allOf(String leadId) {
        return list("leadId", leadId);
    }
}
