package io.leadflow.routing.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "leadflow.routing")
public interface RoutingConfig {

    /**
     * How often the unassigned queue is retried even when nothing signalled a free rep: catches reps whose
     * away-until date passed and changes made by other instances.
     */
    @WithDefault("30s")
    Duration queueRetryInterval();

    /** Leads taken from the unassigned queue per drain round. */
    @WithDefault("200")
    int queueDrainBatch();

    /**
     * When a regrade moves a lead out of what its owner's pool handles (a LOW lead in marketing nurture becomes
     * HIGH), hand it to a rep the rules choose; the owner keeps it when no other rep fits.
     */
    @WithDefault("true")
    boolean rerouteOnRegrade();

    /** Leads re-graded per transaction by POST /api/v1/grading-policy/regrade. */
    @WithDefault("500")
    int regradeBatch();
}
