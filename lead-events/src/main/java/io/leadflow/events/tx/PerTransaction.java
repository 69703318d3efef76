package io.leadflow.events.tx;

import java.util.function.Supplier;

import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * A value read once per transaction: what the events of one poll (applied in one transaction) share, such as the
 * number of the policy version in force, is asked of the database by the first of them, not by each. Outside a
 * transaction every call reads.
 */
public final class PerTransaction {

    private record Held(Object value) {
    }

    private PerTransaction() {
    }

    /** @param key identifies the value within the transaction (a constant of the caller's, never a shared string) */
    @SuppressWarnings("unchecked")
    public static <T> T once(TransactionSynchronizationRegistry registry, Object key, Supplier<T> read) {
        if (registry.getTransactionKey() == null) {
            return read.get();
        }
        Object held = registry.getResource(key);
        if (held instanceof Held h) {
            return (T) h.value();
        }
        T value = read.get();
        registry.putResource(key, new Held(value));
        return value;
    }

    /** The value held for {@code key} in this transaction, or null when none is (or outside a transaction). */
    @SuppressWarnings("unchecked")
    public static <T> T held(TransactionSynchronizationRegistry registry, Object key) {
        if (registry.getTransactionKey() == null) {
            return null;
        }
        return registry.getResource(key) instanceof Held h ? (T) h.value() : null;
    }

    /** A value read for many keys at once (one statement for a batch): later {@link #once} calls answer it. */
    public static void put(TransactionSynchronizationRegistry registry, Object key, Object value) {
        if (registry.getTransactionKey() != null) {
            registry.putResource(key, new Held(value));
        }
    }

    /** The transaction changed what the value was read from: the next {@link #once} reads it again. */
    public static void forget(TransactionSynchronizationRegistry registry, Object key) {
        if (registry.getTransactionKey() != null && registry.getResource(key) != null) {
            registry.putResource(key, Boolean.FALSE);
        }
    }
}
