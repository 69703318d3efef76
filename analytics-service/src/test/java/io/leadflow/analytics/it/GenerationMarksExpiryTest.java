package io.leadflow.analytics.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.leadflow.events.housekeeping.ExpiringRows;
import io.leadflow.events.housekeeping.Housekeeping;
import io.quarkus.test.junit.QuarkusTest;

/** A generation's marks of applied events are purged with processed_event's retention, not kept for ever. */
@QuarkusTest
class GenerationMarksExpiryTest {

    @Inject
    Housekeeping housekeeping;
    @Inject
    DataSource dataSource;

    @Test
    void marksOlderThanTheProcessedEventRetentionArePurgedAndYoungerOnesKept() throws Exception {
        Duration retention = housekeeping.processedEventRetention();
        assertThat(housekeeping.tables()).contains(new ExpiringRows("generation_event", "applied_at", retention));
        int generation = activeGeneration();
        UUID old = UUID.randomUUID();
        UUID young = UUID.randomUUID();
        Instant now = Instant.now();
        mark(generation, old, now.minus(retention).minus(Duration.ofHours(1)));
        mark(generation, young, now.minus(retention).plus(Duration.ofHours(1)));

        assertThat(housekeeping.run()).isPresent();

        assertThat(marked(generation, List.of(old, young))).containsExactly(young);
    }

    private int activeGeneration() throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select generation from model_generation where status = 'ACTIVE'");
             ResultSet rs = s.executeQuery()) {
            assertThat(rs.next()).as("an active generation").isTrue();
            return rs.getInt(1);
        }
    }

    private void mark(int generation, UUID eventId, Instant appliedAt) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "insert into generation_event (generation, event_id, applied_at) values (?, ?, ?)")) {
            s.setInt(1, generation);
            s.setObject(2, eventId);
            s.setTimestamp(3, Timestamp.from(appliedAt));
            s.executeUpdate();
        }
    }

    private List<UUID> marked(int generation, List<UUID> eventIds) throws Exception {
        List<UUID> found = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "select event_id from generation_event where generation = ? and event_id = any(?)")) {
            s.setInt(1, generation);
            s.setArray(2, c.createArrayOf("uuid", eventIds.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return found;
    }
}
