package io.leadflow.deploy.checks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The four services and what the deployment must give them, read from the services' own sources where possible. */
final class Services {

    record Service(String name, int port, String database) {
        Path module() {
            return Repo.ROOT.resolve(name);
        }
    }

    static final List<Service> ALL = List.of(
            new Service("lead-intake-service", 8081, "leadflow_intake"),
            new Service("lead-routing-service", 8082, "leadflow_routing"),
            new Service("followup-service", 8083, "leadflow_followup"),
            new Service("analytics-service", 8084, "leadflow_analytics"));

    /** What every service needs from its environment outside one machine (the README's configuration table). */
    static final List<String> REQUIRED_ENV = List.of(
            "PORT", "LEADFLOW_PG_HOST", "LEADFLOW_PG_PORT", "LEADFLOW_PG_USER", "LEADFLOW_PG_PASSWORD",
            "LEADFLOW_PG_DATABASE", "LEADFLOW_PG_POOL_SIZE", "LEADFLOW_KAFKA_BOOTSTRAP", "LEADFLOW_ZONE",
            "LEADFLOW_EVENTS_TOPICS_CREATE", "LEADFLOW_JWT_ISSUER", "LEADFLOW_JWT_PUBLIC_KEY_LOCATION",
            "LEADFLOW_EVENTS_CRYPTO_MASTER_KEY");

    /** Variables that must come from a Secret, never a ConfigMap. */
    static final Set<String> SECRET_ENV = Set.of("LEADFLOW_PG_USER", "LEADFLOW_PG_PASSWORD", "KAFKA_SASL_JAAS_CONFIG",
            "LEADFLOW_EVENTS_CRYPTO_MASTER_KEY",
            "KAFKA_SSL_KEYSTORE_PASSWORD", "KAFKA_SSL_TRUSTSTORE_PASSWORD", "KAFKA_SSL_KEY_PASSWORD");

    private Services() {
    }

    static Service byName(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a service: " + name));
    }

    /** The contract topics, read from lead-contract's Topics class so that a renamed topic fails here. */
    static List<String> contractTopics() {
        String src = Repo.read(Repo.ROOT.resolve("lead-contract/src/main/java/io/leadflow/events/contract/Topics.java"));
        Matcher m = Pattern.compile("static final String (INTAKE|ROUTING|FOLLOWUP|POLICIES) = \"([^\"]+)\"").matcher(src);
        List<String> topics = new ArrayList<>();
        while (m.find()) {
            topics.add(m.group(2));
        }
        return topics;
    }

    static String dlqSuffix() {
        String src = Repo.read(Repo.ROOT.resolve("lead-contract/src/main/java/io/leadflow/events/contract/Topics.java"));
        Matcher m = Pattern.compile("DLQ_SUFFIX = \"([^\"]+)\"").matcher(src);
        return m.find() ? m.group(1) : ".dlq";
    }

    /**
     * Environment variables a service actually reads: the {@code ${NAME...}} expressions of its
     * application.properties, and the env form of every {@code leadflow.events.*} config mapping
     * property of lead-events (SmallRye maps LEADFLOW_EVENTS_TOPICS_CREATE to leadflow.events.topics.create).
     */
    static Set<String> envRead(Service service) {
        Set<String> names = new LinkedHashSet<>();
        // A service's own configuration, plus what every service inherits from lead-events (security, logging).
        String props = Repo.read(service.module().resolve("src/main/resources/application.properties"))
                + Repo.read(Repo.ROOT.resolve("lead-events/src/main/resources/META-INF/microprofile-config.properties"));
        Matcher m = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]").matcher(props);
        while (m.find()) {
            names.add(m.group(1));
        }
        names.addAll(eventsConfigEnv());
        return names;
    }

    static Set<String> eventsConfigEnv() {
        String src = Repo.read(Repo.ROOT.resolve("lead-events/src/main/java/io/leadflow/events/config/EventsConfig.java"));
        Set<String> names = new LinkedHashSet<>();
        String group = "";
        String withName = null;
        Pattern iface = Pattern.compile("^\\s*interface (\\w+)");
        Pattern method = Pattern.compile("^\\s*[\\w<>.]+\\s+(\\w+)\\(\\);");
        Pattern named = Pattern.compile("@WithName\\(\"([^\"]+)\"\\)");
        for (String line : src.split("\n")) {
            Matcher i = iface.matcher(line);
            if (i.find()) {
                group = kebab(i.group(1)) + ".";
                continue;
            }
            Matcher n = named.matcher(line);
            if (n.find()) {
                withName = n.group(1);
                continue;
            }
            Matcher mm = method.matcher(line);
            if (mm.find()) {
                String type = line.trim().split("\\s+")[0];
                if (!List.of("Relay", "Consumer", "Topics", "DeadLetters", "Housekeeping", "Crypto").contains(type)) {
                    String prop = "leadflow.events." + group + (withName != null ? withName : kebab(mm.group(1)));
                    names.add(prop.toUpperCase().replaceAll("[^A-Z0-9]", "_"));
                }
                withName = null;
            }
        }
        return names;
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    /** A variable the services pass through generically: every KAFKA_* becomes a kafka.* client property. */
    static boolean passThrough(String env) {
        return env.startsWith("KAFKA_") || env.equals("JAVA_OPTS") || env.equals("JAVA_OPTS_APPEND");
    }
}
