package io.leadflow.intake.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;

@ApplicationScoped
public class ScreeningPolicyRepository implements PanacheRepositoryBase<ScreeningPolicyEntity, Integer> {

    /** One page of the policy's versions, newest first. */
    public List<ScreeningPolicyEntity> newestFirst(int page, int size) {
        return find("order by version desc").page(Page.of(page, size)).list();
    }
}
