package io.leadflow.followup.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class TaskRepository implements PanacheRepositoryBase<TaskEntity, String> {

    /** The task as committed now, for a use case that took its lead's lock after it first read the task. */
    public void reread(TaskEntity task) {
        getEntityManager().refresh(task);
    }

    public List<TaskEntity> openOf(String leadId) {
        return list("leadId = ?1 and status = ?2", Sort.by("dueAt"), leadId, TaskEntity.OPEN);
    }

    /** Filters of GET /api/v1/tasks; a null argument does not filter. */
    public record Filter(String ownerId, String leadId, String status, Instant dueFrom, Instant dueBefore) {
    }

    public PanacheQuery<TaskEntity> search(Filter filter) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        if (filter.ownerId() != null) {
            where.add("ownerId = :ownerId");
            params.put("ownerId", filter.ownerId());
        }
        if (filter.leadId() != null) {
            where.add("leadId = :leadId");
            params.put("leadId", filter.leadId());
        }
        if (filter.status() != null) {
            where.add("status = :status");
            params.put("status", filter.status());
        }
        if (filter.dueFrom() != null) {
            where.add("dueAt >= :dueFrom");
            params.put("dueFrom", filter.dueFrom());
        }
        if (filter.dueBefore() != null) {
            where.add("dueAt < :dueBefore");
            params.put("dueBefore", filter.dueBefore());
        }
        String query = where.isEmpty() ? "" : String.join(" and ", where);
        return find(query, Sort.by("dueAt").and("id"), params);
    }

    public static Page page(int index, int size) {
        return Page.of(index, size);
    }
}
