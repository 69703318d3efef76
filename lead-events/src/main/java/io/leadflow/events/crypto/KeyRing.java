package io.leadflow.events.crypto;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadflow.events.contract.EventEnvelope;
import io.leadflow.events.contract.EventJson;
import io.leadflow.events.contract.SealedPayload;

/**
 * Opens the sealed events a service consumes, with the keys {@link KeysReader} keeps from the compacted keys topic
 * (its own keys from {@code lead_key}); the keys used or read last are kept in memory ({@link RecentKeys}).
 *
 * <p>An event whose key is not known yet makes the reader read the keys topic to its current end first: the relay
 * puts a key on its topic before any event sealed with it, so a key still missing then was destroyed, and the event
 * is read as its clear part (the lead is erased). When the keys topic cannot be read in time the event is retried
 * later, never read as erased.
 */
@ApplicationScoped
public class KeyRing {

    private final DataSource dataSource;
    private final MasterKey master;
    private final RecentKeys recent;
    private final KeysReader reader;

    public KeyRing(DataSource dataSource, MasterKey master, RecentKeys recent, KeysReader reader) {
        this.dataSource = dataSource;
        this.master = master;
        this.recent = recent;
        this.reader = reader;
    }

    /** The event with its whole payload when it was sealed and its key exists; else its clear payload. */
    public EventEnvelope open(EventEnvelope event) {
        return openAll(List.of(event)).get(0);
    }

    /**
     * Opens a poll's events with one look-up of the keys not in memory.
     *
     * @throws KeysUnavailable when a key is not known and the keys topic could not be read to its end in time
     */
    public List<EventEnvelope> openAll(List<EventEnvelope> wires) {
        Map<String, byte[]> keys = new HashMap<>();
        Set<String> missing = new HashSet<>();
        for (EventEnvelope wire : wires) {
            if (wire.sealed() != null) {
                String keyId = wire.sealed().keyId();
                byte[] key = recent.get(keyId);
                if (key != null) {
                    keys.put(keyId, key);
                } else {
                    missing.add(keyId);
                }
            }
        }
        if (!missing.isEmpty()) {
            load(missing, keys);
            missing.removeAll(keys.keySet());
            if (!missing.isEmpty()) {
                reader.catchUp();
                load(missing, keys);
            }
        }
        List<EventEnvelope> opened = new ArrayList<>(wires.size());
        for (EventEnvelope event : wires) {
            SealedPayload sealed = event.sealed();
            if (sealed == null) {
                opened.add(event);
                continue;
            }
            byte[] key = keys.get(sealed.keyId());
            // No key: the lead was erased, and its clear part is all anyone may read of it.
            opened.add(event.withPayload(key == null ? event.payload()
                    : EventJson.payload(event.type(), EventCipher.open(key, sealed, event))));
        }
        return opened;
    }

    /** This service forgets an erased lead: its copies of every producer's key of the lead go, in the erasing transaction. */
    public void forget(String leadId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement(
                     "delete from event_key where lead_id = ? returning key_id")) {
            delete.setString(1, leadId);
            try (ResultSet rows = delete.executeQuery()) {
                while (rows.next()) {
                    recent.remove(rows.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not forget the keys of lead " + leadId, e);
        }
        // Keys only in memory (read from the topic before this service stored them) are named by lead too.
        recent.removeLead(leadId);
    }

    private void load(Set<String> keyIds, Map<String, byte[]> into) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("""
                     select key_id, wrapped from event_key where key_id = any(?)
                     union all select key_id, wrapped from lead_key where key_id = any(?)""")) {
            // This service's own keys too: it may read its own topic (a replay, or a handler of its own events).
            java.sql.Array ids = connection.createArrayOf("text", keyIds.toArray());
            select.setArray(1, ids);
            select.setArray(2, ids);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String keyId = rows.getString(1);
                    byte[] key = master.unwrap(keyId, rows.getBytes(2));
                    into.put(keyId, key);
                    recent.put(keyId, key);
                }
            }
        } catch (SQLException e) {
            throw new KeysUnavailable("could not read event keys: " + e.getMessage(), e);
        }
    }

    /** Starts the keys reader: a consuming service keeps its copies of the keys current from its start. */
    public void startReading() {
        reader.startReading();
    }

    /** The keys an event needs could not be read now (Kafka or the database away): apply it later, as it is. */
    public static class KeysUnavailable extends RuntimeException {
        public KeysUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
