package io.leadflow.events.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
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
            // A dead letter waits for a person; it is kept as long as the events themselves, never expired silently.
            topics.add(new NewTopic(names.deadLetter(topic), Math.max(1, config.partitions() / 2),
                    config.replicationFactor())
                    .configs(java.util.Map.of("retention.ms", Long.toString(config.retentionMs()))));
        }
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
        }
        ensured = true;
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
