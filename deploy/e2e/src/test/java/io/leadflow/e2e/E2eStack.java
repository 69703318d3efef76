package io.leadflow.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.leadflow.events.testing.FreePorts;
import io.leadflow.events.testing.ThrowAwayKafkaBroker;

/**
 * The whole suite for one e2e run, started once for every IT and stopped when the last one is done:
 * <ul>
 * <li>four fresh databases {@code leadflow_<service>_e2e_<run>} on the test run's PostgreSQL (dropped at the end);</li>
 * <li>a Kafka broker: by default a {@link ThrowAwayKafkaBroker} in a child process, so that an IT may stop and start
 * it without touching the shared broker ({@code -Dleadflow.e2e.kafka=shared} uses {@code leadflow.kafka.bootstrap}
 * instead, and the outage IT is skipped); topics carry the prefix {@code e2e-<run>.} either way;</li>
 * <li>the four packaged services as separate OS processes on free ports, started in parallel;</li>
 * <li>the one origin in front of them ({@link OneOrigin}: nginx routing {@code deploy/routes.tsv}), which every IT
 * calls as a frontend would; {@link #directUrl} is a service's own port.</li>
 * </ul>
 */
public final class E2eStack implements AutoCloseable {

    public enum Service {
        INTAKE("lead-intake-service", "intake"),
        ROUTING("lead-routing-service", "routing"),
        FOLLOWUP("followup-service", "followup"),
        ANALYTICS("analytics-service", "analytics");

        final String module;
        final String db;

        Service(String module, String db) {
            this.module = module;
            this.db = db;
        }
    }

    private final String runId = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private final Path root = root();
    private final Path logDir = root.resolve("deploy/e2e/target/e2e-logs");
    private String pgHost = System.getProperty("leadflow.pg.host", "localhost");
    private String pgPort = System.getProperty("leadflow.pg.port", "5432");
    private ThrowAwayPostgres postgres;
    private final String pgUser = System.getProperty("leadflow.pg.user", "leadflow");
    private final String pgPassword = System.getProperty("leadflow.pg.password", "leadflow");
    private final Map<Service, ServiceProcess> services = new LinkedHashMap<>();
    private final List<String> databases = new ArrayList<>();
    private final Thread shutdownHook = new Thread(this::emergencyStop, "e2e-stack-shutdown");
    private ThrowAwayKafkaBroker broker;
    private String bootstrap;
    /** The run's master key, shared by its four services (each lead's event key is wrapped with it). */
    private final String masterKey = randomKey();
    /** The run's own identity provider: a key pair whose public half the services trust. */
    private static final String ISSUER = "https://leadflow.e2e";
    private java.security.PrivateKey tokenKey;
    private Path publicKey;
    private boolean closed;
    private OneOrigin origin;

    private E2eStack() {
    }

    /** Starts everything; on any failure stops what was started and throws with a message that says what to do. */
    public static E2eStack start() {
        E2eStack stack = new E2eStack();
        Runtime.getRuntime().addShutdownHook(stack.shutdownHook);
        try {
            stack.startAll();
            return stack;
        } catch (Exception e) {
            stack.close();
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
        }
    }

    private void startAll() throws Exception {
        long t0 = System.nanoTime();
        Map<Service, Path> jars = jars();
        Files.createDirectories(logDir);
        E2eReport.line("run " + runId + ": root " + root + ", logs in " + logDir);

        CompletableFuture<String> kafka = CompletableFuture.supplyAsync(() -> {
            try {
                return startKafka();
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
        startPostgres();
        createDatabases();
        createTokenKeys();
        try {
            bootstrap = kafka.join();
        } catch (CompletionException e) {
            throw new IllegalStateException("Kafka for the e2e run did not start: " + e.getCause().getMessage(),
                    e.getCause());
        }
        E2eReport.line(String.format(Locale.ROOT, "databases and Kafka (%s) ready after %.1f s", bootstrap,
                seconds(t0)));

        List<String> jvmArgs = Arrays.stream(System.getProperty("leadflow.e2e.jvm-args",
                "-Xms64m -Xmx320m -XX:+UseSerialGC -XX:TieredStopAtLevel=1").trim().split("\\s+"))
                .filter(s -> !s.isBlank()).toList();
        Path pidDir = Path.of(System.getenv().getOrDefault("LEADFLOW_HOME", root + "/.leadflow"), "pids");
        for (Service s : Service.values()) {
            int port = FreePorts.next();
            int managementPort = FreePorts.next();
            services.put(s, new ServiceProcess(s.module, jars.get(s), port, managementPort,
                    env(s, port, managementPort), jvmArgs, logDir.resolve(s.module + ".log"), pidDir));
        }
        long startServices = System.nanoTime();
        for (ServiceProcess p : services.values()) {
            p.start();
        }
        Duration timeout = Duration.ofSeconds(Long.getLong("leadflow.e2e.start-timeout-seconds", 240));
        List<CompletableFuture<String>> ready = services.values().stream()
                .map(p -> CompletableFuture.supplyAsync(() -> {
                    try {
                        Duration d = p.awaitReady(timeout);
                        return String.format(Locale.ROOT, "%s %.1f s (port %d, pid %d)", p.name(),
                                d.toMillis() / 1000.0, p.port(), p.pid());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                })).toList();
        List<String> readyTimes = new ArrayList<>();
        for (CompletableFuture<String> f : ready) {
            try {
                readyTimes.add(f.join());
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }
        E2eReport.line(String.format(Locale.ROOT, "four services ready %.1f s after their start, in parallel: %s",
                seconds(startServices), String.join("; ", readyTimes)));
        long startOrigin = System.nanoTime();
        origin = new OneOrigin(root, logDir.resolve("proxy-" + runId), FreePorts.next());
        Map<Service, Integer> upstreams = new LinkedHashMap<>();
        services.forEach((s, p) -> upstreams.put(s, p.port()));
        origin.start(upstreams, logDir.resolve("proxy.log"));
        E2eReport.line(String.format(Locale.ROOT, "one origin (nginx) at %s in %.1f s", origin.url(),
                seconds(startOrigin)));
        E2eReport.line(String.format(Locale.ROOT, "stack up in %.1f s", seconds(t0)));
    }

    private Map<Service, Path> jars() {
        Map<Service, Path> jars = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (Service s : Service.values()) {
            Path jar = root.resolve(s.module).resolve("target/quarkus-app/quarkus-run.jar");
            if (!Files.isRegularFile(jar) || !Files.isDirectory(jar.getParent().resolve("lib"))) {
                missing.add(jar.toString());
            }
            jars.put(s, jar);
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("The e2e tests run the packaged services, and these are missing: " + missing
                    + ". Package them first: from " + root + " run `mvn -B verify` (the reactor packages the services"
                    + " before deploy/e2e's integration tests) or `mvn -B -q install -DskipTests -pl lead-events,"
                    + "lead-intake-service,lead-routing-service,followup-service,analytics-service`.");
        }
        return jars;
    }

    private String startKafka() throws Exception {
        String mode = System.getProperty("leadflow.e2e.kafka", "throwaway").trim().toLowerCase(Locale.ROOT);
        if (mode.equals("throwaway")) {
            Optional<Path> classpath = kafkaClasspath();
            if (classpath.isPresent()) {
                // ThrowAwayKafkaBroker finds deploy/local's log4j file and the pid directory from leadflow.root.
                System.setProperty("leadflow.root", root.toString());
                System.setProperty("leadflow.kafka.classpath", classpath.get().toString());
                long t = System.nanoTime();
                broker = new ThrowAwayKafkaBroker(root.resolve("deploy/e2e/target/e2e-kafka-" + runId));
                broker.start();
                E2eReport.line(String.format(Locale.ROOT, "throw-away Kafka broker at %s started in %.1f s",
                        broker.bootstrap(), seconds(t)));
                return broker.bootstrap();
            }
            E2eReport.line("no Kafka classpath file (-Dleadflow.kafka.classpath or .leadflow/kafka/classpath.txt):"
                    + " using the shared broker; the Kafka outage IT will be skipped");
        }
        return System.getProperty("leadflow.kafka.bootstrap", "localhost:9092");
    }

    private Optional<Path> kafkaClasspath() {
        String file = System.getProperty("leadflow.kafka.classpath", "");
        Path path = file.isBlank()
                ? Path.of(System.getenv().getOrDefault("LEADFLOW_HOME", root + "/.leadflow"), "kafka/classpath.txt")
                : Path.of(file);
        return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
    }

    private Map<String, String> env(Service s, int port, int managementPort) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("LEADFLOW_PG_HOST", pgHost);
        env.put("LEADFLOW_PG_PORT", pgPort);
        env.put("LEADFLOW_PG_USER", pgUser);
        env.put("LEADFLOW_PG_PASSWORD", pgPassword);
        env.put("LEADFLOW_PG_DATABASE", database(s));
        env.put("LEADFLOW_PG_POOL_SIZE", "6");
        env.put("LEADFLOW_KAFKA_BOOTSTRAP", bootstrap);
        env.put("LEADFLOW_EVENTS_TOPIC_PREFIX", topicPrefix());
        // Consumer groups of this run only, never joined with another run's or the local suite's.
        env.put("LEADFLOW_EVENTS_CONSUMER_GROUP_PREFIX", "e2e-" + runId);
        env.put("LEADFLOW_EVENTS_TOPICS_PARTITIONS", "3");
        if (broker == null) {
            // On the shared broker, leave nothing behind.
            env.put("LEADFLOW_EVENTS_TOPICS_DELETE_ON_STOP", "true");
        }
        env.put("LEADFLOW_QUEUE_RETRY_INTERVAL", "2s");
        env.put("LEADFLOW_FOLLOWUP_SLA_SCAN_INTERVAL", "5s");
        // A killed intake's import is resumed by the restarted one once this lease lapses (ImportCrashIT).
        env.put("LEADFLOW_IMPORT_LEASE", "10s");
        // Public form posts come through the one origin, which appends the visitor to X-Forwarded-For.
        env.put("LEADFLOW_FORM_TRUSTED_PROXY_HOPS", "1");
        env.put("LEADFLOW_JWT_ISSUER", ISSUER);
        env.put("LEADFLOW_JWT_PUBLIC_KEY_LOCATION", "file:" + publicKey.toAbsolutePath());
        env.put("LEADFLOW_EVENTS_CRYPTO_MASTER_KEY", masterKey);
        env.put("PORT", String.valueOf(port));
        env.put("LEADFLOW_MANAGEMENT_PORT", String.valueOf(managementPort));
        return env;
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return java.util.Base64.getEncoder().encodeToString(key);
    }

    public String topicPrefix() {
        return "e2e-" + runId + ".";
    }

    /** The broker the services use, for a test that writes to a topic as a producer the suite does not know would. */
    public String kafkaBootstrap() {
        return bootstrap;
    }

    /**
     * By default the run gets a PostgreSQL cluster of its own where Debian's tools allow (so the restart IT can stop
     * it); {@code -Dleadflow.e2e.postgres=shared} uses the server at leadflow.pg.host/port.
     */
    private void startPostgres() throws Exception {
        String mode = System.getProperty("leadflow.e2e.postgres", "throwaway").trim().toLowerCase(Locale.ROOT);
        Optional<String> unavailable = ThrowAwayPostgres.unavailableBecause();
        if (!mode.equals("throwaway") || unavailable.isPresent()) {
            E2eReport.line("PostgreSQL: the shared server " + pgHost + ":" + pgPort + " ("
                    + unavailable.orElse("-Dleadflow.e2e.postgres=" + mode) + "); the restart IT will be skipped");
            return;
        }
        long t = System.nanoTime();
        postgres = ThrowAwayPostgres.create("e2e_" + runId, FreePorts.next(), pgUser, pgPassword);
        pgHost = "127.0.0.1";
        pgPort = String.valueOf(postgres.port());
        E2eReport.line(String.format(Locale.ROOT, "throw-away %s ready in %.1f s", postgres.describe(), seconds(t)));
    }

    /** The run's own PostgreSQL cluster, when it has one (absent on the shared server). */
    Optional<ThrowAwayPostgres> postgres() {
        return Optional.ofNullable(postgres);
    }

    private void createTokenKeys() throws Exception {
        Path dir = logDir.resolve("jwt-" + runId);
        io.leadflow.events.security.LocalTokens.generate(dir);
        tokenKey = io.leadflow.events.security.LocalTokens.readPrivateKey(
                Files.readString(dir.resolve("privateKey.pem")));
        publicKey = dir.resolve("publicKey.pem");
    }

    /** A bearer token of this run's issuer for user with roles, as a company's identity provider would issue. */
    public String token(String user, String... roles) {
        return io.leadflow.events.security.LocalTokens.mint(tokenKey, ISSUER, user, List.of(roles),
                java.time.Instant.now(), Duration.ofHours(2));
    }

    /** A token of this run's issuer that expired an hour ago: genuine, signed, and no longer good. */
    public String expiredToken(String user, String... roles) {
        return io.leadflow.events.security.LocalTokens.mint(tokenKey, ISSUER, user, List.of(roles),
                java.time.Instant.now().minus(Duration.ofHours(3)), Duration.ofHours(2));
    }

    /** A connection to the service's own database of this run (for tests that inspect what a service keeps). */
    public Connection connect(Service s) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + pgHost + ":" + pgPort + "/" + database(s), pgUser,
                pgPassword);
    }

    private String database(Service s) {
        return "leadflow_" + s.db + "_e2e_" + runId;
    }

    private void createDatabases() throws SQLException {
        try (Connection c = admin(); Statement st = c.createStatement()) {
            for (Service s : Service.values()) {
                st.execute("create database " + database(s));
                databases.add(database(s));
            }
        }
        E2eReport.line("created databases " + databases);
    }

    private void dropDatabases() {
        if (databases.isEmpty()) {
            return;
        }
        try (Connection c = admin(); Statement st = c.createStatement()) {
            for (String db : List.copyOf(databases)) {
                try {
                    st.execute("drop database if exists " + db + " with (force)");
                    databases.remove(db);
                } catch (SQLException e) {
                    E2eReport.line("could not drop database " + db + ": " + e.getMessage());
                }
            }
        } catch (SQLException e) {
            E2eReport.line("could not drop databases " + databases + ": " + e.getMessage());
        }
    }

    private Connection admin() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + pgHost + ":" + pgPort + "/postgres", pgUser,
                pgPassword);
    }

    public String runId() {
        return runId;
    }

    public ServiceProcess service(Service s) {
        return services.get(s);
    }

    /** Where a client calls the service's API: the one origin, which routes by path as in production. */
    public String url(Service s) {
        return origin.url();
    }

    /** The service's own API port, behind the one origin. */
    public String directUrl(Service s) {
        return services.get(s).baseUri();
    }

    /** Health, metrics and the OpenAPI document of a service: its management port. */
    public String managementUrl(Service s) {
        return services.get(s).managementUri();
    }

    /** The throw-away broker the suite runs on, when it does (absent on the shared broker). */
    public Optional<ThrowAwayKafkaBroker> broker() {
        return Optional.ofNullable(broker);
    }

    public Path logDir() {
        return logDir;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long t0 = System.nanoTime();
        if (origin != null) {
            origin.stop();
        }
        // In parallel: each service gets up to 20 s to stop gracefully.
        services.values().stream().map(p -> CompletableFuture.runAsync(p::stop)).toList()
                .forEach(CompletableFuture::join);
        if (broker != null) {
            try {
                broker.close();
            } catch (Exception e) {
                E2eReport.line("stopping the throw-away broker: " + e.getMessage());
            }
        }
        dropDatabases();
        dropPostgres();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or has run
        }
        E2eReport.line(String.format(Locale.ROOT, "stack stopped and databases dropped in %.1f s", seconds(t0)));
        E2eReport.writeTo(logDir.resolve("summary.txt"));
    }

    private void dropPostgres() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (Exception e) {
                E2eReport.line("dropping the throw-away PostgreSQL cluster: " + e.getMessage());
            }
        }
    }

    /** The JVM is going away without close(): kill what we started, drop what we created. */
    private void emergencyStop() {
        if (closed) {
            return;
        }
        services.values().forEach(ServiceProcess::destroyNow);
        if (broker != null) {
            try {
                broker.close();
            } catch (Exception ignored) {
                // best effort
            }
        }
        dropDatabases();
        dropPostgres();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }


    /** The checkout: leadflow.root when it is one, else the first parent of the working directory that is. */
    static Path root() {
        List<Path> candidates = new ArrayList<>();
        String property = System.getProperty("leadflow.root");
        if (property != null && !property.isBlank()) {
            candidates.add(Path.of(property).toAbsolutePath());
        }
        candidates.add(Path.of("").toAbsolutePath());
        for (Path start : candidates) {
            for (Path p = start; p != null; p = p.getParent()) {
                if (Files.isDirectory(p.resolve("lead-events")) && Files.isDirectory(p.resolve("lead-intake-service"))
                        && Files.isRegularFile(p.resolve("pom.xml"))) {
                    return p;
                }
            }
        }
        throw new IllegalStateException("Cannot find the Leadflow checkout from " + candidates
                + "; run the tests from the repository (or pass -Dleadflow.root)");
    }

}
