package io.leadflow.events.tx;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/** Runs a signal once after the current transaction commits: never on rollback, never twice per transaction. */
public final class AfterCommit {

    private AfterCommit() {
    }

    /**
     * @param key identifies the signal within the transaction; a second call with the same key adds nothing
     */
    public static void once(TransactionSynchronizationRegistry registry, Object key, Runnable signal) {
        if (registry.getResource(key) != null) {
            return;
        }
        registry.putResource(key, Boolean.TRUE);
        registry.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    signal.run();
                }
            }
        });
    }
}
