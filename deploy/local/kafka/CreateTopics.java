// Creates Kafka topics idempotently, or lists them. Run with Java's single-file source
// launcher on the classpath from `deploy/local/kafka.sh classpath`, so no build step and no
// kafka-tools jars (kafka-topics.sh is not on that classpath on purpose):
//
//   java -cp "$(cat "$(deploy/local/kafka.sh classpath)")" deploy/local/kafka/CreateTopics.java \
//        [--timeout SECONDS] BOOTSTRAP TOPIC:PARTITIONS [TOPIC:PARTITIONS ...]
//   java -cp ... deploy/local/kafka/CreateTopics.java [--timeout SECONDS] --list BOOTSTRAP
//
// It first waits until the cluster answers (a broker whose port is open may still be
// starting), creates only the missing topics (a TopicExistsException from a concurrent
// creator counts as success), then waits until every partition of every named topic has a
// leader, so that a producer started right after this never sees a leaderless partition.
// Replication factor: the broker's default.replication.factor (1 on the local broker),
// which also keeps this correct against a bigger cluster.
// Exit status: 0 when all named topics exist, 1 on any other failure, 2 on bad usage.

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.TopicExistsException;

public class CreateTopics {

    public static void main(String[] args) throws Exception {
        long timeoutSeconds = 60;
        boolean list = false;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--timeout" -> timeoutSeconds = Long.parseLong(args[++i]);
                case "--list" -> list = true;
                default -> rest.add(args[i]);
            }
        }
        if (rest.isEmpty() || (list && rest.size() != 1)) {
            System.err.println("usage: CreateTopics [--timeout SECONDS] BOOTSTRAP TOPIC:PARTITIONS ...");
            System.err.println("       CreateTopics [--timeout SECONDS] --list BOOTSTRAP");
            System.exit(2);
        }
        String bootstrap = rest.get(0);
        Map<String, Integer> wanted = new LinkedHashMap<>();
        for (String spec : rest.subList(1, rest.size())) {
            int colon = spec.lastIndexOf(':');
            if (colon <= 0) {
                System.err.println("bad topic spec (want name:partitions): " + spec);
                System.exit(2);
            }
            wanted.put(spec.substring(0, colon), Integer.parseInt(spec.substring(colon + 1)));
        }

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "leadflow-create-topics");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        try (Admin admin = Admin.create(props)) {
            awaitCluster(admin, deadline);
            if (list) {
                Set<String> names = new TreeSet<>(admin.listTopics().names().get());
                Map<String, TopicDescription> descriptions = admin.describeTopics(names).allTopicNames().get();
                for (String name : names) {
                    System.out.println(name + "\t" + descriptions.get(name).partitions().size());
                }
                return;
            }
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            wanted.forEach((name, partitions) -> {
                if (!existing.contains(name)) {
                    missing.add(new NewTopic(name, Optional.of(partitions), Optional.empty())
                            .configs(Map.of("retention.ms", retentionOf(name))));
                }
            });
            if (!missing.isEmpty()) {
                Map<String, org.apache.kafka.common.KafkaFuture<Void>> results = admin.createTopics(missing).values();
                for (var entry : results.entrySet()) {
                    try {
                        entry.getValue().get();
                        System.err.println("created topic " + entry.getKey() + " (" + wanted.get(entry.getKey()) + " partitions)");
                    } catch (ExecutionException e) {
                        if (!(e.getCause() instanceof TopicExistsException)) {
                            throw e;
                        }
                    }
                }
            }
            setRetention(admin, wanted.keySet());
            awaitLeaders(admin, wanted, deadline);
        } catch (ExecutionException e) {
            System.err.println("CreateTopics failed against " + bootstrap + ": " + e.getCause());
            System.exit(1);
        }
    }

    /**
     * The contract topics keep every event: analytics rebuilds its read model by replaying them. A dead letter waits
     * 30 days for a person (the services' LEADFLOW_EVENTS_TOPICS_DEAD_LETTER_RETENTION default, which they set too).
     */
    static String retentionOf(String topic) {
        return topic.endsWith(".dlq") ? "2592000000" : "-1";
    }

    /** Topics made by an earlier version of this script get the same; setting a value a topic has changes nothing. */
    private static void setRetention(Admin admin, Set<String> names) throws Exception {
        Map<org.apache.kafka.common.config.ConfigResource, java.util.Collection<org.apache.kafka.clients.admin.AlterConfigOp>>
                changes = new LinkedHashMap<>();
        for (String name : names) {
            changes.put(new org.apache.kafka.common.config.ConfigResource(
                            org.apache.kafka.common.config.ConfigResource.Type.TOPIC, name),
                    java.util.List.of(new org.apache.kafka.clients.admin.AlterConfigOp(
                            new org.apache.kafka.clients.admin.ConfigEntry("retention.ms", retentionOf(name)),
                            org.apache.kafka.clients.admin.AlterConfigOp.OpType.SET)));
        }
        admin.incrementalAlterConfigs(changes).all().get();
    }

    /** Retries until the cluster describes at least one node, or the deadline passes. */
    private static void awaitCluster(Admin admin, long deadline) throws Exception {
        while (true) {
            try {
                if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                    return;
                }
            } catch (Exception e) {
                if (System.nanoTime() > deadline) {
                    throw new ExecutionException("cluster did not answer in time", e);
                }
            }
            Thread.sleep(500);
        }
    }

    /** Waits until every partition of the wanted topics has a leader; reports partition counts. */
    private static void awaitLeaders(Admin admin, Map<String, Integer> wanted, long deadline) throws Exception {
        if (wanted.isEmpty()) {
            return;
        }
        while (true) {
            String missingLeader = null;
            try {
                Map<String, TopicDescription> descriptions = admin.describeTopics(wanted.keySet()).allTopicNames().get();
                for (TopicDescription d : descriptions.values()) {
                    for (TopicPartitionInfo p : d.partitions()) {
                        if (p.leader() == null || p.leader().isEmpty()) {
                            missingLeader = d.name() + "-" + p.partition();
                        }
                    }
                }
                if (missingLeader == null) {
                    for (TopicDescription d : descriptions.values()) {
                        int want = wanted.get(d.name());
                        int have = d.partitions().size();
                        // An existing topic is never altered: say so rather than guess.
                        if (have < want) {
                            System.err.println("WARNING: topic " + d.name() + " has " + have
                                    + " partitions, fewer than the " + want + " wanted; left as is");
                        }
                    }
                    System.err.println("all " + descriptions.size() + " topics exist and every partition has a leader");
                    return;
                }
            } catch (ExecutionException e) {
                missingLeader = "(describe failed: " + e.getCause() + ")";
            }
            if (System.nanoTime() > deadline) {
                throw new ExecutionException("no leader in time for " + missingLeader, null);
            }
            Thread.sleep(250);
        }
    }
}
