package io.leadflow.events.consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

/**
 * Between two events applied in one transaction, does for the ORM what a commit did when each event had its own:
 * writes the first event's pending changes (so the second sees them, also through plain JDBC) and forgets the
 * entities it loaded (so the second reads rows as they are now, not as the first cached them before a native
 * update). A service without entities (no persistence unit) has nothing to do here.
 */
@ApplicationScoped
public class OrmBoundary {

    private static final Logger LOG = Logger.getLogger(OrmBoundary.class);

    private final Instance<EntityManager> entityManagers;
    private volatile boolean absent;

    public OrmBoundary(Instance<EntityManager> entityManagers) {
        this.entityManagers = entityManagers;
    }

    /** Must run inside the batch's transaction. */
    public void betweenEvents() {
        if (absent) {
            return;
        }
        EntityManager em;
        try {
            if (!entityManagers.isResolvable()) {
                absent = true;
                return;
            }
            em = entityManagers.get();
            em.isOpen(); // a deactivated persistence unit refuses here, before any event's work is at stake
        } catch (RuntimeException e) {
            LOG.debugf("No persistence unit to flush between events: %s", e.toString());
            absent = true;
            return;
        }
        em.flush();
        em.clear();
    }
}
