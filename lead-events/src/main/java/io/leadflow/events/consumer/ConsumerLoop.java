package io.leadflow.events.consumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

import io.leadflow.events.config.EventsConfig;
import io.leadflow.events.contract.EventEnvelope;
import io.leadflow.events.contract.EventJson;
import io.leadflow.events.crypto.KeyRing;
import io.leadflow.events.kafka.KafkaClients;
import io.leadflow.events.kafka.TopicAdmin;
import io.leadflow.events.kafka.TopicNames;
import io.leadflow.events.tx.DatabaseFailures;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * One handler's consumer thread: poll, apply the poll's events in one transaction (idempotently; one transaction per
 * event when that fails), and commit the offsets only after those transactions committed. An event that still fails
 * after retries goes to the dead-letter topic with the error in its headers, so one poison message never blocks its
 * partition.
 */
public class ConsumerLoop {

    private static final Logger LOG = Logger.getLogger(ConsumerLoop.class);
    /** Retries of an event that met a concurrent transaction (deadlock, version conflict) before they count. */
    static final int MAX_CONFLICT_RETRIES = 20;

    private final EventHandler handler;
    private final KafkaClients clients;
    private final TopicAdmin topicAdmin;
    private final TopicNames topicNames;
    private final ProcessedEvents processedEvents;
    private final OrmBoundary ormBoundary;
    private final KeyRing keyRing;
    private final EventsConfig.Consumer config;
    private final Counter applied;
    private final Counter duplicates;
    private final Counter deadLettered;
    private final Counter batchFallbacks;
    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;
    private final String member;

    /** @param member suffix of this loop's thread and client id when a handler has several ("-0", "-1", ...) */
    ConsumerLoop(EventHandler handler, KafkaClients clients, TopicAdmin topicAdmin, TopicNames topicNames,
                 ProcessedEvents processedEvents, OrmBoundary ormBoundary, KeyRing keyRing,
                 EventsConfig.Consumer config, MeterRegistry registry, String member) {
        this.ormBoundary = ormBoundary;
        this.keyRing = keyRing;
        this.member = member;
        this.handler = handler;
        this.clients = clients;
        this.topicAdmin = topicAdmin;
        this.topicNames = topicNames;
        this.processedEvents = processedEvents;
        this.config = config;
        this.applied = registry.counter("leadflow.consumer.applied", "consumer", handler.name());
        this.duplicates = registry.counter("leadflow.consumer.duplicates", "consumer", handler.name());
        this.deadLettered = registry.counter("leadflow.consumer.dead.lettered", "consumer", handler.name());
        this.batchFallbacks = registry.counter("leadflow.consumer.batch.fallbacks", "consumer", handler.name());
    }

    void start() {
        running = true;
        thread = new Thread(this::run, "consumer-" + handler.name() + member);
        thread.setDaemon(true);
        thread.start();
    }

    void stop() {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(15_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public String groupId() {
        return config.groupPrefix() + "." + handler.name();
    }

    private void run() {
        while (running) {
            try {
                topicAdmin.ensureTopics();
                consumeUntilStopped();
            } catch (WakeupException e) {
                // stop() was called
            } catch (Exception e) {
                if (running) {
                    LOG.warnf("Consumer %s stopped polling (restarting in 2s): %s", handler.name(), e.toString());
                    sleep(2_000);
                }
            }
        }
    }

    private void consumeUntilStopped() {
        List<String> topics = handler.topics().stream().map(topicNames::physical).toList();
        try (KafkaConsumer<String, byte[]> kafka = clients.consumer(groupId(), groupId() + "-" + ProcessHandle.current().pid() + member,
                config.maxPollRecords());
             KafkaProducer<String, byte[]> dlqProducer = clients.producer("dlq-" + handler.name() + member, 30_000)) {
            consumer = kafka;
            kafka.subscribe(topics);
            while (running) {
                ConsumerRecords<String, byte[]> records = kafka.poll(Duration.ofMillis(500));
                if (records.isEmpty()) {
                    continue;
                }
                Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
                Batch batch = records.count() > 1 ? applyInOneTransaction(records) : Batch.NOT_TRIED;
                if (batch.applied()) {
                    for (ConsumerRecord<String, byte[]> record : records) {
                        done.put(new TopicPartition(record.topic(), record.partition()),
                                new OffsetAndMetadata(record.offset() + 1));
                    }
                    commit(kafka, done);
                    continue;
                }
                for (ConsumerRecord<String, byte[]> record : records) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    try {
                        process(record, dlqProducer, batch.failedAttempts(record));
                    } catch (RetryLaterException e) {
                        // Neither applied nor parked: keep what is done; the restarted consumer resumes here.
                        commit(kafka, done);
                        throw e;
                    }
                    done.put(partition, new OffsetAndMetadata(record.offset() + 1));
                }
                commit(kafka, done);
            }
        } finally {
            consumer = null;
        }
    }

    private static void commit(KafkaConsumer<String, byte[]> kafka, Map<TopicPartition, OffsetAndMetadata> done) {
        if (!done.isEmpty()) {
            kafka.commitSync(done);
        }
    }

    /**
     * The fast path: a poll's events applied in one transaction (one commit, one statement marking them all), in the
     * poll's order, so a lead's events keep their partition's order. When a record cannot be decoded or any event
     * fails, nothing of it stays and the answer is "not applied"; the caller then applies the poll one event per
     * transaction, where retries, conflicts and the dead-letter topic work per event, so one bad event never holds
     * back the others.
     */
    private Batch applyInOneTransaction(ConsumerRecords<String, byte[]> records) {
        List<EventEnvelope> wires = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            EventEnvelope wire;
            try {
                wire = EventJson.decode(record.value());
            } catch (EventJson.UnknownEventTypeException e) {
                continue;
            } catch (EventJson.UnsupportedSchemaVersionException e) {
                if (!handler.eventTypes().contains(e.type())) {
                    continue;
                }
                return Batch.NOT_TRIED;
            } catch (RuntimeException e) {
                return Batch.NOT_TRIED;
            }
            if (handler.eventTypes().contains(wire.type())) {
                wires.add(wire);
            }
        }
        if (wires.isEmpty()) {
            return Batch.APPLIED;
        }
        List<EventEnvelope> events;
        try {
            events = keyRing.openAll(wires);
        } catch (KeyRing.KeysUnavailable e) {
            throw new RetryLaterException("event keys unavailable", e);
        } catch (RuntimeException e) {
            return Batch.NOT_TRIED; // one that does not open goes to the dead-letter topic alone
        }
        UUID[] failing = new UUID[1];
        try {
            int first = QuarkusTransaction.requiringNew().call(() -> {
                Set<UUID> unseen = processedEvents.markAllProcessed(handler.name(),
                        events.stream().map(EventEnvelope::eventId).toList());
                List<EventEnvelope> fresh = new ArrayList<>(unseen.size());
                for (EventEnvelope event : events) {
                    if (unseen.remove(event.eventId())) {
                        fresh.add(event);
                    }
                }
                if (handler instanceof BatchEventHandler batch) {
                    // Which event failed is not known here: the fallback gives each of them all its attempts.
                    if (!fresh.isEmpty()) {
                        batch.handleAll(fresh);
                    }
                    return fresh.size();
                }
                int handled = 0;
                for (EventEnvelope event : fresh) {
                    if (handled++ > 0) {
                        ormBoundary.betweenEvents();
                    }
                    try {
                        handler.handle(event);
                    } catch (RuntimeException e) {
                        failing[0] = event.eventId();
                        throw e;
                    }
                }
                return handled;
            });
            applied.increment(first);
            duplicates.increment(events.size() - first);
            return Batch.APPLIED;
        } catch (RuntimeException e) {
            if (!running) {
                throw new RetryLaterException("stopping", e);
            }
            batchFallbacks.increment();
            LOG.debugf("%s could not apply %d events in one transaction (%s); applying them one by one",
                    handler.name(), events.size(), e.toString());
            // The event whose handler failed has had its first attempt; a conflict is nobody's attempt.
            return new Batch(false, DatabaseFailures.conflict(e) ? null : failing[0]);
        }
    }

    /** What the one-transaction try did: applied everything, or nothing (naming the event that failed, if one did). */
    private record Batch(boolean applied, UUID failed) {
        static final Batch APPLIED = new Batch(true, null);
        static final Batch NOT_TRIED = new Batch(false, null);

        int failedAttempts(ConsumerRecord<String, byte[]> record) {
            if (failed == null) {
                return 0;
            }
            try {
                return failed.equals(EventJson.decode(record.value()).eventId()) ? 1 : 0;
            } catch (RuntimeException e) {
                return 0;
            }
        }
    }

    /** @param attemptsSoFar failed attempts this event already had (its handler failed the poll's transaction) */
    private void process(ConsumerRecord<String, byte[]> record, KafkaProducer<String, byte[]> dlqProducer,
                         int attemptsSoFar) {
        EventEnvelope wire;
        try {
            wire = EventJson.decode(record.value());
        } catch (EventJson.UnknownEventTypeException e) {
            LOG.debugf("Skipping %s: this build does not know it", e.eventType());
            return;
        } catch (EventJson.UnsupportedSchemaVersionException e) {
            if (handler.eventTypes().contains(e.type())) {
                deadLetter(record, e, 0, dlqProducer);
            }
            return;
        } catch (RuntimeException e) {
            deadLetter(record, e, 0, dlqProducer);
            return;
        }
        if (!handler.eventTypes().contains(wire.type())) {
            return;
        }
        EventEnvelope event;
        try {
            event = keyRing.open(wire);
        } catch (KeyRing.KeysUnavailable e) {
            throw new RetryLaterException("event keys unavailable", e);
        } catch (RuntimeException e) {
            deadLetter(record, e, 0, dlqProducer); // sealed with a key it does not open with: altered, or wrong master key
            return;
        }
        long backoff = config.initialBackoff().toMillis();
        if (attemptsSoFar > 0) {
            sleep(backoff);
            backoff *= 2;
        }
        int conflicts = 0;
        for (int attempt = attemptsSoFar + 1; ; attempt++) {
            try {
                boolean firstTime = QuarkusTransaction.requiringNew().call(() -> {
                    if (!processedEvents.markProcessed(handler.name(), event.eventId())) {
                        return false;
                    }
                    handler.handle(event);
                    return true;
                });
                (firstTime ? applied : duplicates).increment();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    // Shutting down: leave the event uncommitted for whoever consumes this partition next.
                    throw new RetryLaterException("stopping", e);
                }
                if (DatabaseFailures.conflict(e) && ++conflicts <= MAX_CONFLICT_RETRIES) {
                    // Another member of this group (or instance) held the same rows: not a failure of this event,
                    // so it does not count towards the dead-letter attempts. A short random pause parts the two.
                    LOG.debugf("%s met a concurrent transaction on %s; trying again", handler.name(), event.eventId());
                    attempt--;
                    sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(5, 50));
                    continue;
                }
                if (attempt >= config.maxAttempts() && DatabaseFailures.unavailable(e)) {
                    // The database is away, not the event bad: keep it (never dead-letter it) and poll again later.
                    throw new RetryLaterException("database unavailable", e);
                }
                if (attempt >= config.maxAttempts()) {
                    deadLetter(record, e, attempt, dlqProducer);
                    return;
                }
                LOG.debugf("Attempt %d of %s for %s failed: %s", attempt, handler.name(), event.eventId(), e);
                sleep(backoff);
                backoff *= 2;
            }
        }
    }

    private void deadLetter(ConsumerRecord<String, byte[]> record, Exception error, int attempts,
                            KafkaProducer<String, byte[]> dlqProducer) {
        String dlqTopic = topicNames.deadLetter(topicNames.logical(record.topic()));
        ProducerRecord<String, byte[]> out = DeadLetterHeaders.deadLetter(record, dlqTopic, error, handler.name(),
                attempts);
        try {
            dlqProducer.send(out).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new DeadLetterUnavailableException(e);
        }
        deadLettered.increment();
        LOG.errorf("Event at %s-%d@%d sent to %s after %d attempts: %s", record.topic(), record.partition(),
                record.offset(), dlqTopic, attempts, error.toString());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The dead-letter topic could not take a failed event; the loop retries from that event. */
    /** The event was neither applied nor parked; the consumer restarts from the last committed offset. */
    static class RetryLaterException extends RuntimeException {
        RetryLaterException(String why, Exception cause) {
            super(why, cause);
        }
    }

    static class DeadLetterUnavailableException extends RetryLaterException {
        DeadLetterUnavailableException(Exception cause) {
            super("dead-letter topic unavailable", cause);
        }
    }
}
