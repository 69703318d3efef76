package io.leadflow.events.crypto;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

import io.leadflow.events.config.EventsConfig;
import io.leadflow.events.contract.Topics;
import io.leadflow.events.kafka.KafkaClients;
import io.leadflow.events.kafka.TopicAdmin;
import io.leadflow.events.kafka.TopicNames;
import io.quarkus.runtime.ShutdownEvent;

/**
 * One thread per service that reads the compacted keys topic into the service's {@code event_key} table (the other
 * services' keys: its own are its {@code lead_key}), with how far it read in the same statement, so a restart resumes
 * exactly; tombstones delete the copies. A consumer that meets a
 * key it does not know asks it to {@link #catchUp read to the topic's current end} first.
 */
@ApplicationScoped
public class KeysReader {

    private static final Logger LOG = Logger.getLogger(KeysReader.class);

    private final DataSource dataSource;
    private final KafkaClients clients;
    private final TopicAdmin topicAdmin;
    private final TopicNames topicNames;
    private final MasterKey master;
    private final EventsConfig.Crypto config;
    private final RecentKeys recent;
    /** This service's own producer name: its keys are its {@code lead_key}, never copied from the topic. */
    private final String producer;
    private final ConcurrentLinkedQueue<CompletableFuture<Void>> catchUps = new ConcurrentLinkedQueue<>();
    /** Catch-ups the reader took in and has not reached yet; the reader thread's alone, kept across its restarts. */
    private final List<CompletableFuture<Void>> waiting = new ArrayList<>();
    private volatile boolean running = true;
    private volatile Thread reader;
    private volatile KafkaConsumer<String, byte[]> consumer;

    public KeysReader(DataSource dataSource, KafkaClients clients, TopicAdmin topicAdmin, TopicNames topicNames,
                      MasterKey master, EventsConfig config, RecentKeys recent) {
        this.dataSource = dataSource;
        this.clients = clients;
        this.topicAdmin = topicAdmin;
        this.topicNames = topicNames;
        this.master = master;
        this.config = config.crypto();
        this.recent = recent;
        this.producer = config.producer();
    }

    /** Starts the reader (once): a consuming service keeps its copies of the keys current from its start. */
    public void startReading() {
        startReader();
    }

    /** Waits until the reader has stored the keys topic up to the end it has now. */
    void catchUp() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        catchUps.add(done);
        startReader();
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        try {
            done.get(config.keysCatchUpTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KeyRing.KeysUnavailable("interrupted while reading the keys topic", e);
        } catch (ExecutionException | TimeoutException e) {
            catchUps.remove(done);
            throw new KeyRing.KeysUnavailable("the keys topic could not be read to its end within "
                    + config.keysCatchUpTimeout(), e);
        }
    }

    private synchronized void startReader() {
        if (reader == null && running) {
            reader = new Thread(this::read, "event-keys-reader");
            reader.setDaemon(true);
            reader.start();
        }
    }

    void stop(@Observes ShutdownEvent ignored) {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        Thread t = reader;
        if (t != null) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void read() {
        while (running) {
            try {
                topicAdmin.ensureTopics();
                readUntilStopped();
            } catch (WakeupException e) {
                // stop() was called, or a catch-up while the reader was starting: read on
            } catch (Exception e) {
                if (running) {
                    LOG.warnf("The keys topic reader stopped (restarting in 2s): %s", e.toString());
                    sleep(2_000);
                }
            }
        }
    }

    private void readUntilStopped() throws SQLException {
        String topic = topicNames.physical(Topics.KEYS);
        try (KafkaConsumer<String, byte[]> kafka = clients.reader("event-keys-" + ProcessHandle.current().pid(), 2000)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : kafka.partitionsFor(topic)) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            kafka.assign(partitions);
            Map<Integer, Long> stored = positions(topic);
            for (TopicPartition tp : partitions) {
                Long next = stored.get(tp.partition());
                if (next == null) {
                    kafka.seekToBeginning(List.of(tp));
                } else {
                    kafka.seek(tp, next);
                }
            }
            consumer = kafka;
            Map<TopicPartition, Long> target = null;
            while (running) {
                try {
                    for (CompletableFuture<Void> f; (f = catchUps.poll()) != null; ) {
                        waiting.add(f);
                    }
                    if (!waiting.isEmpty() && target == null) {
                        target = kafka.endOffsets(partitions);
                    }
                    ConsumerRecords<String, byte[]> records = kafka.poll(Duration.ofMillis(waiting.isEmpty() ? 1_000 : 20));
                    if (!records.isEmpty()) {
                        store(topic, records);
                    }
                    if (target != null && reached(kafka, target)) {
                        waiting.forEach(f -> f.complete(null));
                        waiting.clear();
                        target = null;
                    }
                } catch (WakeupException e) {
                    // a catch-up was asked for (or stop()): take it in at the top
                }
            }
        } finally {
            consumer = null;
        }
    }

    private static boolean reached(KafkaConsumer<String, byte[]> kafka, Map<TopicPartition, Long> target) {
        for (Map.Entry<TopicPartition, Long> end : target.entrySet()) {
            if (kafka.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    private Map<Integer, Long> positions(String topic) throws SQLException {
        Map<Integer, Long> positions = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "select partition, next_offset from event_key_position where topic = ?")) {
            select.setString(1, topic);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    positions.put(rows.getInt(1), rows.getLong(2));
                }
            }
        }
        return positions;
    }

    /** A poll's keys and tombstones, and the offsets after them, in one transaction. */
    private void store(String topic, ConsumerRecords<String, byte[]> records) throws SQLException {
        // In key order: instances of a service share event_key, and rows locked in one order never deadlock.
        Map<String, KeyRecord> latest = new TreeMap<>();
        Map<Integer, Long> next = new TreeMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            next.merge(record.partition(), record.offset() + 1, Math::max);
            if (record.key() == null) {
                continue;
            }
            if (record.value() == null) {
                latest.put(record.key(), null);
                continue;
            }
            try {
                KeyRecord key = KeyRecord.parse(record.value());
                if (producer.equals(key.producer()) && key.keyId().equals(record.key())) {
                    // Its own key: KeyRing reads it from lead_key. A copy would cost a row, an unwrap and an index
                    // entry per lead, and outlive nothing the original does not.
                    continue;
                }
                latest.put(record.key(), key.keyId().equals(record.key()) ? key : null);
            } catch (IllegalArgumentException e) {
                LOG.warnf("Skipping a record of %s at %d@%d: %s", topic, record.partition(), record.offset(),
                        e.getMessage());
            }
        }
        List<String> ids = new ArrayList<>();
        List<String> leads = new ArrayList<>();
        List<byte[]> wrapped = new ArrayList<>();
        List<String> destroyed = new ArrayList<>();
        latest.forEach((keyId, key) -> {
            if (key == null) {
                destroyed.add(keyId);
            } else {
                ids.add(keyId);
                leads.add(key.leadId());
                wrapped.add(key.wrappedBytes());
            }
        });
        // One statement (so one transaction) per poll: keys, tombstones and how far this service has read.
        try (Connection connection = dataSource.getConnection();
             PreparedStatement store = connection.prepareStatement("""
                     with taken as (
                         insert into event_key (key_id, lead_id, wrapped)
                         select k.id, k.lead, k.wrapped from unnest(?::text[], ?::text[], ?::bytea[]) as k(id, lead, wrapped)
                         -- a key of a lead this service erased is not taken (again): its tombstone may be compacted away
                         where not exists (select 1 from outbox_forgotten_lead f where f.lead_id = k.lead)
                         on conflict (key_id) do update set lead_id = excluded.lead_id, wrapped = excluded.wrapped
                         returning key_id),
                     gone as (delete from event_key where key_id = any(?::text[]) returning 1),
                     read as (
                         insert into event_key_position (topic, partition, next_offset)
                         select ?, p.partition, p.next_offset from unnest(?::int[], ?::bigint[]) as p(partition, next_offset)
                         on conflict (topic, partition) do update set next_offset = excluded.next_offset
                         returning 1)
                     select array(select key_id from taken), (select count(*) from gone), (select count(*) from read)""")) {
            store.setArray(1, connection.createArrayOf("text", ids.toArray()));
            store.setArray(2, connection.createArrayOf("text", leads.toArray()));
            store.setArray(3, connection.createArrayOf("bytea", wrapped.toArray(new byte[0][])));
            store.setArray(4, connection.createArrayOf("text", destroyed.toArray()));
            store.setString(5, topic);
            store.setArray(6, connection.createArrayOf("int4", next.keySet().toArray()));
            store.setArray(7, connection.createArrayOf("int8", next.values().toArray()));
            Set<String> taken = new HashSet<>();
            try (ResultSet row = store.executeQuery()) {
                row.next();
                taken.addAll(Arrays.asList((String[]) row.getArray(1).getArray()));
            }
            // The next events of these leads open from memory.
            destroyed.forEach(recent::remove);
            latest.forEach((keyId, key) -> {
                if (key != null && taken.contains(keyId)) {
                    recent.put(keyId, master.unwrap(keyId, key.wrappedBytes()));
                }
            });
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
