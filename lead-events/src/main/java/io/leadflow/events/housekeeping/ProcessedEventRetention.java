package io.leadflow.events.housekeeping;

import java.time.Duration;

/**
 * How long {@code processed_event} must remember an applied event. The mark is what makes a redelivered event
 * harmless, so it may be forgotten only once the event can no longer arrive again; the configuration tells how long
 * that can be:
 * <ul>
 * <li>a topic with a finite retention can be re-read (an offset reset, a consumer group whose committed offsets the
 * broker expired) back to its oldest record, so marks are kept at least as long as the topics keep events;</li>
 * <li>at least {@link #MINIMUM} in any case: Kafka's default {@code offsets.retention.minutes} (a group that stayed
 * empty that long restarts from its topics' beginning), and a relay that lost a send's acknowledgement sends it
 * again after an outage of up to that length.</li>
 * </ul>
 * A dead letter re-driven to its topic is seen again by every consumer of that topic, so re-driving one older than
 * the window is refused ({@link #redrivable}).
 */
public final class ProcessedEventRetention {

    public static final Duration MINIMUM = Duration.ofDays(7);

    /** Kept between the newest mark a re-drive may rely on and the purge, so a re-drive never races a purge. */
    public static final Duration REDRIVE_MARGIN = Duration.ofDays(1);

    private ProcessedEventRetention() {
    }

    /** The shortest retention this configuration allows; {@code topicRetentionMs} -1 means topics keep everything. */
    public static Duration floor(long topicRetentionMs) {
        Duration topics = topicRetentionMs < 0 ? Duration.ZERO : Duration.ofMillis(topicRetentionMs);
        return topics.compareTo(MINIMUM) > 0 ? topics : MINIMUM;
    }

    /** The configured retention, raised to the {@link #floor} when it is shorter. */
    public static Duration effective(Duration configured, long topicRetentionMs) {
        Duration floor = floor(topicRetentionMs);
        return configured.compareTo(floor) < 0 ? floor : configured;
    }

    /**
     * How old an event may be for its dead letter to be re-driven while every consumer still remembers whether it
     * applied it: the retention less {@link #REDRIVE_MARGIN}.
     */
    public static Duration redrivable(Duration effective) {
        return effective.minus(REDRIVE_MARGIN);
    }
}
