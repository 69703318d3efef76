package io.leadflow.events.testing.persistencesample.service;

import jakarta.persistence.EntityManager;

/** A use case that queries the database itself instead of through a repository: what the layout check refuses. */
public class SampleQueries {

    private final EntityManager em;

    public SampleQueries(EntityManager em) {
        this.em = em;
    }

    public long leads() {
        return (Long) em.createQuery("select count(l) from Lead l").getSingleResult();
    }
}
