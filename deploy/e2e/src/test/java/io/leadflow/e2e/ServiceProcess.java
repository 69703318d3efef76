package io.leadflow.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One packaged service ({@code target/quarkus-app/quarkus-run.jar}) as a separate OS process, with its own port,
 * database and topic prefix, its output appended to {@code target/e2e-logs/<service>.log}.
 */
public final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path jar;
    private final int port;
    private final int managementPort;
    private final Map<String, String> env;
    private final List<String> jvmArgs;
    private final Path log;
    private final Path pidDir;
    private volatile Process process;

    ServiceProcess(String name, Path jar, int port, int managementPort, Map<String, String> env, List<String> jvmArgs,
                   Path log, Path pidDir) {
        this.name = name;
        this.jar = jar;
        this.port = port;
        this.managementPort = managementPort;
        this.env = new LinkedHashMap<>(env);
        this.jvmArgs = jvmArgs;
        this.log = log;
        this.pidDir = pidDir;
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public String baseUri() {
        return "http://localhost:" + port;
    }

    /** Where the service serves /q/* (health, metrics, the OpenAPI document): its management port, not the API's. */
    public String managementUri() {
        return "http://localhost:" + managementPort;
    }

    public Path log() {
        return log;
    }

    public synchronized void start() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running (pid " + process.pid() + ")");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command).directory(jar.getParent().toFile());
        // Nothing inherited may change where the service points: only what this run decides.
        builder.environment().keySet().removeIf(k -> k.startsWith("LEADFLOW_") || k.startsWith("KAFKA_")
                || k.startsWith("QUARKUS_") || k.equals("PORT"));
        builder.environment().putAll(env);
        Files.createDirectories(log.getParent());
        Files.writeString(log, "==== " + java.time.Instant.now() + " starting " + name + " on port " + port + "\n",
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        process = builder.start();
        recordPid();
    }

    /** Waits until {@code /q/health/ready} answers 200; fails early, with the log's tail, if the process exits. */
    public Duration awaitReady(Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Process p = process;
            if (p == null || !p.isAlive()) {
                throw new IllegalStateException(name + " exited with status " + (p == null ? "?" : p.exitValue())
                        + " before it was ready; last lines of " + log + ":\n" + tail(40));
            }
            if (ready()) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(name + " was not ready within " + timeout.toSeconds() + " s; last lines of "
                + log + ":\n" + tail(40));
    }

    public boolean ready() {
        return managementStatus("/q/health/ready", Duration.ofSeconds(3)) == 200;
    }

    /** The HTTP status of a GET on the management port, or -1 when nothing answers within the timeout. */
    public int managementStatus(String path, Duration timeout) {
        return statusOf(managementUri() + path, timeout);
    }

    /** The HTTP status of a GET, or -1 when nothing answers within 3 s. */
    public int status(String path) {
        return status(path, Duration.ofSeconds(3));
    }

    /** The HTTP status of a GET, or -1 when nothing answers within the timeout. */
    public int status(String path, Duration timeout) {
        return statusOf(baseUri() + path, timeout);
    }

    private static int statusOf(String url, Duration timeout) {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(timeout).GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    public boolean alive() {
        Process p = process;
        return p != null && p.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** {@code kill -9}: no shutdown hook, no graceful close of consumers, producers or transactions. */
    public synchronized void kill9() throws InterruptedException {
        Process p = process;
        if (p != null && p.isAlive()) {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        deletePid();
    }

    /** SIGTERM, then SIGKILL if it has not stopped within 20 s. */
    public synchronized void stop() {
        Process p = process;
        if (p != null && p.isAlive()) {
            p.destroy();
            try {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        deletePid();
    }

    /** For the JVM shutdown hook: never waits. */
    void destroyNow() {
        Process p = process;
        if (p != null && p.isAlive()) {
            p.destroyForcibly();
        }
        deletePid();
    }

    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log not readable: " + e.getMessage() + ")";
        }
    }

    /** deploy/local/test stops whatever is recorded as throwaway-*.pid, even if this JVM dies before close(). */
    private void recordPid() {
        try {
            Files.createDirectories(pidDir);
            Files.writeString(pidFile(), Long.toString(process.pid()));
        } catch (IOException ignored) {
            // only a safety net
        }
    }

    private void deletePid() {
        try {
            Files.deleteIfExists(pidFile());
        } catch (IOException ignored) {
            // only a safety net
        }
    }

    private Path pidFile() {
        return pidDir.resolve("throwaway-e2e-" + name + "-" + port + ".pid");
    }
}
