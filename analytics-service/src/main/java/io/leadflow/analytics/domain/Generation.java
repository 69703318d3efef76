package io.leadflow.analytics.domain;

import java.time.Instant;

/**
 * One generation of the read model: ACTIVE answers queries, BUILDING is being replayed from the topics.
 *
 * @param startedBy the user who asked for the rebuild (their token name); null for the initial model
 */
public record Generation(int generation, String status, Instant startedAt, String startedBy, Instant switchedAt,
                         long events, String note) {
}
