package io.leadflow.events.deadletter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

import io.leadflow.events.config.EventsConfig;
import io.leadflow.events.kafka.KafkaClients;

/**
 * Reads dead-letter topics as an outside observer: a consumer of no group, assigned the partitions and seeking to
 * the offsets it wants, within {@code leadflow.events.dead-letters.read-timeout}. It commits nothing and joins no
 * group, so the service's own consumers never notice it.
 */
@ApplicationScoped
public class DeadLetterReader {

    private final KafkaClients clients;
    private final Duration timeout;

    public DeadLetterReader(KafkaClients clients, EventsConfig config) {
        this.clients = clients;
        this.timeout = config.deadLetters().readTimeout();
    }

    /**
     * Every record of the given physical topics, from their beginning up to their end as it was when the read
     * started (a dead letter written meanwhile is in the next read). A topic that does not exist holds nothing.
     *
     * @throws IncompleteReadException when the end is not reached within the timeout
     */
    public List<ConsumerRecord<String, byte[]>> readAll(Collection<String> topics) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = clients.reader("dead-letter-reader", 500)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                partitions.addAll(partitions(consumer, topic));
            }
            if (partitions.isEmpty()) {
                return records;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions, timeout));
            end.entrySet().removeIf(e -> consumer.position(e.getKey(), timeout) >= e.getValue());
            while (!end.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IncompleteReadException(timeout, records.size());
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    Long last = end.get(new TopicPartition(record.topic(), record.partition()));
                    if (last != null && record.offset() < last) {
                        records.add(record);
                    }
                }
                end.entrySet().removeIf(e -> consumer.position(e.getKey(), timeout) >= e.getValue());
            }
        }
        return records;
    }

    /**
     * The record at one place, or empty when the partition does not exist or holds no record at that offset (not
     * yet written, removed by retention, or a gap).
     */
    public Optional<ConsumerRecord<String, byte[]>> readOne(String topic, int partition, long offset) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, byte[]> consumer = clients.reader("dead-letter-reader", 1)) {
            TopicPartition tp = new TopicPartition(topic, partition);
            if (!partitions(consumer, topic).contains(tp)) {
                return Optional.empty();
            }
            List<TopicPartition> one = List.of(tp);
            // Assigned before its offsets are asked for: a read_committed consumer keeps the answer only for its own.
            consumer.assign(one);
            long first = consumer.beginningOffsets(one, timeout).get(tp);
            long end = consumer.endOffsets(one, timeout).get(tp);
            if (offset < first || offset >= end) {
                return Optional.empty();
            }
            consumer.seek(tp, offset);
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    return record.offset() == offset ? Optional.of(record) : Optional.empty();
                }
                if (consumer.position(tp, timeout) > offset) {
                    return Optional.empty();
                }
            }
            throw new IncompleteReadException(timeout, 0);
        }
    }

    private List<TopicPartition> partitions(KafkaConsumer<String, byte[]> consumer, String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
        if (infos == null) {
            return List.of();
        }
        return infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    /** The topics could not be read to their end in time: an answer from part of them would mislead. */
    public static class IncompleteReadException extends RuntimeException {
        IncompleteReadException(Duration timeout, int read) {
            super("Could not read the dead-letter topics to their end within " + timeout + " (" + read
                    + " records read)");
        }
    }
}
