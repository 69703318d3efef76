package io.leadflow.deploy.checks;

import static io.leadflow.deploy.checks.Repo.list;
import static io.leadflow.deploy.checks.Repo.map;
import static io.leadflow.deploy.checks.Repo.str;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** deploy/compose/compose.yaml wires what the services need, starts things in order, and publishes distinct ports. */
class ComposeTest {

    private static final Path FILE = Repo.COMPOSE.resolve("compose.yaml");

    private static Map<String, Object> services() {
        return map(Repo.single(FILE), "services");
    }

    /** depends_on in both its short (list) and long (map) forms. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> dependsOn(Object service) {
        Object d = ((Map<String, Object>) service).get("depends_on");
        if (d instanceof List<?> l) {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            l.forEach(x -> m.put(String.valueOf(x), Map.of("condition", "service_started")));
            return m;
        }
        return d instanceof Map ? (Map<String, Object>) d : Map.of();
    }

    @Test
    void everyDependencyExistsHasAHealthcheckAndIsAwaitedHealthy() {
        Map<String, Object> services = services();
        services.forEach((name, service) -> dependsOn(service).forEach((target, how) -> {
            assertThat(services).as(name + " depends on " + target).containsKey(target);
            assertThat(map(services.get(target), "healthcheck")).as(target + " healthcheck").containsKey("test");
            assertThat(str(how, "condition")).as(name + " waits for " + target).isEqualTo("service_healthy");
        }));
    }

    @Test
    void eachServiceWaitsForKafkaAndItsOwnDatabase() {
        Map<String, Object> services = services();
        for (Services.Service s : Services.ALL) {
            Object service = services.get(s.name());
            assertThat(service).as(s.name()).isNotNull();
            Map<String, Object> env = map(service, "environment");
            String pgHost = str(env, "LEADFLOW_PG_HOST");
            assertThat(dependsOn(service)).as(s.name()).containsKeys("kafka", pgHost);
            assertThat(str(map(services.get(pgHost), "environment"), "POSTGRES_DB")).as(pgHost + " database")
                    .isEqualTo(s.database()).isEqualTo(str(env, "LEADFLOW_PG_DATABASE"));
            assertThat(str(services.get(pgHost), "image")).as(pgHost).startsWith("postgres:16");
        }
        Set<String> databaseServers = new HashSet<>();
        Services.ALL.forEach(s -> databaseServers.add(str(map(services.get(s.name()), "environment"), "LEADFLOW_PG_HOST")));
        assertThat(databaseServers).as("one PostgreSQL per service").hasSize(Services.ALL.size());
    }

    @Test
    void environmentIsCompleteAndOnlyWhatServicesRead() {
        Map<String, Object> services = services();
        for (Services.Service s : Services.ALL) {
            Map<String, Object> env = map(services.get(s.name()), "environment");
            assertThat(env.keySet()).as(s.name()).containsAll(Services.REQUIRED_ENV);
            assertThat(env.keySet()).as(s.name() + " reads every variable it is given")
                    .allSatisfy(name -> assertThat(Services.envRead(s).contains(name) || Services.passThrough(name)).as(name).isTrue());
            assertThat(str(env, "PORT")).isEqualTo(String.valueOf(s.port()));
            assertThat(str(env, "LEADFLOW_KAFKA_BOOTSTRAP")).isEqualTo("kafka:9092");
            // Without Strimzi the services create the topics.
            assertThat(str(env, "LEADFLOW_EVENTS_TOPICS_CREATE")).isEqualTo("true");
        }
    }

    @Test
    void publishedPortsAreUniqueAndServicesAnswerOnTheirOwn() {
        Map<String, Object> services = services();
        Set<String> hostPorts = new HashSet<>();
        services.forEach((name, service) -> {
            for (Object p : list(service, "ports")) {
                String spec = String.valueOf(p);
                String[] parts = spec.split(":");
                String host = parts.length >= 2 ? parts[parts.length - 2] : parts[0];
                assertThat(hostPorts.add(host)).as("host port " + host + " published twice (" + name + ")").isTrue();
            }
        });
        for (Services.Service s : Services.ALL) {
            assertThat(list(services.get(s.name()), "ports")).as(s.name())
                    .containsExactly("127.0.0.1:" + s.port() + ":" + s.port());
        }
    }

    /** The four APIs, on the host's loopback only; Kafka, the databases and the management ports stay inside. */
    @Test
    void onlyTheFourApisArePublishedAndOnlyOnLoopback() {
        Map<String, Object> services = services();
        services.forEach((name, service) -> {
            boolean api = Services.ALL.stream().anyMatch(s -> s.name().equals(name));
            if (!api) {
                assertThat(((Map<?, ?>) service).get("ports")).as(name + " publishes nothing").isNull();
            }
        });
    }

    @Test
    void thereIsNoDefaultPassword() throws Exception {
        String compose = java.nio.file.Files.readString(Repo.COMPOSE.resolve("compose.yaml"));
        assertThat(compose).doesNotContainPattern("PASSWORD[A-Z_]*:-")
                .contains("${LEADFLOW_PG_PASSWORD:?");
    }

    @Test
    void servicesAreBuiltFromTheSharedDockerfile() {
        Map<String, Object> services = services();
        for (Services.Service s : Services.ALL) {
            Map<String, Object> build = map(services.get(s.name()), "build");
            Path context = Repo.COMPOSE.resolve(str(build, "context")).normalize();
            assertThat(context).as(s.name() + " build context").isEqualTo(Repo.ROOT);
            assertThat(context.resolve(str(build, "dockerfile"))).as(s.name() + " Dockerfile").isRegularFile()
                    .isEqualTo(Repo.DOCKER.resolve("Dockerfile.jvm"));
            assertThat(str(map(build, "args"), "SERVICE")).isEqualTo(s.name());
            assertThat(str(map(build, "args"), "PORT")).isEqualTo(String.valueOf(s.port()));
            String test = String.valueOf(map(services.get(s.name()), "healthcheck").get("test"));
            assertThat(test).as(s.name() + " healthcheck on the management port").contains("/q/health/ready")
                    .contains("127.0.0.1/" + (s.port() + 1000));
        }
    }

    @Test
    void kafkaIsOneKraftNodeOfTheProjectsVersion() {
        Map<String, Object> kafka = map(services(), "kafka");
        Map<String, Object> env = map(kafka, "environment");
        assertThat(str(kafka, "image")).isEqualTo("apache/kafka:4.1.2");
        assertThat(str(env, "KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller");
        assertThat(str(env, "KAFKA_CONTROLLER_QUORUM_VOTERS")).startsWith(str(env, "KAFKA_NODE_ID") + "@");
        assertThat(str(env, "KAFKA_ADVERTISED_LISTENERS")).contains("//kafka:9092");
        // KRaft cluster ids are 16 bytes, base64url without padding.
        assertThat(str(env, "CLUSTER_ID")).matches("[A-Za-z0-9_-]{22}");
        for (String rf : List.of("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR")) {
            assertThat(str(env, rf)).as(rf + " on one node").isEqualTo("1");
        }
    }
}
