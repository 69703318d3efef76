package io.leadflow.events.consumer;

import java.util.Set;

import io.leadflow.events.contract.EventEnvelope;
import io.leadflow.events.contract.EventType;

/**
 * A service's reaction to other services' events. Implement it as an {@code @ApplicationScoped} bean and the
 * {@link ConsumerRunner} gives it a Kafka consumer of its own.
 *
 * <p>{@link #handle} runs inside a transaction that has already recorded {@code (name, eventId)} in
 * {@code processed_event}; it is called at most once per event that commits. That transaction may apply several
 * events of one poll, one after the other in their partitions' order (the ORM is flushed and cleared between them);
 * what a handler does must therefore not depend on being the transaction's only event. Throwing rolls everything
 * back; the poll is then applied one event per transaction, and the failing event is retried with backoff, then
 * sent to the topic's dead-letter topic.
 */
public interface EventHandler {

    /** Stable, unique in the service: the idempotency namespace and the consumer group's suffix. */
    String name();

    /** Contract topic names (see {@link io.leadflow.events.contract.Topics}). */
    Set<String> topics();

    /** Event types this handler applies; others are acknowledged and skipped. */
    Set<EventType> eventTypes();

    void handle(EventEnvelope event);
}
