package io.leadflow.events.config;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Old paths a service still answers after they moved (lead-events' {@code PathAliases}), so that a client built
 * against the earlier paths keeps working until {@link #sunset()} while it moves to the new ones.
 */
@ConfigMapping(prefix = "leadflow.http.path-aliases")
public interface PathAliasConfig {

    /**
     * {@code old -> new}, e.g. {@code /api/v1/leads/{id}/grade -> /api/v1/grades/{id}}: {@code {name}} is one path
     * segment, carried to the same name on the right; a trailing {@code /**} is the rest of the path, if any.
     */
    Optional<List<String>> moved();

    /** When the old paths were deprecated (the {@code Deprecation} header, RFC 9745). */
    @WithDefault("2026-12-07")
    LocalDate deprecatedSince();

    /** The last day the old paths answer (the {@code Sunset} header, RFC 8594). */
    @WithDefault("2027-06-30")
    LocalDate sunset();
}
