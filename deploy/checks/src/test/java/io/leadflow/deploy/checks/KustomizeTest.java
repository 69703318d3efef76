package io.leadflow.deploy.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The base and every overlay resolve: resources exist, patches and generators hit existing objects, no duplicates. */
class KustomizeTest {

    static Stream<Path> kustomizations() {
        return Builds.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void resolvesWithoutProblems(Path dir) {
        Kustomize.Build build = Builds.of(dir);
        assertThat(build.problems()).as(Builds.label(dir)).isEmpty();
        assertThat(build.objects()).as(Builds.label(dir)).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void noObjectIsDefinedTwice(Path dir) {
        Set<String> seen = new HashSet<>();
        for (Map<String, Object> o : Builds.of(dir).objects()) {
            String id = Repo.str(o, "kind") + "/" + Repo.str(Repo.map(o, "metadata"), "namespace") + "/" + Kustomize.name(o);
            assertThat(seen.add(id)).as(Builds.label(dir) + ": " + id + " defined twice").isTrue();
        }
    }

    @Test
    void baseHoldsTheFourServicesAndTheirSupport() {
        Kustomize.Build base = Builds.of(Builds.BASE);
        for (Services.Service s : Services.ALL) {
            assertThat(base.find("Deployment", s.name())).as("Deployment " + s.name()).isNotNull();
            assertThat(base.find("Service", s.name())).as("Service " + s.name()).isNotNull();
        }
        assertThat(base.find("HorizontalPodAutoscaler", "lead-intake-service")).isNotNull();
        assertThat(base.find("PodDisruptionBudget", "lead-intake-service")).isNotNull();
        assertThat(base.ofKind("KafkaTopic")).as("four contract topics, their dead letters, the keys").hasSize(9);
    }

    @Test
    void overlaysSetANamespaceAndTheirOwnImageTags() {
        for (Path overlay : Builds.overlays()) {
            Kustomize.Build build = Builds.of(overlay);
            assertThat(build.objects()).as(Builds.label(overlay) + " namespace")
                    .allSatisfy(o -> assertThat(Repo.str(Repo.map(o, "metadata"), "namespace")).isNotBlank());
        }
        for (Map<String, Object> d : Builds.of(Builds.PRODUCTION).ofKind("Deployment")) {
            String image = Repo.str(Repo.list(Repo.path(d, "spec.template.spec"), "containers").get(0), "image");
            assertThat(image).as("production image of " + Kustomize.name(d)).matches(".+/.+:\\d+\\.\\d+\\.\\d+.*")
                    .doesNotEndWith(":latest").doesNotEndWith(":dev");
        }
    }

    @Test
    void productionLeavesTopicsToStrimziAndSpreadsLoad() {
        Kustomize.Build prod = Builds.of(Builds.PRODUCTION);
        assertThat(prod.data("ConfigMap", "leadflow-common")).containsEntry("LEADFLOW_EVENTS_TOPICS_CREATE", "false")
                .containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_SSL");
        for (Services.Service s : Services.ALL) {
            assertThat(((Number) Repo.map(prod.find("Deployment", s.name()), "spec").get("replicas")).intValue())
                    .as(s.name() + " replicas in production").isGreaterThanOrEqualTo(2);
        }
        Map<String, Object> hpa = Repo.map(prod.find("HorizontalPodAutoscaler", "lead-intake-service"), "spec");
        assertThat(((Number) hpa.get("minReplicas")).intValue()).isLessThanOrEqualTo(((Number) hpa.get("maxReplicas")).intValue());
        assertThat(Repo.str(Repo.map(hpa, "scaleTargetRef"), "name")).isEqualTo("lead-intake-service");
    }

    /**
     * An image-free dry run with the real thing where it is installed: {@code kubectl kustomize} must build
     * every kustomization and produce exactly the objects this Java resolver produced.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void kubectlKustomizeAgrees(Path dir, @TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(onPath("kubectl"), "kubectl is not installed; the Java resolution above still ran");
        // Copy deploy/k8s so that production's credential files can be made from their examples.
        Path copy = tmp.resolve("k8s");
        try (Stream<Path> walk = Files.walk(Repo.K8S)) {
            for (Path p : walk.toList()) {
                Path target = copy.resolve(Repo.K8S.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                    if (p.getFileName().toString().endsWith(".env.example")) {
                        Files.copy(p, target.resolveSibling(p.getFileName().toString().replace(".env.example", ".env")));
                    }
                }
            }
        }
        Path out = tmp.resolve("out.yaml");
        Process process = new ProcessBuilder("kubectl", "kustomize", copy.resolve(Repo.K8S.relativize(dir).toString()).toString())
                .redirectErrorStream(false).redirectOutput(out.toFile()).redirectError(tmp.resolve("err.txt").toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("kubectl kustomize " + Builds.label(dir) + ": " + Files.readString(tmp.resolve("err.txt")))
                .isZero();

        Set<String> kubectl = new TreeSet<>();
        for (Object doc : Repo.documents(out)) {
            kubectl.add(id(doc));
        }
        Set<String> java = new TreeSet<>();
        Builds.of(dir).objects().forEach(o -> java.add(id(o)));
        assertThat(java).as(Builds.label(dir)).isEqualTo(kubectl);

        // And the values the checks reason about agree too: env sources, replicas, images, Secret keys.
        List<String> kubectlFacts = new ArrayList<>();
        for (Object doc : Repo.documents(out)) {
            kubectlFacts.addAll(facts(doc));
        }
        List<String> javaFacts = new ArrayList<>();
        Builds.of(dir).objects().forEach(o -> javaFacts.addAll(facts(o)));
        assertThat(javaFacts).as(Builds.label(dir)).containsExactlyInAnyOrderElementsOf(kubectlFacts);
    }

    private static String id(Object o) {
        return Repo.str(o, "kind") + "/" + Repo.str(Repo.map(o, "metadata"), "namespace") + "/" + Repo.str(Repo.map(o, "metadata"), "name");
    }

    private static List<String> facts(Object o) {
        List<String> facts = new ArrayList<>();
        String id = id(o);
        Map<String, Object> pod = Repo.path(o, "spec.template.spec");
        for (Object c : Repo.list(pod, "containers")) {
            facts.add(id + " image " + Repo.str(c, "image"));
            facts.add(id + " envFrom " + canonical(Repo.list(c, "envFrom")));
            facts.add(id + " mounts " + canonical(Repo.list(c, "volumeMounts")));
            facts.add(id + " probes " + canonical(List.of(Repo.map(c, "readinessProbe"), Repo.map(c, "livenessProbe"),
                    Repo.map(c, "startupProbe"))));
            facts.add(id + " resources " + canonical(Repo.map(c, "resources")));
        }
        if (Repo.map(o, "spec").containsKey("replicas")) {
            facts.add(id + " replicas " + Repo.map(o, "spec").get("replicas"));
        }
        if ("Secret".equals(Repo.str(o, "kind")) || "ConfigMap".equals(Repo.str(o, "kind"))) {
            Set<String> keys = new TreeSet<>(Repo.map(o, "data").keySet());
            keys.addAll(Repo.map(o, "stringData").keySet());
            facts.add(id + " keys " + keys);
        }
        return facts;
    }

    /** A map or list as text with sorted keys, so that two YAML writers' key orders compare equal. */
    private static String canonical(Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, String> sorted = new java.util.TreeMap<>();
            m.forEach((k, v) -> sorted.put(String.valueOf(k), canonical(v)));
            return sorted.toString();
        }
        if (value instanceof List<?> l) {
            return l.stream().map(KustomizeTest::canonical).toList().toString();
        }
        return String.valueOf(value);
    }

    static boolean onPath(String command) {
        String path = System.getenv("PATH");
        return path != null && Stream.of(path.split(java.io.File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, command)));
    }
}
