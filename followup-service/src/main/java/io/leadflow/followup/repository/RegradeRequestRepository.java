package io.leadflow.followup.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class RegradeRequestRepository implements PanacheRepositoryBase<RegradeRequestEntity, String> {
}
