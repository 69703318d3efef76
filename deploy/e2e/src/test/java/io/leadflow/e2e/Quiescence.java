package io.leadflow.e2e;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The moment the suite has nothing left to do with what it was sent: no topic of the run grew since the last look,
 * and every consumer group of the run has committed every partition it reads up to its end. What a test waits for
 * before it says something did not happen ("no task was doubled"): by then anything a redelivery would have doubled
 * has been consumed, so the check is a fact, not a guess about how long a redelivery takes.
 */
final class Quiescence {

    private Quiescence() {
    }

    static void await(E2eStack stack, Duration max) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap());
        try (Admin admin = Admin.create(config)) {
            AtomicReference<Map<TopicPartition, Long>> previous = new AtomicReference<>(Map.of());
            Api.await("the run's topics quiet and every consumer group at their end", max, Duration.ofMillis(250))
                    .until(() -> {
                        Map<TopicPartition, Long> ends = endOffsets(admin, stack.topicPrefix());
                        boolean stable = ends.equals(previous.getAndSet(ends));
                        return stable && caughtUp(admin, "e2e-" + stack.runId() + ".", ends);
                    });
        }
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, String topicPrefix) throws Exception {
        Set<String> topics = new HashSet<>();
        for (String topic : admin.listTopics().names().get()) {
            if (topic.startsWith(topicPrefix)) {
                topics.add(topic);
            }
        }
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get().forEach((name, description) ->
                description.partitions().forEach(p -> latest.put(new TopicPartition(name, p.partition()),
                        OffsetSpec.latest())));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    private static boolean caughtUp(Admin admin, String groupPrefix, Map<TopicPartition, Long> ends)
            throws Exception {
        Set<String> groups = new HashSet<>();
        for (ConsumerGroupListing group : admin.listConsumerGroups().all().get()) {
            if (group.groupId().startsWith(groupPrefix)) {
                groups.add(group.groupId());
            }
        }
        for (ConsumerGroupDescription group : admin.describeConsumerGroups(groups).all().get().values()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                    .partitionsToOffsetAndMetadata().get();
            Set<TopicPartition> read = new HashSet<>(committed.keySet());
            for (MemberDescription member : group.members()) {
                read.addAll(member.assignment().topicPartitions());
            }
            for (TopicPartition tp : read) {
                long end = ends.getOrDefault(tp, 0L);
                OffsetAndMetadata at = committed.get(tp);
                if (end > 0 && (at == null || at.offset() < end)) {
                    return false;
                }
            }
        }
        return true;
    }
}
