package io.leadflow.deploy.checks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The checkout these checks read, and YAML loading. Nothing here touches the network. */
final class Repo {

    /** The repository root: the nearest directory upwards holding pom.xml and deploy/. */
    static final Path ROOT = findRoot();
    static final Path DEPLOY = ROOT.resolve("deploy");
    static final Path K8S = DEPLOY.resolve("k8s");
    static final Path COMPOSE = DEPLOY.resolve("compose");
    static final Path DOCKER = DEPLOY.resolve("docker");

    private Repo() {
    }

    private static Path findRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("deploy/k8s"))
                    && Files.isDirectory(p.resolve("lead-events"))) {
                return p;
            }
        }
        throw new IllegalStateException("no Leadflow checkout above " + dir);
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(200);
        return new Yaml(new SafeConstructor(options));
    }

    /** Every non-empty document of a YAML file, in order. */
    static List<Object> documents(Path file) {
        List<Object> docs = new ArrayList<>();
        for (Object doc : yaml().loadAll(read(file))) {
            if (doc != null) {
                docs.add(doc);
            }
        }
        return docs;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> single(Path file) {
        List<Object> docs = documents(file);
        if (docs.size() != 1 || !(docs.get(0) instanceof Map)) {
            throw new IllegalStateException(file + ": expected one YAML mapping, found " + docs.size() + " documents");
        }
        return (Map<String, Object>) docs.get(0);
    }

    /** All files below {@code dir} whose name ends with one of {@code suffixes}, sorted. */
    static List<Path> files(Path dir, String... suffixes) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> Stream.of(suffixes).anyMatch(s -> p.getFileName().toString().endsWith(s)))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- small typed accessors for parsed YAML ---

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o, String key) {
        Object v = o instanceof Map<?, ?> m ? m.get(key) : null;
        return v instanceof Map<?, ?> ? (Map<String, Object>) v : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o, String key) {
        Object v = o instanceof Map<?, ?> m ? m.get(key) : null;
        return v instanceof List<?> ? (List<Object>) v : List.of();
    }

    static String str(Object o, String key) {
        Object v = o instanceof Map<?, ?> m ? m.get(key) : null;
        return v == null ? null : String.valueOf(v);
    }

    /** A path like {@code spec.template.spec} through nested maps. */
    static Map<String, Object> path(Object o, String dotted) {
        Object cur = o;
        for (String part : dotted.split("\\.")) {
            cur = map(cur, part);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) cur;
        return result;
    }
}
