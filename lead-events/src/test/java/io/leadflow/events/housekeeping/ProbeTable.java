package io.leadflow.events.housekeeping;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** A table this module's test application declares as a service would: rows kept a day after {@code created_at}. */
@ApplicationScoped
public class ProbeTable {

    static final String NAME = "housekeeping_probe";
    static final Duration KEEP_FOR = Duration.ofHours(24);

    @Produces
    @Singleton
    ExpiringRows probeRows() {
        return new ExpiringRows(NAME, "created_at", KEEP_FOR);
    }
}
