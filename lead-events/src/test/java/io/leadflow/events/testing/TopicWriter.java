package io.leadflow.events.testing;

import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes test records to a topic the way the plumbing tests need them. */
public final class TopicWriter {

    private TopicWriter() {
    }

    /**
     * Sends the values in one Kafka transaction: a read_committed consumer sees them all at once, so one poll holds
     * them all (a consumer's one-transaction path is what is tested).
     */
    public static void inOneTransaction(String bootstrap, String topic, String key, List<byte[]> values) {
        Properties config = new Properties();
        config.put("bootstrap.servers", bootstrap);
        config.put("transactional.id", "test-together-" + UUID.randomUUID());
        config.put("key.serializer", StringSerializer.class.getName());
        config.put("value.serializer", ByteArraySerializer.class.getName());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config)) {
            producer.initTransactions();
            producer.beginTransaction();
            for (byte[] value : values) {
                producer.send(new ProducerRecord<>(topic, key, value));
            }
            producer.commitTransaction();
        }
    }
}
