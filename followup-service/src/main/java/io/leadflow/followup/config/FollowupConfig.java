package io.leadflow.followup.config;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "leadflow.followup")
public interface FollowupConfig {

    Sla sla();

    /** The list a lost lead's reason is chosen from (OTHER is always there and needs a note). */
    @WithDefault("BUDGET,TIMING,COMPETITOR,NO_NEED,UNRESPONSIVE,SLOW_RESPONSE,OTHER")
    List<String> lostReasons();

    /** How many times one task may be snoozed before someone has to face it. */
    @WithDefault("5")
    int maxSnoozes();

    interface Sla {
        /** Off on instances that should not scan (any number of instances may scan side by side). */
        @WithDefault("true")
        boolean scanEnabled();

        /** How often due first-response deadlines are looked for. */
        @WithDefault("30s")
        Duration scanInterval();

        /**
         * How long a lead that reaches follow-up already past its first-response deadline (imported history, a
         * back-dated capture) waits before its breach is reported, so that the follow-ups logged with it (a Table 2
         * import) can show it was answered in time. A lead that arrives with time on its clock is reported at its
         * deadline, as always.
         */
        @WithDefault("PT1H")
        Duration lateArrivalGrace();

        /** Leads breached per transaction. */
        @WithDefault("200")
        int batchSize();
    }
}
