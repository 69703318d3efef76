package io.leadflow.events.consumer;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;

import io.leadflow.events.contract.SafeMessage;
import io.leadflow.events.logging.PersonalDataMask;

/**
 * A dead letter as it is written to {@code <topic>.dlq}: the original key, value and headers, and the
 * {@code leadflow.dlq.*} headers that say which consumer gave up on it, where it came from, after how many attempts,
 * and why, in words whoever reads the topic may read.
 */
public final class DeadLetterHeaders {

    public static final String DLQ_ERROR = "leadflow.dlq.error";
    public static final String DLQ_CONSUMER = "leadflow.dlq.consumer";
    public static final String DLQ_ORIGINAL_TOPIC = "leadflow.dlq.original-topic";
    public static final String DLQ_ORIGINAL_PARTITION = "leadflow.dlq.original-partition";
    public static final String DLQ_ORIGINAL_OFFSET = "leadflow.dlq.original-offset";
    public static final String DLQ_ATTEMPTS = "leadflow.dlq.attempts";

    private DeadLetterHeaders() {
    }

    static ProducerRecord<String, byte[]> deadLetter(ConsumerRecord<String, byte[]> record, String dlqTopic,
                                                     Throwable error, String consumer, int attempts) {
        ProducerRecord<String, byte[]> out = new ProducerRecord<>(dlqTopic, null, record.key(), record.value());
        Headers headers = out.headers();
        record.headers().forEach(headers::add);
        headers.add(DLQ_ERROR, describe(error).getBytes(StandardCharsets.UTF_8));
        headers.add(DLQ_CONSUMER, consumer.getBytes(StandardCharsets.UTF_8));
        headers.add(DLQ_ORIGINAL_TOPIC, record.topic().getBytes(StandardCharsets.UTF_8));
        headers.add(DLQ_ORIGINAL_PARTITION, Integer.toString(record.partition()).getBytes(StandardCharsets.UTF_8));
        headers.add(DLQ_ORIGINAL_OFFSET, Long.toString(record.offset()).getBytes(StandardCharsets.UTF_8));
        headers.add(DLQ_ATTEMPTS, Integer.toString(attempts).getBytes(StandardCharsets.UTF_8));
        return out;
    }

    /**
     * The {@code leadflow.dlq.error} header: whoever reads the topic reads it, so it names the exceptions and where
     * they were thrown, and carries a message only from an exception that declares it safe ({@link SafeMessage}):
     * any other message may quote the event (a person's name, a value a database echoed). The service's log, masked,
     * has the whole error under the event's id.
     */
    static String describe(Throwable error) {
        StringBuilder text = new StringBuilder(headline(error));
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != error) {
            text.append('\n').append(ROOT_CAUSE).append(headline(root));
        }
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t != error) {
                text.append("\nCaused by: ").append(headline(t));
            }
            StackTraceElement[] frames = t.getStackTrace();
            for (int i = 0; i < Math.min(frames.length, 12); i++) {
                text.append("\n\tat ").append(frames[i]);
            }
            if (text.length() > 4000) {
                break;
            }
        }
        return text.length() > 4000 ? text.substring(0, 4000) : text.toString();
    }

    /** The line of the {@code leadflow.dlq.error} header that names the root cause, when there is one. */
    public static final String ROOT_CAUSE = "Root cause: ";

    /** The class, the SQL state of a database error (a code, never a value), and a message only when it is safe. */
    private static String headline(Throwable t) {
        StringBuilder line = new StringBuilder(t.getClass().getName());
        if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
            line.append(" [SQLState ").append(sql.getSQLState()).append(']');
        }
        if (t instanceof SafeMessage && t.getMessage() != null) {
            line.append(": ").append(PersonalDataMask.mask(t.getMessage().lines().findFirst().orElse("")));
        }
        return line.toString();
    }
}
