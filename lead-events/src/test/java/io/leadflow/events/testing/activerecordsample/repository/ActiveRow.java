package io.leadflow.events.testing.activerecordsample.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A row that stores and finds itself (active record): what the layout check refuses. Not an entity on purpose. */
public class ActiveRow extends PanacheEntityBase {

    public String id;
}
