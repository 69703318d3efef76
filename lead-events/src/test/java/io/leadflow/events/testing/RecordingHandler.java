package io.leadflow.events.testing;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadflow.events.consumer.EventHandler;
import io.leadflow.events.contract.EventEnvelope;
import io.leadflow.events.contract.EventType;
import io.leadflow.events.contract.LeadEvent;
import io.leadflow.events.contract.Topics;

/**
 * A handler for the plumbing tests: records what it applied (committed applications only) and fails on purpose
 * for a lead erased with reason "poison", so the dead-letter path is exercised with a real handler failure.
 */
@ApplicationScoped
public class RecordingHandler implements EventHandler {

    public static final String POISON = "poison";
    /** Fails as a database that is away would, for the first {@value #AWAY_ATTEMPTS} attempts, then applies. */
    public static final String DATABASE_AWAY = "database away";
    public static final int AWAY_ATTEMPTS = 7;
    /** Fails as a deadlock with another transaction would, for the first {@value #CONFLICT_ATTEMPTS} attempts. */
    public static final String CONFLICT = "conflict";
    public static final int CONFLICT_ATTEMPTS = 6;
    /**
     * Fails (naming a phone and an email, as a real handler's message might) until the test {@link #fix}es it: a
     * bug fixed after the event was dead-lettered, so that re-driving it applies it.
     */
    public static final String FAILS_UNTIL_FIXED = "fails until fixed";
    public static final String FAILURE_WITH_CONTACT = "cannot reach 张经理 at 13912345678 or zhang@xingchen-tech.cn";

    private final jakarta.transaction.TransactionSynchronizationRegistry registry;
    private final List<UUID> applied = new CopyOnWriteArrayList<>();
    private final List<UUID> attempts = new CopyOnWriteArrayList<>();
    private final Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Set<UUID> fixed = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.Map<UUID, LeadEvent> payloads = new java.util.concurrent.ConcurrentHashMap<>();

    public RecordingHandler(jakarta.transaction.TransactionSynchronizationRegistry registry) {
        this.registry = registry;
    }

    @Override
    public String name() {
        return "recording";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.INTAKE);
    }

    @Override
    public Set<EventType> eventTypes() {
        return Set.of(EventType.LEAD_ERASED, EventType.LEAD_CAPTURED);
    }

    @Override
    public void handle(EventEnvelope event) {
        attempts.add(event.eventId());
        payloads.put(event.eventId(), event.payload());
        threads.add(Thread.currentThread().getName());
        if (event.payload() instanceof LeadEvent.LeadErased erased && POISON.equals(erased.reason())) {
            throw new IllegalStateException("cannot apply " + event.eventId() + ": poison on purpose");
        }
        if (event.payload() instanceof LeadEvent.LeadErased erased && FAILS_UNTIL_FIXED.equals(erased.reason())
                && !fixed.contains(event.eventId())) {
            throw new IllegalStateException(FAILURE_WITH_CONTACT);
        }
        if (event.payload() instanceof LeadEvent.LeadErased erased && DATABASE_AWAY.equals(erased.reason())
                && attemptCount(event.eventId()) <= AWAY_ATTEMPTS) {
            throw new IllegalStateException("flush failed", new java.sql.SQLException(
                    "An I/O error occurred while sending to the backend.", "08006"));
        }
        if (event.payload() instanceof LeadEvent.LeadErased erased && CONFLICT.equals(erased.reason())
                && attemptCount(event.eventId()) <= CONFLICT_ATTEMPTS) {
            throw new IllegalStateException("could not apply", new java.sql.SQLException(
                    "ERROR: deadlock detected", "40P01"));
        }
        // Count it only if the transaction that applied it commits, as a real handler's changes would.
        UUID eventId = event.eventId();
        registry.registerInterposedSynchronization(new jakarta.transaction.Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == jakarta.transaction.Status.STATUS_COMMITTED) {
                    applied.add(eventId);
                }
            }
        });
    }

    /** The payload the handler was given for the event (the opened one, for a sealed event), null before. */
    public LeadEvent payloadOf(UUID eventId) {
        return payloads.get(eventId);
    }

    /** From now on the event applies: the bug it met is fixed. */
    public void fix(UUID eventId) {
        fixed.add(eventId);
    }

    public long appliedCount(UUID eventId) {
        return applied.stream().filter(eventId::equals).count();
    }

    /** The consumer threads (members of this handler's group) that applied events, by thread name. */
    public Set<String> applyingThreads() {
        return Set.copyOf(threads);
    }

    public long attemptCount(UUID eventId) {
        return attempts.stream().filter(eventId::equals).count();
    }
}
