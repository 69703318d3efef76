package io.leadflow.deploy.checks;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The kustomizations under deploy/k8s, each resolved once per test run. */
final class Builds {

    static final Path BASE = Repo.K8S.resolve("base");
    static final Path LOCAL = Repo.K8S.resolve("overlays/local");
    static final Path PRODUCTION = Repo.K8S.resolve("overlays/production");

    private static final Map<Path, Kustomize.Build> CACHE = new ConcurrentHashMap<>();

    private Builds() {
    }

    /** Every directory with a kustomization.yaml: the base and each overlay. */
    static List<Path> all() {
        return Repo.files(Repo.K8S, "kustomization.yaml").stream().map(Path::getParent).toList();
    }

    static List<Path> overlays() {
        return all().stream().filter(p -> !p.equals(BASE)).toList();
    }

    static Kustomize.Build of(Path dir) {
        return CACHE.computeIfAbsent(dir, Kustomize::build);
    }

    static String label(Path dir) {
        return Repo.K8S.relativize(dir).toString();
    }
}
