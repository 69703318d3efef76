package io.leadflow.events.crypto;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import io.leadflow.events.config.EventsConfig;
import io.leadflow.events.contract.Topics;
import io.leadflow.events.outbox.OutboxWriter;
import io.leadflow.events.tx.PerTransaction;

/**
 * The keys this service seals its events' personal fields with, one per lead, kept (wrapped) in its own database
 * ({@code lead_key}) and published on {@link Topics#KEYS} through the outbox, in the transaction that first needs
 * one, so the key is on its topic before any event sealed with it (the relay sends key records first).
 */
@ApplicationScoped
public class LeadKeys {

    /** A lead's key as this service holds it: its id (on every event sealed with it) and the key itself. */
    public record LeadKey(String keyId, byte[] key) {
    }

    private record KeyOf(String leadId) {
    }

    private final DataSource dataSource;
    private final TransactionSynchronizationRegistry registry;
    private final MasterKey master;
    private final OutboxWriter outbox;
    private final String producer;

    public LeadKeys(DataSource dataSource, TransactionSynchronizationRegistry registry, MasterKey master,
                    OutboxWriter outbox, EventsConfig config) {
        this.dataSource = dataSource;
        this.registry = registry;
        this.master = master;
        this.outbox = outbox;
        this.producer = config.producer();
    }

    /** This service's key for the lead, made and published on first use; empty once the lead is erased here. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<LeadKey> keyFor(String leadId) {
        return keysFor(java.util.List.of(leadId)).get(leadId);
    }

    /**
     * Each lead's key made (one key record each) unless the lead has one or was erased here (its events then go out
     * without personal data), or read, for many leads in one round trip. The keys held are read one index probe per
     * lead (a lateral subquery stays a nested loop), never by scanning the table.
     */
    private static final String KEYS_FOR = """
            with wanted as (
                select * from unnest(?::text[], ?::text[], ?::bytea[]) as w(lead_id, key_id, wrapped)),
            made as (
                insert into lead_key (lead_id, key_id, wrapped)
                select w.lead_id, w.key_id, w.wrapped from wanted w
                where not exists (select 1 from outbox_forgotten_lead f where f.lead_id = w.lead_id)
                on conflict (lead_id) do nothing
                returning lead_id, key_id, wrapped, true as made)
            select lead_id, key_id, wrapped, made from made
            union all
            select k.lead_id, k.key_id, k.wrapped, false from wanted w,
                lateral (select * from lead_key where lead_id = w.lead_id limit 1) k""";

    /**
     * This service's keys for many leads, as {@link #keyFor} answers each: the keys not yet held in this transaction
     * are made or read in one statement (their key records written in one more), and held for the transaction, so
     * that sealing each lead's events asks the database nothing more.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public java.util.Map<String, Optional<LeadKey>> keysFor(java.util.Collection<String> leadIds) {
        java.util.Map<String, Optional<LeadKey>> keys = new java.util.LinkedHashMap<>();
        java.util.List<String> unread = new java.util.ArrayList<>();
        for (String leadId : new java.util.LinkedHashSet<>(leadIds)) {
            Optional<LeadKey> held = PerTransaction.held(registry, new KeyOf(leadId));
            if (held != null) {
                keys.put(leadId, held);
            } else {
                unread.add(leadId);
            }
        }
        if (unread.isEmpty()) {
            return keys;
        }
        java.util.Map<String, byte[]> fresh = new java.util.HashMap<>();
        String[] ids = unread.toArray(String[]::new);
        String[] keyIds = new String[ids.length];
        byte[][] wrapped = new byte[ids.length][];
        for (int i = 0; i < ids.length; i++) {
            keyIds[i] = KeyRecord.keyIdOf(producer, ids[i]);
            byte[] key = EventCipher.newKey();
            fresh.put(ids[i], key);
            wrapped[i] = master.wrap(keyIds[i], key);
        }
        java.util.List<OutboxWriter.KeyRecordRow> records = new java.util.ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement keysFor = connection.prepareStatement(KEYS_FOR)) {
                keysFor.setArray(1, connection.createArrayOf("text", ids));
                keysFor.setArray(2, connection.createArrayOf("text", keyIds));
                keysFor.setArray(3, connection.createArrayOf("bytea", wrapped));
                try (ResultSet row = keysFor.executeQuery()) {
                    while (row.next()) {
                        String leadId = row.getString(1);
                        if (row.getBoolean(4)) {
                            records.add(new OutboxWriter.KeyRecordRow(leadId, row.getString(2), new KeyRecord(
                                    row.getString(2), leadId, producer,
                                    Base64.getEncoder().encodeToString(row.getBytes(3))).json()));
                            keys.put(leadId, Optional.of(new LeadKey(row.getString(2), fresh.get(leadId))));
                        } else {
                            keys.put(leadId, Optional.of(unwrapped(row.getString(2), row.getBytes(3))));
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the keys of " + ids.length + " leads", e);
        }
        outbox.appendKeyRecords(records);
        for (String leadId : unread) {
            Optional<LeadKey> key = keys.containsKey(leadId) ? keys.get(leadId) : readAgain(leadId);
            keys.put(leadId, key);
            PerTransaction.put(registry, new KeyOf(leadId), key);
        }
        return keys;
    }

    /**
     * A lead the statement neither made a key for nor saw one of: another transaction made the key after the
     * statement's snapshot was taken (its insert then conflicted), or the lead is erased. A new statement sees which.
     */
    private Optional<LeadKey> readAgain(String leadId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "select key_id, wrapped from lead_key where lead_id = ?")) {
            select.setString(1, leadId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(unwrapped(row.getString(1), row.getBytes(2))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the key of lead " + leadId, e);
        }
    }

    private LeadKey unwrapped(String keyId, byte[] wrapped) {
        return new LeadKey(keyId, master.unwrap(keyId, wrapped));
    }

    /**
     * Destroys the lead's key in the erasing transaction and publishes its tombstone: every event sealed with it,
     * in any topic, dead-letter topic or backup, is from then on readable only in its clear part.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean destroy(String leadId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement(
                     "delete from lead_key where lead_id = ? returning key_id")) {
            delete.setString(1, leadId);
            try (ResultSet row = delete.executeQuery()) {
                PerTransaction.forget(registry, new KeyOf(leadId));
                if (!row.next()) {
                    return false;
                }
                outbox.appendKeyRecord(leadId, row.getString(1), null);
                return true;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not destroy the key of lead " + leadId, e);
        }
    }
}
