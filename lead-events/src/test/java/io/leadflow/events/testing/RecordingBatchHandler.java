package io.leadflow.events.testing;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadflow.events.consumer.BatchEventHandler;
import io.leadflow.events.contract.EventEnvelope;
import io.leadflow.events.contract.EventType;
import io.leadflow.events.contract.LeadEvent;
import io.leadflow.events.contract.Topics;

/**
 * A handler that takes a poll's events together, on a topic of its own (routing's, which no other plumbing test
 * writes to), recording each call: which events {@link #handleAll} got together and which {@link #handle} got alone.
 * A poll holding an event erased with reason {@value #POISON} fails whole; that event then fails alone too.
 */
@ApplicationScoped
public class RecordingBatchHandler implements BatchEventHandler {

    public static final String POISON = "batch poison";

    private final List<List<UUID>> batches = new CopyOnWriteArrayList<>();
    private final List<UUID> alone = new CopyOnWriteArrayList<>();

    @Override
    public String name() {
        return "recording-batch";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.ROUTING);
    }

    @Override
    public Set<EventType> eventTypes() {
        return Set.of(EventType.LEAD_ERASED);
    }

    @Override
    public void handleAll(List<EventEnvelope> events) {
        if (events.stream().anyMatch(RecordingBatchHandler::poison)) {
            throw new IllegalStateException("a poll with poison on purpose");
        }
        batches.add(events.stream().map(EventEnvelope::eventId).toList());
    }

    @Override
    public void handle(EventEnvelope event) {
        if (poison(event)) {
            throw new IllegalStateException("cannot apply " + event.eventId() + ": poison on purpose");
        }
        alone.add(event.eventId());
    }

    private static boolean poison(EventEnvelope event) {
        return event.payload() instanceof LeadEvent.LeadErased e && POISON.equals(e.reason());
    }

    /** The calls of {@link #handleAll} that held any of {@code ids}, each as the ids it got, in order. */
    public List<List<UUID>> batchesWith(List<UUID> ids) {
        return batches.stream().filter(b -> b.stream().anyMatch(ids::contains)).toList();
    }

    /** How often {@code id} was applied, together with others or alone. */
    public long appliedCount(UUID id) {
        return batches.stream().flatMap(List::stream).filter(id::equals).count()
                + alone.stream().filter(id::equals).count();
    }

    public boolean appliedAlone(UUID id) {
        return alone.contains(id);
    }
}
