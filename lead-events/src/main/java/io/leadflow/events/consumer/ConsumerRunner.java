package io.leadflow.events.consumer;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import io.leadflow.events.config.EventsConfig;
import io.leadflow.events.crypto.KeyRing;
import io.leadflow.events.kafka.KafkaClients;
import io.leadflow.events.kafka.TopicAdmin;
import io.leadflow.events.kafka.TopicNames;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Starts {@code leadflow.events.consumer.threads} {@link ConsumerLoop} threads per {@link EventHandler} bean (members
 * of one consumer group), and stops them on shutdown.
 */
@ApplicationScoped
public class ConsumerRunner {

    private static final Logger LOG = Logger.getLogger(ConsumerRunner.class);

    private final Instance<EventHandler> handlers;
    private final KafkaClients clients;
    private final TopicAdmin topicAdmin;
    private final TopicNames topicNames;
    private final ProcessedEvents processedEvents;
    private final OrmBoundary ormBoundary;
    private final EventsConfig config;
    private final MeterRegistry registry;
    private final KeyRing keyRing;
    private final List<ConsumerLoop> loops = new ArrayList<>();

    public ConsumerRunner(@Any Instance<EventHandler> handlers, KafkaClients clients, TopicAdmin topicAdmin,
                          TopicNames topicNames, ProcessedEvents processedEvents, OrmBoundary ormBoundary,
                          EventsConfig config, MeterRegistry registry, KeyRing keyRing) {
        this.keyRing = keyRing;
        this.ormBoundary = ormBoundary;
        this.handlers = handlers;
        this.clients = clients;
        this.topicAdmin = topicAdmin;
        this.topicNames = topicNames;
        this.processedEvents = processedEvents;
        this.config = config;
        this.registry = registry;
    }

    void start(@Observes StartupEvent ignored) {
        if (!config.consumer().enabled()) {
            return;
        }
        int threads = Math.max(1, config.consumer().threads());
        if (handlers.iterator().hasNext()) {
            keyRing.startReading(); // keys destroyed elsewhere are forgotten here too, whatever this service consumes
        }
        for (EventHandler handler : handlers) {
            for (int member = 0; member < threads; member++) {
                ConsumerLoop loop = new ConsumerLoop(handler, clients, topicAdmin, topicNames, processedEvents,
                        ormBoundary, keyRing, config.consumer(), registry, threads == 1 ? "" : "-" + member);
                loops.add(loop);
                loop.start();
            }
            LOG.infof("Consuming %s for %s (%d thread%s)", handler.topics(), handler.name(), threads,
                    threads == 1 ? "" : "s");
        }
    }

    void stop(@Observes ShutdownEvent ignored) {
        loops.forEach(ConsumerLoop::stop);
        loops.clear();
    }

    public List<ConsumerLoop> loops() {
        return List.copyOf(loops);
    }
}
