package io.leadflow.followup.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class StageChangeRepository implements PanacheRepositoryBase<StageChangeEntity, Long> {

    public List<StageChangeEntity> ofLead(String leadId) {
        return list("leadId", Sort.by("changedAt").and("id"), leadId);
    }
}
