package io.leadflow.analytics.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import io.leadflow.analytics.config.AnalyticsConfig;
import io.leadflow.analytics.domain.Generation;
import io.leadflow.analytics.repository.GenerationRepository;
import io.leadflow.events.config.EventsConfig;
import io.leadflow.events.contract.EventEnvelope;
import io.leadflow.events.contract.EventJson;
import io.leadflow.events.contract.Topics;
import io.leadflow.events.crypto.KeyRing;
import io.leadflow.events.domain.RuleBroken;
import io.leadflow.events.kafka.KafkaClients;
import io.leadflow.events.kafka.TopicNames;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Rebuilds the read model by replaying the three topics from their beginning into a new generation while the
 * active one keeps answering.
 *
 * <p>Order of steps, so that no event is missed: the new generation is marked BUILDING first, from then on the live
 * consumer applies every event to it as well; only then are the topics' end offsets read, and the replay applies
 * everything before them. Events both paths see are applied once (generation_event). When the replay reaches the
 * end offsets the new generation becomes ACTIVE and the old one's rows are deleted.
 */
@ApplicationScoped
public class RebuildService {

    private static final Logger LOG = Logger.getLogger(RebuildService.class);

    private final GenerationRepository generations;
    private final ReadModelService readModel;
    private final KafkaClients clients;
    private final TopicNames topicNames;
    private final EventsConfig config;
    private final int batchEvents;
    private final KeyRing keyRing;
    private volatile Thread running;
    private volatile boolean stopping;

    public RebuildService(GenerationRepository generations, ReadModelService readModel, KafkaClients clients,
                          TopicNames topicNames, EventsConfig config, KeyRing keyRing, AnalyticsConfig analytics) {
        this.keyRing = keyRing;
        this.batchEvents = analytics.rebuild().batchEvents();
        this.generations = generations;
        this.readModel = readModel;
        this.clients = clients;
        this.topicNames = topicNames;
        this.config = config;
    }

    /** A replay does not survive a restart: its half-built generation is failed and removed, the active one stays. */
    void onStart(@Observes StartupEvent ignored) {
        QuarkusTransaction.requiringNew().run(() -> {
            var stale = generations.failStaleBuilds("interrupted by a restart; start the rebuild again");
            if (!stale.isEmpty()) {
                LOG.warnf("Rebuild of generation %d was interrupted by a restart and is abandoned",
                        stale.get(0).generation());
                generations.purgeInactive();
            }
        });
    }

    void onStop(@Observes ShutdownEvent ignored) {
        stopping = true;
        Thread t = running;
        if (t != null) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Starts a replay into a new generation for {@code startedBy}; 409 while one is already running. */
    public synchronized Generation start(String startedBy) {
        int generation = QuarkusTransaction.requiringNew().call(
                () -> generations.startBuilding(startedBy, "rebuild by replay"));
        if (generation < 0) {
            throw new RuleBroken("Generation " + (-generation) + " is being rebuilt already; wait until "
                    + "GET /api/v1/analytics/rebuild shows it ACTIVE or FAILED.");
        }
        Thread t = new Thread(() -> replay(generation), "analytics-rebuild-" + generation);
        t.setDaemon(true);
        running = t;
        t.start();
        return status().stream().filter(g -> g.generation() == generation).findFirst().orElseThrow();
    }

    public List<Generation> status() {
        return generations.recent();
    }

    private void replay(int generation) {
        long applied = 0;
        long started = System.nanoTime();
        try (KafkaConsumer<String, byte[]> consumer = clients.consumer(config.consumer().groupPrefix()
                + ".analytics-rebuild-" + generation, "analytics-rebuild-" + generation, batchEvents)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : Topics.ALL) {
                String physical = topicNames.physical(topic);
                List<PartitionInfo> infos = consumer.partitionsFor(physical, Duration.ofSeconds(10));
                if (infos != null) {
                    infos.forEach(p -> partitions.add(new TopicPartition(physical, p.partition())));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
            end.entrySet().removeIf(e -> e.getValue() <= consumer.position(e.getKey()));
            while (!end.isEmpty()) {
                if (stopping) {
                    throw new IllegalStateException("service stopping");
                }
                List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                    Long last = end.get(tp);
                    if (last == null || record.offset() >= last) {
                        continue;
                    }
                    batch.add(record);
                }
                applied += applyBatch(generation, batch);
                end.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
                long progress = applied;
                QuarkusTransaction.requiringNew().run(() -> generations.progress(generation, progress));
            }
            long total = applied;
            QuarkusTransaction.requiringNew().run(() -> generations.switchTo(generation, total));
            long millis = Math.max(1, (System.nanoTime() - started) / 1_000_000);
            LOG.infof("Read model generation %d is active after replaying %d events in %d ms (%d events/s)",
                    generation, total, millis, total * 1000 / millis);
            purgeInactive();
        } catch (RuntimeException e) {
            LOG.errorf(e, "Rebuild of generation %d failed; the active model keeps answering", generation);
            QuarkusTransaction.requiringNew().run(() -> generations.fail(generation, e.toString()));
            purgeInactive();
        } finally {
            running = null;
        }
    }

    /**
     * Deletes the rows of the retired (or failed) model. A live consumer that read the list of live models just
     * before a switch may still be writing the retired one, locking its rows in lead order while the delete takes
     * them in table order: PostgreSQL then ends one of the two as a deadlock. That is housekeeping failing, not the
     * rebuild, whose outcome is already recorded: try again a few times, else leave the rows to the next purge
     * (every start and every rebuild purges).
     */
    private void purgeInactive() {
        for (int attempt = 1; ; attempt++) {
            try {
                QuarkusTransaction.requiringNew().run(generations::purgeInactive);
                return;
            } catch (RuntimeException e) {
                if (attempt == 3) {
                    LOG.warnf("The rows of retired and failed read models stay until the next purge: %s",
                            e.toString());
                    return;
                }
            }
        }
    }

    /**
     * Applies a poll's records in one transaction (one commit, one write per cube cell); if any of them fails, the
     * batch is rolled back and applied again one record per transaction, so that only the bad one is skipped.
     */
    private long applyBatch(int generation, List<ConsumerRecord<String, byte[]>> batch) {
        if (batch.isEmpty()) {
            return 0;
        }
        List<EventEnvelope> wires = new ArrayList<>(batch.size());
        for (ConsumerRecord<String, byte[]> record : batch) {
            try {
                wires.add(EventJson.decode(record.value()));
            } catch (RuntimeException e) {
                LOG.warnf("Replay skips %s-%d@%d: %s", record.topic(), record.partition(), record.offset(),
                        e.getMessage());
            }
        }
        // Sealed events open with their leads' keys; an erased lead's read as their clear part, as live.
        List<EventEnvelope> events;
        try {
            events = keyRing.openAll(wires);
        } catch (KeyRing.KeysUnavailable e) {
            throw e; // not a bad event: the rebuild stops and can be started again
        } catch (RuntimeException e) {
            LOG.warnf("Replay batch of %d events holds one that does not open (%s); applying them one by one",
                    wires.size(), e.toString());
            return applyOneByOne(generation, batch);
        }
        try {
            return QuarkusTransaction.requiringNew().call(() -> readModel.applyAll(generation, events));
        } catch (RuntimeException e) {
            LOG.warnf("Replay batch of %d events failed (%s); applying them one by one", events.size(), e.toString());
            return applyOneByOne(generation, batch);
        }
    }

    private long applyOneByOne(int generation, List<ConsumerRecord<String, byte[]>> batch) {
        long applied = 0;
        for (ConsumerRecord<String, byte[]> record : batch) {
            if (apply(generation, record)) {
                applied++;
            }
        }
        return applied;
    }

    /** Applies one replayed record; an event the live consumer dead-lettered is skipped here too, with a log. */
    private boolean apply(int generation, ConsumerRecord<String, byte[]> record) {
        EventEnvelope event;
        try {
            event = keyRing.open(EventJson.decode(record.value()));
        } catch (KeyRing.KeysUnavailable e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.warnf("Replay skips %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), e.getMessage());
            return false;
        }
        try {
            return QuarkusTransaction.requiringNew().call(() -> readModel.applyTo(generation, event));
        } catch (RuntimeException e) {
            LOG.warnf("Replay skips event %s (%s): %s", event.eventId(), event.eventType(), e.toString());
            return false;
        }
    }
}
