package io.leadflow.events.deadletter;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.leadflow.events.contract.Topics;

/**
 * Where a dead letter sits, which never changes while the topic exists: {@code <dead-letter topic>:<partition>:<offset>},
 * e.g. {@code leadflow.intake.v1.dlq:2:17}. The topic is the contract's name, without a deployment's prefix.
 */
public record DeadLetterId(String topic, int partition, long offset) {

    private static final Pattern FORM = Pattern.compile(
            "([a-z0-9][a-z0-9._-]{0,200}" + Pattern.quote(Topics.DLQ_SUFFIX) + "):(\\d{1,9}):(\\d{1,18})");
    public static final String EXAMPLE = "leadflow.intake.v1.dlq:0:42";

    public DeadLetterId {
        if (!topic.endsWith(Topics.DLQ_SUFFIX) || partition < 0 || offset < 0) {
            throw new IllegalArgumentException("Not a dead letter's place: " + topic + ":" + partition + ":" + offset);
        }
    }

    /** Empty when {@code text} does not have the form {@code <topic>.dlq:<partition>:<offset>}. */
    public static Optional<DeadLetterId> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new DeadLetterId(m.group(1), Integer.parseInt(m.group(2)), Long.parseLong(m.group(3))));
    }

    /** The contract topic whose records this dead-letter topic holds. */
    public String originalTopic() {
        return topic.substring(0, topic.length() - Topics.DLQ_SUFFIX.length());
    }

    @Override
    public String toString() {
        return topic + ":" + partition + ":" + offset;
    }
}
