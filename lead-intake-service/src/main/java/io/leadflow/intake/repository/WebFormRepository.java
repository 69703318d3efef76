package io.leadflow.intake.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class WebFormRepository implements PanacheRepositoryBase<WebFormEntity, String> {

    /** Every form, oldest first. */
    public List<WebFormEntity> inCreationOrder() {
        return listAll(Sort.by("createdAt"));
    }
}
