package io.leadflow.analytics.config;

import java.math.BigDecimal;

import io.leadflow.analytics.domain.InsightThresholds;
import io.leadflow.analytics.domain.SourceSuggestions;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Thresholds of the suggestions (Table 3) and insights (step 4.2); every one overridable by env variable. */
@ConfigMapping(prefix = "leadflow.analytics")
public interface AnalyticsConfig {

    Suggestions suggestions();

    Insights insights();

    Rebuild rebuild();

    interface Rebuild {
        /**
         * Up to how many replayed events one transaction applies. Each lead's facts and each touched cube cell are
         * written once per transaction, so larger batches write fewer rows per event (the cube's cells are shared by
         * many leads); a batch that fails is applied again one event per transaction.
         */
        @WithDefault("10000")
        int batchEvents();
    }

    interface Suggestions {
        /** A source converting below this (won / all leads) is asked to tighten its screening. */
        @WithDefault("0.10")
        BigDecimal lowConversionRate();

        /** Sources with fewer leads than this get no conversion-based suggestion. */
        @WithDefault("10")
        int minLeads();

        /** First-response median above this many hours asks for a faster answer (Table 3: 24 h). */
        @WithDefault("24")
        long responseHours();

        /** Average cycle above this many days asks for shorter follow-up intervals. */
        @WithDefault("30")
        long longCycleDays();

        /** How many win factors / loss reasons Table 3 lists (ties at the cut-off are kept). */
        @WithDefault("3")
        int topReasons();

        default SourceSuggestions rules() {
            return new SourceSuggestions(lowConversionRate(), minLeads(), responseHours(), longCycleDays());
        }
    }

    interface Insights {
        /** The grade the "high-intent conversion low" rule watches. */
        @WithDefault("HIGH")
        String highGrade();

        /** High-intent leads converting below this are a finding. */
        @WithDefault("0.30")
        BigDecimal highIntentMinRate();

        /** The first response promised to high-intent leads (template: 48 hours). */
        @WithDefault("48")
        long highIntentResponseHours();

        /** A source with at least this share of all leads counts as "many leads". */
        @WithDefault("0.20")
        BigDecimal manyLeadsShare();

        /** ... and converting below this fraction of the overall rate counts as "low conversion". */
        @WithDefault("0.50")
        BigDecimal lowConversionFactor();

        /** Average conversion cycle above this many days is "long". */
        @WithDefault("30")
        long longCycleDays();

        /** An owner or source holding at least this share of SLA breaches concentrates them. */
        @WithDefault("0.50")
        BigDecimal breachConcentrationShare();

        /** Fewer breaches than this say nothing about concentration. */
        @WithDefault("3")
        int minBreaches();

        /** A loss reason with at least this share of a source's losses dominates it. */
        @WithDefault("0.60")
        BigDecimal dominantLossShare();

        /** Fewer lost leads than this say nothing about a source's loss reasons. */
        @WithDefault("5")
        int minLost();

        /** Groups smaller than this are not judged at all. */
        @WithDefault("10")
        int minLeads();

        default InsightThresholds thresholds() {
            return new InsightThresholds(highGrade(), highIntentMinRate(), highIntentResponseHours(), manyLeadsShare(),
                    lowConversionFactor(), longCycleDays(), breachConcentrationShare(), minBreaches(),
                    dominantLossShare(), minLost(), minLeads());
        }
    }
}
