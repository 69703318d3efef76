package io.leadflow.routing.repository;

import jakarta.persistence.Query;

import org.hibernate.query.NativeQuery;

/** Native SQL on the entities' session, for the repositories. */
final class NativeReads {

    private NativeReads() {
    }

    /**
     * A native query that reads only {@code tables}: the session flushes pending changes to those tables first, not
     * every dirty entity (a lead changed earlier in a decision is written once, at the end, not before each read).
     */
    static Query flushingOnly(Query query, String... tables) {
        NativeQuery<?> nativeQuery = query.unwrap(NativeQuery.class);
        for (String table : tables) {
            nativeQuery.addSynchronizedQuerySpace(table);
        }
        return query;
    }
}
