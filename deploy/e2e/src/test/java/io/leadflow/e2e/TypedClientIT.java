package io.leadflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a frontend team builds on: {@code deploy/openapi/check} lints the four documents as built (Redocly's
 * recommended rules, no warning), generates TypeScript types from them, compiles a client program under
 * {@code tsc --strict} and runs it through the one origin, where it walks the template's workflow and checks
 * every answer against the schema its document declares.
 */
@ExtendWith(E2eStackExtension.class)
@Order(11)
class TypedClientIT {

    @Test
    void aClientTypedFromTheDocumentsWalksTheTemplateAndEveryAnswerMatchesItsSchema(E2eStack stack) throws Exception {
        Path log = stack.logDir().resolve("typed-client.log");
        ProcessBuilder builder = new ProcessBuilder("bash", E2eStack.root().resolve("deploy/openapi/check").toString(),
                "--walk", stack.url(E2eStack.Service.INTAKE))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("LEADFLOW_WALK_TOKEN_MANAGER", stack.token("walk-manager", "sales-manager"));
        env.put("LEADFLOW_WALK_TOKEN_MARKETING", stack.token("walk-marketing", "marketing"));
        env.put("LEADFLOW_WALK_TOKEN_ANALYST", stack.token("walk-analyst", "analyst"));
        env.put("LEADFLOW_WALK_TOKEN_ADMIN", stack.token("walk-admin", "admin"));
        Process process = builder.start();
        boolean ended = process.waitFor(15, TimeUnit.MINUTES);
        if (!ended) {
            process.destroyForcibly();
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        lines.stream().filter(l -> l.startsWith("walk:")).forEach(E2eReport::line);
        String tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        assertThat(ended).as("deploy/openapi/check ended within 15 minutes; " + log).isTrue();
        assertThat(process.exitValue()).as("deploy/openapi/check --walk (" + log + "):\n" + tail).isZero();
    }
}
