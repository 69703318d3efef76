package io.leadflow.events.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the staff APIs treat their clients, the same in every service (lead-events' shared config). */
@ConfigMapping(prefix = "leadflow.api")
public interface ApiConfig {

    /**
     * Whether a change to a versioned resource (a lead, a rep, a policy, a form, a task) must say which version it
     * was made on, with {@code If-Match}: a change without one is refused with 428. Off by default, so scripts and
     * spreadsheets that never read first keep working; a stale {@code If-Match} is refused with 412 either way.
     */
    @WithDefault("false")
    boolean requireIfMatch();
}
