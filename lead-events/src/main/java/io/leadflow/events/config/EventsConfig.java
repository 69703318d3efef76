package io.leadflow.events.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** How a service publishes and consumes the contract's events; every value has a one-machine default. */
@ConfigMapping(prefix = "leadflow.events")
public interface EventsConfig {

    /** The name stamped on every event this service produces, e.g. {@code lead-intake-service}. */
    @WithDefault("${quarkus.application.name}")
    String producer();

    /**
     * Prepended to every topic name. Empty in production; tests use a prefix per run so that they never
     * share topics with a suite running on the same broker.
     */
    @WithName("topic-prefix")
    Optional<String> topicPrefix();

    Relay relay();

    Consumer consumer();

    Topics topics();

    DeadLetters deadLetters();

    Housekeeping housekeeping();

    Crypto crypto();

    interface Crypto {
        /**
         * The suite's master key (32 bytes, base64), the same in every service: each lead's key is kept and published
         * wrapped with it, so neither a database dump nor a read of the keys topic alone opens an event. Required;
         * only tests and dev mode have one built in.
         */
        Optional<String> masterKey();

        /**
         * How long a consumer waits for the keys topic to catch up when an event's key is not known yet; past it the
         * event is retried later (never read as erased because Kafka was slow).
         */
        @WithDefault("30s")
        Duration keysCatchUpTimeout();

        /** Unwrapped keys a service keeps in memory for the events it opens next. */
        @WithDefault("20000")
        int keyCacheSize();
    }

    interface Relay {
        /** Off only for services that never produce events. */
        @WithDefault("true")
        boolean enabled();

        @WithDefault("500")
        int batchSize();

        /** The relay is woken on commit; this period only catches rows committed by other instances. */
        @WithDefault("1s")
        Duration pollInterval();

        /** How long a batch waits for Kafka to confirm before the rows are retried. */
        @WithDefault("30s")
        Duration sendTimeout();

        /** Pause after a failed batch (e.g. Kafka down) before trying again. */
        @WithDefault("2s")
        Duration retryBackoff();

        /** Published rows are kept this long for inspection, then deleted. */
        @WithDefault("P7D")
        Duration retention();

        /**
         * How soon a row of an erased lead that the relay was sending during the erasure is deleted after it is
         * published ({@code ForgottenLeadsSweep}).
         */
        @WithDefault("30s")
        Duration forgottenSweepInterval();
    }

    interface Consumer {
        @WithDefault("true")
        boolean enabled();

        /** Consumer groups are named {@code <group-prefix>.<handler name>}. */
        @WithDefault("leadflow")
        String groupPrefix();

        /** Attempts per event before it goes to the dead-letter topic. */
        @WithDefault("4")
        int maxAttempts();

        /** First retry pause; doubles each attempt. */
        @WithDefault("200ms")
        Duration initialBackoff();

        @WithDefault("200")
        int maxPollRecords();

        /**
         * Consumer threads per handler, each a member of the handler's consumer group, so Kafka shares the topics'
         * partitions among them as it does among instances: a lead's events stay in order (they share a partition)
         * while other leads are applied at the same time. Handlers must be safe for several instances anyway.
         * More threads than partitions leave the extra ones idle.
         */
        @WithDefault("1")
        int threads();
    }

    interface Topics {
        /** Create the contract's topics (and their .dlq) at start when missing; off where Strimzi manages them. */
        @WithDefault("true")
        boolean create();

        @WithDefault("6")
        int partitions();

        @WithDefault("1")
        short replicationFactor();

        /** retention.ms of the contract topics; -1 keeps every event so read models can be rebuilt. */
        @WithDefault("-1")
        long retentionMs();

        /**
         * How long a dead letter is kept on its {@code .dlq} topic: long enough for a person to look at it and re-drive
         * it (see the processed-event retention), short enough that a failed event's copy does not outlive its need.
         */
        @WithDefault("P30D")
        Duration deadLetterRetention();

        /**
         * The longest a destroyed key may stay in the keys topic's log before compaction removes it (and how long its
         * tombstone stays for readers to see it).
         */
        @WithDefault("PT1H")
        Duration keysCompactionLag();

        /** For throw-away test topics only: delete this run's prefixed topics at shutdown. */
        @WithDefault("false")
        boolean deleteOnStop();
    }

    interface DeadLetters {
        /**
         * How long listing or re-driving may read the dead-letter topics. A read that cannot reach the topics' end
         * in this time answers 503 rather than a list that silently misses entries.
         */
        @WithDefault("10s")
        Duration readTimeout();
    }

    interface Housekeeping {
        /** How often old bookkeeping rows are purged ({@code off} turns purging off). */
        @WithDefault("1h")
        String interval();

        /** The first purge after start, so that a starting service first catches up with its events. */
        @WithDefault("2m")
        String initialDelay();

        /**
         * How long {@code processed_event} remembers that an event was applied. A redelivery inside this window is
         * recognised and skipped; one after it is applied again. Raised to at least
         * {@link io.leadflow.events.housekeeping.ProcessedEventRetention#floor the longest replay window} the
         * configuration allows.
         */
        @WithDefault("P90D")
        Duration processedEventRetention();

        /** Rows deleted per statement: each is a short transaction, so purging never holds locks for long. */
        @WithDefault("1000")
        int batchSize();

        /** Statements per table and run; what is left waits for the next run. */
        @WithDefault("100")
        int maxBatches();
    }
}
