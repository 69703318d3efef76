package io.leadflow.deploy.checks;

import static io.leadflow.deploy.checks.Repo.map;
import static io.leadflow.deploy.checks.Repo.str;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The Strimzi KafkaTopic resources are exactly the event contract's topics (kept forever), their dead-letter topics
 * (kept 30 days) and the compacted keys topic (a destroyed key gone within an hour).
 */
class KafkaTopicsTest {

    static final String KEYS = "leadflow.keys.v1";

    private static List<String> expectedTopics() {
        List<String> topics = new ArrayList<>();
        for (String t : Services.contractTopics()) {
            topics.add(t);
            topics.add(t + Services.dlqSuffix());
        }
        topics.add(KEYS);
        return topics;
    }

    @Test
    void contractTopicsAreReadFromLeadEvents() {
        assertThat(Services.contractTopics()).containsExactly("leadflow.intake.v1", "leadflow.routing.v1", "leadflow.followup.v1",
                "leadflow.policies.v1");
    }

    @Test
    void baseDeclaresEveryContractTopicAndItsDeadLetterTopic() {
        List<String> declared = Builds.of(Builds.BASE).ofKind("KafkaTopic").stream()
                .map(t -> str(map(t, "spec"), "topicName") != null ? str(map(t, "spec"), "topicName") : Kustomize.name(t)).toList();
        assertThat(declared).containsExactlyInAnyOrderElementsOf(expectedTopics());
    }

    @Test
    void eventsAreKeptForeverDeadLettersThirtyDaysAndKeysCompactedWithThreeReplicasAndTwoInSync() {
        for (Map<String, Object> topic : Builds.of(Builds.PRODUCTION).ofKind("KafkaTopic")) {
            String name = str(map(topic, "spec"), "topicName");
            Map<String, Object> spec = map(topic, "spec");
            Map<String, Object> config = map(spec, "config");
            assertThat(topic.get("apiVersion")).as(name).isEqualTo("kafka.strimzi.io/v1beta2");
            assertThat(str(map(map(topic, "metadata"), "labels"), "strimzi.io/cluster")).as(name + " cluster label").isNotBlank();
            assertThat(((Number) spec.get("partitions")).intValue()).as(name + " partitions").isEqualTo(12);
            assertThat(((Number) spec.get("replicas")).intValue()).as(name + " replicas").isEqualTo(3);
            assertThat(String.valueOf(config.get("min.insync.replicas"))).as(name + " min.insync.replicas").isEqualTo("2");
            if (KEYS.equals(name)) {
                assertThat(String.valueOf(config.get("cleanup.policy"))).as(name).isEqualTo("compact");
                assertThat(String.valueOf(config.get("max.compaction.lag.ms"))).as(name).isEqualTo("3600000");
                assertThat(String.valueOf(config.get("segment.ms"))).as(name + " (the active segment is never compacted)")
                        .isEqualTo("3600000");
                continue;
            }
            assertThat(String.valueOf(config.get("retention.ms"))).as(name + " retention.ms")
                    .isEqualTo(name.endsWith(Services.dlqSuffix()) ? String.valueOf(30L * 24 * 3600 * 1000) : "-1");
            assertThat(String.valueOf(config.getOrDefault("cleanup.policy", "delete"))).as(name + " not compacted")
                    .isEqualTo("delete");
        }
        assertThat(Builds.of(Builds.PRODUCTION).ofKind("KafkaTopic")).hasSize(expectedTopics().size());
    }

    @Test
    void servicesCreateTopicsOnlyWhereStrimziDoesNot() {
        for (var dir : Builds.all()) {
            Kustomize.Build build = Builds.of(dir);
            String create = build.data("ConfigMap", "leadflow-common").get("LEADFLOW_EVENTS_TOPICS_CREATE");
            boolean strimzi = !build.ofKind("KafkaTopic").isEmpty();
            assertThat(create).as(Builds.label(dir) + ": LEADFLOW_EVENTS_TOPICS_CREATE with" + (strimzi ? "" : "out") + " KafkaTopics")
                    .isEqualTo(strimzi ? "false" : "true");
        }
    }
}
