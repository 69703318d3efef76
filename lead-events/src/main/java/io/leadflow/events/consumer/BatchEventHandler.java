package io.leadflow.events.consumer;

import java.util.List;

import io.leadflow.events.contract.EventEnvelope;

/**
 * An {@link EventHandler} that applies a poll's new events together, sharing the work across them (a setting read
 * once, each row it touches locked and written once, sums written once) where applying them one by one would repeat
 * it per event. The result must be the same as {@link #handle} applied to each event in turn.
 *
 * <p>{@link #handleAll} runs in the poll's one transaction, after every event in it was recorded in
 * {@code processed_event}; the list holds only events this handler has not applied before, of its
 * {@link #eventTypes()}, in their partitions' order. Throwing rolls the poll back; the loop then applies its events
 * one per transaction through {@link #handle}, where retries and the dead-letter topic work per event.
 */
public interface BatchEventHandler extends EventHandler {

    void handleAll(List<EventEnvelope> events);
}
