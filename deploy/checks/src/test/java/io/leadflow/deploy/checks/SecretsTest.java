package io.leadflow.deploy.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** No real credentials in the repository: Secrets hold placeholders, real ones come from uncommitted files. */
class SecretsTest {

    /** Values a reader recognises at once as not being a credential. */
    private static final Pattern PLACEHOLDER = Pattern.compile(".*(REPLACE_ME|CHANGE_ME|<[^>]+>).*");
    /** Development-only values, allowed in the local overlay and compose (documented there). */
    private static final Set<String> DEV_VALUES = Set.of("leadflow", "local-dev-only");

    private static boolean sensitive(String key) {
        return key.matches(".*(PASSWORD|SECRET|TOKEN|JAAS|KEY).*");
    }

    @Test
    void secretsOfBaseAndProductionHoldOnlyPlaceholders() {
        for (Path dir : List.of(Builds.BASE, Builds.PRODUCTION)) {
            Kustomize.Build build = Builds.of(dir);
            assertThat(build.ofKind("Secret")).as(Builds.label(dir) + " Secrets").isNotEmpty();
            for (Map<String, Object> secret : build.ofKind("Secret")) {
                build.data("Secret", Kustomize.name(secret)).forEach((key, value) -> {
                    if (sensitive(key)) {
                        assertThat(value).as(Builds.label(dir) + ": " + Kustomize.name(secret) + " " + key).matches(PLACEHOLDER);
                    }
                });
            }
        }
    }

    @Test
    void localSecretsAreDevelopmentValuesOnly() {
        Kustomize.Build build = Builds.of(Builds.LOCAL);
        for (Map<String, Object> secret : build.ofKind("Secret")) {
            build.data("Secret", Kustomize.name(secret)).forEach((key, value) -> {
                if (key.equals("LEADFLOW_EVENTS_CRYPTO_MASTER_KEY")) {
                    // A master key must be 32 bytes of base64: the local one says what it is when decoded.
                    assertThat(new String(java.util.Base64.getDecoder().decode(value),
                            java.nio.charset.StandardCharsets.UTF_8)).as("local " + Kustomize.name(secret) + " " + key)
                            .startsWith("local-dev-only");
                } else if (sensitive(key)) {
                    assertThat(value).as("local " + Kustomize.name(secret) + " " + key).isIn(DEV_VALUES);
                }
            });
        }
    }

    @Test
    void productionCredentialFilesAreNeverCommitted() throws Exception {
        Path secrets = Builds.PRODUCTION.resolve("secrets");
        assertThat(Repo.read(secrets.resolve(".gitignore"))).contains("*.env");
        try (var files = Files.list(secrets)) {
            // A real .env may exist on an operator's machine (ignored by git); the examples must.
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".env.example")).toList())
                    .hasSize(Services.ALL.size());
        }
        for (Services.Service s : Services.ALL) {
            String example = Repo.read(secrets.resolve(s.name() + ".env.example"));
            for (String line : example.split("\n")) {
                if (!line.startsWith("#") && line.contains("=") && sensitive(line.substring(0, line.indexOf('=')))) {
                    assertThat(line).as(s.name() + ".env.example").matches(PLACEHOLDER);
                }
            }
        }
    }

    /** Nothing that looks like a key, token or password literal anywhere in the deployment files. */
    @Test
    void noCredentialLookalikesInDeploymentFiles() {
        Pattern privateKey = Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----");
        Pattern awsKey = Pattern.compile("AKIA[0-9A-Z]{16}");
        Pattern assignment = Pattern.compile("(?i)(?<![a-z])(password|passwd|secret|token)[\"']?[ \\t]*[:=][ \\t]*[\"']?([^\\s\"';,}\\]]+)");
        for (Path dir : List.of(Repo.K8S, Repo.COMPOSE, Repo.DOCKER)) {
            for (Path file : Repo.files(dir, "")) {
                String text = Repo.read(file);
                assertThat(privateKey.matcher(text).find()).as(file + " holds a private key").isFalse();
                assertThat(awsKey.matcher(text).find()).as(file + " holds an access key").isFalse();
                var m = assignment.matcher(text);
                while (m.find()) {
                    String value = m.group(2);
                    boolean harmless = PLACEHOLDER.matcher(value).matches() || DEV_VALUES.contains(value)
                            || value.startsWith("${") || value.startsWith("$$") || value.startsWith("<")
                            || value.matches("[a-z0-9-]*-(credentials|secret|cert)") || value.equals("REPLACE_ME\"");
                    assertThat(harmless).as(file + ": '" + m.group() + "' looks like a credential").isTrue();
                }
            }
        }
    }
}
