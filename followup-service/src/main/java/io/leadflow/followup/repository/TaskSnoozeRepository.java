package io.leadflow.followup.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class TaskSnoozeRepository implements PanacheRepositoryBase<TaskSnoozeEntity, Long> {

    public List<TaskSnoozeEntity> ofLead(String leadId) {
        return list("leadId", Sort.by("snoozedAt").and("id"), leadId);
    }
}
