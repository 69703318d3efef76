package io.leadflow.e2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The reverse proxy in front of the run's four services, as {@code deploy/local/up} runs it: nginx with the
 * configuration {@code deploy/local/proxy.sh config} writes from {@code deploy/routes.tsv}, so every IT calls the
 * APIs through the one origin a frontend uses, and a path routed to the wrong service fails an IT.
 */
final class OneOrigin {

    private final Path root;
    private final Path dir;
    private final int port;
    private Process nginx;

    OneOrigin(Path root, Path dir, int port) {
        this.root = root;
        this.dir = dir;
        this.port = port;
    }

    String url() {
        return "http://localhost:" + port;
    }

    int port() {
        return port;
    }

    /** Writes the configuration for these upstream ports, starts nginx in the foreground and waits for it. */
    void start(Map<E2eStack.Service, Integer> upstreams, Path log) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("LEADFLOW_PROXY_HOST", "127.0.0.1");
        env.put("LEADFLOW_PROXY_PORT", String.valueOf(port));
        upstreams.forEach((s, p) -> env.put("LEADFLOW_PROXY_UPSTREAM_" + key(s), "127.0.0.1:" + p));
        script(env, log, "config", dir.toString());
        String binary = script(Map.of(), log, "path").strip();
        String[] lines = binary.split("\n");
        binary = lines[lines.length - 1].strip();
        ProcessBuilder builder = new ProcessBuilder(binary, "-p", dir.toString(), "-c",
                dir.resolve("nginx.conf").toString(), "-g", "daemon off;")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        nginx = builder.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!answers()) {
            if (!nginx.isAlive()) {
                throw new IllegalStateException("nginx for the one origin exited with " + nginx.exitValue()
                        + "; see " + log + " and " + dir.resolve("error.log"));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("nginx for the one origin does not answer on port " + port);
            }
            Thread.sleep(50);
        }
    }

    void stop() {
        if (nginx != null && nginx.isAlive()) {
            nginx.destroy(); // SIGTERM: nginx's fast shutdown
            try {
                if (!nginx.waitFor(10, TimeUnit.SECONDS)) {
                    nginx.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                nginx.destroyForcibly();
            }
        }
    }

    private boolean answers() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String key(E2eStack.Service s) {
        return s.name().toUpperCase(Locale.ROOT);
    }

    /** Runs {@code deploy/local/proxy.sh} with these arguments; its stdout, or an exception with its log. */
    private String script(Map<String, String> env, Path log, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("bash", root.resolve("deploy/local/proxy.sh").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("deploy/local/proxy.sh " + String.join(" ", args) + " failed; see " + log);
        }
        return out;
    }
}
