package io.leadflow.deploy.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** deploy/docker/Dockerfile.jvm copies exactly what {@code mvn package} produces and runs as non-root. */
class DockerfileTest {

    private static final Path FILE = Repo.DOCKER.resolve("Dockerfile.jvm");

    /** Quarkus' fast-jar layout: the only packaging these services use. */
    private static final List<String> FAST_JAR = List.of("target/quarkus-app/lib/", "target/quarkus-app/quarkus-run.jar",
            "target/quarkus-app/app/", "target/quarkus-app/quarkus/");

    private static List<String> instructions() {
        List<String> result = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Repo.read(FILE).split("\n")) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            if (t.endsWith("\\")) {
                current.append(t, 0, t.length() - 1).append(' ');
            } else {
                result.add(current.append(t).toString());
                current.setLength(0);
            }
        }
        return result;
    }

    private static List<String> copySources() {
        List<String> sources = new ArrayList<>();
        for (String i : instructions()) {
            if (i.startsWith("COPY ")) {
                List<String> words = new ArrayList<>(List.of(i.substring(5).trim().split("\\s+")));
                words.removeIf(w -> w.startsWith("--"));
                sources.addAll(words.subList(0, words.size() - 1));
            }
        }
        return sources;
    }

    @Test
    void copiesTheFastJarLayoutOfTheChosenService() {
        List<String> sources = copySources();
        assertThat(sources).allSatisfy(s -> assertThat(s).startsWith("${SERVICE}/"));
        assertThat(sources.stream().map(s -> s.substring("${SERVICE}/".length())).toList())
                .containsExactlyInAnyOrderElementsOf(FAST_JAR);
        // Libraries first: the layer that changes least comes before the application.
        assertThat(sources.get(0)).endsWith("/lib/");
    }

    @Test
    void everyServiceIsPackagedAsAFastJar() {
        for (Services.Service s : Services.ALL) {
            String pom = Repo.read(s.module().resolve("pom.xml"));
            assertThat(pom).as(s.name() + " is built by the Quarkus plugin").contains("quarkus-maven-plugin");
            String props = Repo.read(s.module().resolve("src/main/resources/application.properties"));
            Matcher type = Pattern.compile("(?m)^quarkus\\.package\\.jar\\.type\\s*=\\s*(\\S+)").matcher(props);
            if (type.find()) {
                assertThat(type.group(1)).as(s.name() + " jar type").isEqualTo("fast-jar");
            }
            assertThat(props).as(s.name()).doesNotContainPattern("(?m)^quarkus\\.package\\.output-directory");
        }
    }

    /** Where a module has been packaged on this machine, the paths exist for real. */
    @Test
    void packagedModulesHaveEveryCopiedPath() {
        for (Services.Service s : Services.ALL) {
            Path app = s.module().resolve("target/quarkus-app");
            if (Files.isDirectory(app)) {
                for (String p : FAST_JAR) {
                    assertThat(s.module().resolve(p)).as(s.name() + " " + p).exists();
                }
            }
        }
    }

    @Test
    void runsTheJarAsNonRootWithoutHealthcheck() {
        List<String> instructions = instructions();
        assertThat(instructions).anySatisfy(i -> assertThat(i).matches("ARG SERVICE"));
        assertThat(instructions).anySatisfy(i -> assertThat(i).startsWith("FROM "));
        assertThat(instructions).anySatisfy(i -> assertThat(i).startsWith("EXPOSE "));
        assertThat(instructions).noneSatisfy(i -> assertThat(i).startsWith("HEALTHCHECK"));
        String user = instructions.stream().filter(i -> i.startsWith("USER ")).reduce((a, b) -> b).orElseThrow();
        String uid = user.substring(5).split(":")[0].trim();
        assertThat(uid).as("numeric uid (Kubernetes runAsNonRoot can only verify numbers)").matches("\\d+").isNotEqualTo("0");
        String entrypoint = instructions.stream().filter(i -> i.startsWith("ENTRYPOINT")).findFirst().orElseThrow();
        assertThat(entrypoint).contains("exec java").contains("/deployments/quarkus-run.jar");
        // The JRE is Java 17, as the parent pom compiles for.
        String base = instructions.stream().filter(i -> i.startsWith("ARG BASE_IMAGE=")).findFirst().orElseThrow();
        assertThat(base).contains("17");
        assertThat(Repo.read(Repo.ROOT.resolve("pom.xml"))).contains("<maven.compiler.release>17</maven.compiler.release>");
    }

    @Test
    void kubernetesRunsTheImagesUserAndPort() {
        String uid = instructions().stream().filter(i -> i.startsWith("USER ")).reduce((a, b) -> b).orElseThrow()
                .substring(5).split(":")[0].trim();
        for (Services.Service s : Services.ALL) {
            var pod = Repo.path(Builds.of(Builds.BASE).find("Deployment", s.name()), "spec.template.spec");
            assertThat(String.valueOf(Repo.map(pod, "securityContext").get("runAsUser"))).as(s.name()).isEqualTo(uid);
        }
    }

    @Test
    void dockerignoreSendsOnlyThePackagedApplications() {
        String ignore = Repo.read(Repo.DOCKER.resolve("Dockerfile.jvm.dockerignore"));
        assertThat(ignore).containsPattern("(?m)^\\*$").containsPattern("(?m)^!\\*/target/quarkus-app/$");
    }
}
