package io.leadflow.routing.service;

/**
 * Fired in a transaction that may have given a rep room (a rep added or back, a capacity raised, a lead closed or
 * handed on): once it commits, the unassigned queue is drained ({@link QueueDrainer}). Whoever fires it need not
 * know who listens.
 */
public record RepMayBeFree() {
}
