package io.leadflow.events.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * A real Apache Kafka broker (KRaft, single node) in a child process of the test, from the jars deploy/local
 * resolves, so a test can stop it and start it again on the same port and data without touching the shared one.
 */
public final class ThrowAwayKafkaBroker implements AutoCloseable {

    private final Path dir;
    private final int port;
    private final int controllerPort;
    private final String classpath;
    private Process process;

    public ThrowAwayKafkaBroker(Path dir) throws IOException {
        this.dir = dir;
        this.port = FreePorts.next();
        this.controllerPort = FreePorts.next();
        this.classpath = readClasspath();
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("server.properties"), String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "controller.quorum.bootstrap.servers=127.0.0.1:" + controllerPort,
                "log.dirs=" + dir.resolve("data"),
                "num.partitions=2",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "") );
        run(List.of("kafka.tools.StorageTool", "format", "-t", org.apache.kafka.common.Uuid.randomUuid().toString(), "-c", dir.resolve("server.properties").toString(), "--standalone"));
    }

    public String bootstrap() {
        return "127.0.0.1:" + port;
    }

    public void start() throws Exception {
        process = java(List.of("kafka.Kafka", dir.resolve("server.properties").toString()))
                .redirectOutput(dir.resolve("broker.log").toFile())
                .redirectErrorStream(true)
                .start();
        recordPid();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Broker exited; see " + dir.resolve("broker.log"));
            }
            try (Admin admin = Admin.create(props)) {
                admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
                return;
            } catch (Exception notYet) {
                Thread.sleep(300);
            }
        }
        throw new IllegalStateException("Broker did not start within 60 s; see " + dir.resolve("broker.log"));
    }

    /** Stops the broker the way an outage would look to clients: the process is gone. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
        try {
            Files.deleteIfExists(pidFile());
        } catch (IOException ignored) {
            // only a safety net
        }
    }

    /** deploy/local/test stops whatever is recorded here, even if this JVM dies before close(). */
    private void recordPid() throws IOException {
        Files.createDirectories(pidFile().getParent());
        Files.writeString(pidFile(), Long.toString(process.pid()));
    }

    private Path pidFile() {
        return Path.of(System.getenv().getOrDefault("LEADFLOW_HOME", root() + "/.leadflow"), "pids",
                "throwaway-kafka-" + port + ".pid");
    }

    private ProcessBuilder java(List<String> args) {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms128m", "-Xmx384m", "-cp", classpath,
                "-Dlog4j2.configurationFile=" + log4jConfig()));
        command.addAll(args);
        return new ProcessBuilder(command);
    }

    private void run(List<String> args) throws IOException {
        try {
            Process p = java(args).redirectOutput(dir.resolve("format.log").toFile()).redirectErrorStream(true).start();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("Formatting storage failed; see " + dir.resolve("format.log"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static String root() {
        return System.getProperty("leadflow.root", Path.of("").toAbsolutePath().getParent().toString());
    }

    private static String log4jConfig() {
        return Path.of(root(), "deploy/local/kafka/log4j2-tools.xml").toString();
    }

    private static String readClasspath() throws IOException {
        String file = System.getProperty("leadflow.kafka.classpath", "");
        Path path = file.isBlank()
                ? Path.of(System.getenv().getOrDefault("LEADFLOW_HOME", root() + "/.leadflow"), "kafka/classpath.txt")
                : Path.of(file);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("No Kafka classpath at " + path
                    + ": run the tests with deploy/local/test (or deploy/local/kafka.sh classpath first)");
        }
        return Files.readString(path).trim();
    }

}
