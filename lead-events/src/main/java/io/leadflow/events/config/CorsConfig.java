package io.leadflow.events.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Which browser apps on other origins may call the staff APIs (lead-events' {@code StaffCors}). One list for the
 * whole suite, from {@code LEADFLOW_CORS_ORIGINS} (lead-events' shared config).
 */
@ConfigMapping(prefix = "leadflow.cors")
public interface CorsConfig {

    /**
     * Origins ({@code scheme://host[:port]}) whose scripts may read the staff APIs' answers; {@code none} for no
     * browser app at all.
     */
    List<String> origins();

    /**
     * Paths that answer CORS themselves with rules of their own (intake's public form submissions, per form), left
     * alone: {@code *} stands for one path segment, e.g. {@code /api/v1/forms/*}{@code /submissions}.
     */
    Optional<List<String>> ownPaths();

    /** How long a browser may reuse a preflight's answer (Chromium caps it at 2 hours). */
    @WithDefault("1h")
    Duration maxAge();
}
