package io.leadflow.intake.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Lead intake settings; every value has a one-machine default and an environment variable in application.properties. */
@ConfigMapping(prefix = "leadflow.intake")
public interface IntakeConfig {

    Forms forms();

    Imports imports();

    interface Forms {
        /** Public submissions one client address may make to one form per window. */
        @WithDefault("10")
        int rateLimit();

        @WithDefault("1m")
        Duration rateWindow();

        /** How long an Idempotency-Key is remembered. */
        @WithDefault("24h")
        Duration idempotencyTtl();
    }

    interface Imports {
        /** Where uploads are spooled while they are read row by row. */
        @WithDefault("${java.io.tmpdir}")
        String spoolDirectory();

        /** Rows read at most per import; a larger file is refused rather than half imported. */
        @WithDefault("200000")
        int maxRows();
    }
}
