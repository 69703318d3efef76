package io.leadflow.events.kafka;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

import io.leadflow.events.config.EventsConfig;
import io.leadflow.events.contract.Topics;

/**
 * Creates the contract's topics with the configured partitions before the first send or subscribe, so that a
 * broker's auto-creation (one partition) never decides how far a service can scale out.
 */
@ApplicationScoped
public class TopicAdmin {

    private static final Logger LOG = Logger.getLogger(TopicAdmin.class);

    private final KafkaClients clients;
    private final TopicNames names;
    private final EventsConfig.Topics config;
    private volatile boolean ensured;

    public TopicAdmin(KafkaClients clients, TopicNames names, EventsConfig config) {
        this.clients = clients;
        this.names = names;
        this.config = config.topics();
    }

    /** Idempotent and safe from several threads; throws when the broker cannot be reached (callers retry). */
    public synchronized void ensureTopics() throws Exception {
        if (ensured || !config.create()) {
            ensured = true;
            return;
        }
        List<NewTopic> topics = new ArrayList<>();
        for (String topic : Topics.ALL) {
            // Kept forever by default: analytics rebuilds its read model by replaying the topics from the start.
            topics.add(new NewTopic(names.physical(topic), config.partitions(), config.replicationFactor())
                    .configs(java.util.Map.of("retention.ms", Long.toString(config.retentionMs()))));
            topics.add(new NewTopic(names.deadLetter(topic), Math.max(1, config.partitions() / 2),
                    config.replicationFactor()).configs(deadLetterConfig()));
        }
        topics.add(new NewTopic(names.physical(Topics.KEYS), config.partitions(), config.replicationFactor())
                .configs(keysConfig()));
        try (Admin admin = clients.admin()) {
            Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t.name())).toList();
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get(15, TimeUnit.SECONDS);
                    LOG.infof("Created Kafka topics %s", missing.stream().map(NewTopic::name).toList());
                } catch (ExecutionException e) {
                    // Another instance created them first: fine.
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            // Topics made by an earlier version keep what they were made with: bring the dead letters' retention
            // and the keys' compaction to what this configuration says (idempotent).
            Map<ConfigResource, java.util.Collection<AlterConfigOp>> alter = new HashMap<>();
            for (NewTopic topic : topics) {
                if (existing.contains(topic.name()) && (isDeadLetter(topic.name())
                        || topic.name().equals(names.physical(Topics.KEYS)))) {
                    alter.put(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()), topic.configs().entrySet()
                            .stream().map(c -> new AlterConfigOp(new ConfigEntry(c.getKey(), c.getValue()),
                                    AlterConfigOp.OpType.SET)).toList());
                }
            }
            if (!alter.isEmpty()) {
                admin.incrementalAlterConfigs(alter).all().get(15, TimeUnit.SECONDS);
            }
        }
        ensured = true;
    }

    private static boolean isDeadLetter(String topic) {
        return topic.endsWith(Topics.DLQ_SUFFIX);
    }

    /** A dead letter waits for a person for a while, then goes: it holds a copy of the failed event. */
    private Map<String, String> deadLetterConfig() {
        return Map.of("retention.ms", Long.toString(config.deadLetterRetention().toMillis()));
    }

    /**
     * Compacted, so only each key's last record stays; a destroyed key's tombstone makes compaction remove the key
     * within {@code keys-compaction-lag} (segments roll that often, so the active one never shelters it), and the
     * tombstone itself stays as long again for readers that were away.
     */
    private Map<String, String> keysConfig() {
        String lag = Long.toString(config.keysCompactionLag().toMillis());
        return Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "0", "max.compaction.lag.ms", lag,
                "segment.ms", lag, "delete.retention.ms", lag, "min.cleanable.dirty.ratio", "0.1");
    }

    @PreDestroy
    void deleteThrowAwayTopics() {
        if (!config.deleteOnStop() || names.prefix().isEmpty()) {
            return;
        }
        try (Admin admin = clients.admin()) {
            List<String> mine = admin.listTopics().names().get(5, TimeUnit.SECONDS).stream()
                    .filter(t -> t.startsWith(names.prefix())).toList();
            admin.deleteTopics(mine).all().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.debugf("Could not delete test topics with prefix %s: %s", names.prefix(), e.getMessage());
        }
    }
}
