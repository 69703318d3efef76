package io.leadflow.deploy.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every YAML file under deploy/k8s and deploy/compose parses, and every Kubernetes object names itself. */
class ManifestYamlTest {

    static Stream<Path> yamlFiles() {
        return Stream.concat(Repo.files(Repo.K8S, ".yaml", ".yml").stream(), Repo.files(Repo.COMPOSE, ".yaml", ".yml").stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("yamlFiles")
    void parses(Path file) {
        assertThatCode(() -> Repo.documents(file)).as(file.toString()).doesNotThrowAnyException();
        assertThat(Repo.documents(file)).as(file + " has content").isNotEmpty();
    }

    @Test
    void thereAreManifestsToCheck() {
        assertThat(Repo.files(Repo.K8S, ".yaml")).hasSizeGreaterThan(8);
        assertThat(Repo.COMPOSE.resolve("compose.yaml")).isRegularFile();
        assertThat(Builds.all()).contains(Builds.BASE, Builds.LOCAL, Builds.PRODUCTION);
    }

    /** Resources and strategic-merge patches are Kubernetes objects; a JSON 6902 patch is a list of operations. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kubernetesFiles")
    void everyObjectHasApiVersionKindAndName(Path file) {
        for (Object doc : Repo.documents(file)) {
            if (doc instanceof List<?> ops) {
                assertThat(ops).as(file + ": JSON patch operations").allSatisfy(op -> assertThat(((Map<?, ?>) op).keySet().stream().map(String::valueOf).toList())
                        .contains("op", "path"));
                continue;
            }
            assertThat(doc).as(file + ": a document that is neither object nor JSON patch").isInstanceOf(Map.class);
            String what = file + ": " + Repo.str(doc, "kind") + " " + Repo.str(Repo.map(doc, "metadata"), "name");
            assertThat(Repo.str(doc, "apiVersion")).as(what + " apiVersion").isNotBlank();
            assertThat(Repo.str(doc, "kind")).as(what + " kind").isNotBlank();
            assertThat(Repo.str(Repo.map(doc, "metadata"), "name")).as(what + " metadata.name")
                    .isNotBlank().matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
        }
    }

    static Stream<Path> kubernetesFiles() {
        return Repo.files(Repo.K8S, ".yaml").stream().filter(p -> !p.getFileName().toString().equals("kustomization.yaml"));
    }
}
