package io.leadflow.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of the e2e run's own, made with Debian's postgresql-common tools ({@code pg_createcluster},
 * {@code pg_ctlcluster}) so that a test may stop and start it without touching the server everyone else uses.
 * Available where those tools are installed and the run is root (CI) or the postgres user; elsewhere the suite runs on
 * the shared server and the restart IT is skipped.
 */
final class ThrowAwayPostgres implements AutoCloseable {

    private final String version;
    private final String name;
    private final int port;
    private final String user;
    private final String password;

    private ThrowAwayPostgres(String version, String name, int port, String user, String password) {
        this.version = version;
        this.name = name;
        this.port = port;
        this.user = user;
        this.password = password;
    }

    /** Why a throw-away cluster cannot be made here, or empty when it can. */
    static Optional<String> unavailableBecause() {
        if (!Files.isExecutable(Path.of("/usr/bin/pg_createcluster"))) {
            return Optional.of("no pg_createcluster (Debian's postgresql-common) on this machine");
        }
        String me = System.getProperty("user.name");
        if (!"root".equals(me) && !"postgres".equals(me)) {
            return Optional.of("pg_createcluster needs root or the postgres user; this is " + me);
        }
        return newestVersion().isPresent() ? Optional.empty()
                : Optional.of("no PostgreSQL server binaries under /usr/lib/postgresql");
    }

    static ThrowAwayPostgres create(String name, int port, String user, String password) throws IOException {
        String version = newestVersion().orElseThrow();
        ThrowAwayPostgres pg = new ThrowAwayPostgres(version, name, port, user, password);
        pg.run(Duration.ofSeconds(120), "pg_createcluster", version, name, "-p", String.valueOf(port), "--start",
                "--", "--auth-local=peer", "--auth-host=scram-sha-256");
        pg.psql("create role \"" + user + "\" login superuser password '" + password.replace("'", "''") + "'");
        return pg;
    }

    int port() {
        return port;
    }

    String describe() {
        return "PostgreSQL " + version + " cluster '" + name + "' on port " + port;
    }

    /** A fast shutdown: sessions are ended, as when the server is restarted for maintenance or crashes over. */
    void stop() throws IOException {
        run(Duration.ofSeconds(60), "pg_ctlcluster", version, name, "stop", "-m", "fast");
    }

    void start() throws IOException {
        run(Duration.ofSeconds(60), "pg_ctlcluster", version, name, "start");
    }

    @Override
    public void close() throws IOException {
        run(Duration.ofSeconds(60), "pg_dropcluster", "--stop", version, name);
    }

    private void psql(String sql) throws IOException {
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.addAll(List.of("psql", "-p", String.valueOf(port), "-v", "ON_ERROR_STOP=1", "-qAtX", "-c", sql));
        run(Duration.ofSeconds(30), command.toArray(String[]::new));
    }

    private void run(Duration timeout, String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish within " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + p.exitValue() + ": " + out);
        }
    }

    private static Optional<String> newestVersion() {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.filter(v -> Files.isExecutable(v.resolve("bin/postgres")))
                    .map(v -> v.getFileName().toString())
                    .max(Comparator.comparingInt(v -> v.matches("\\d+") ? Integer.parseInt(v) : 0));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
