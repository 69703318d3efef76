package io.leadflow.events.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jboss.logging.Logger;

import io.leadflow.events.consumer.DeadLetterHeaders;
import io.leadflow.events.consumer.EventHandler;
import io.leadflow.events.contract.EventEnvelope;
import io.leadflow.events.contract.EventJson;
import io.leadflow.events.contract.Topics;
import io.leadflow.events.domain.InvalidInput;
import io.leadflow.events.domain.NotFound;
import io.leadflow.events.domain.Refusal;
import io.leadflow.events.domain.RuleBroken;
import io.leadflow.events.domain.Violation;
import io.leadflow.events.housekeeping.Housekeeping;
import io.leadflow.events.housekeeping.ProcessedEventRetention;
import io.leadflow.events.kafka.KafkaClients;
import io.leadflow.events.kafka.TopicAdmin;
import io.leadflow.events.kafka.TopicNames;
import io.leadflow.events.rest.Page;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * A service's dead letters: the records its handlers gave up on, read from the dead-letter topics of the topics they
 * consume (a dead-letter topic is shared by every service consuming its topic; the {@code leadflow.dlq.consumer}
 * header says whose a record is). Re-driving one sends its original key, value and headers back to the original
 * topic once; the handler applies it if it never did (its {@code processed_event} mark decides), and every other
 * consumer of the topic recognises it as a repeat.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);
    private static final String DLQ_HEADER_PREFIX = "leadflow.dlq.";

    /** Which dead letters a list or a re-drive of many is about; null fields select everything. */
    public record Filter(String eventType, String leadId, Boolean redriven) {
        public static final Filter ALL = new Filter(null, null, null);

        boolean test(DeadLetter d) {
            return (eventType == null || eventType.equals(d.eventType()))
                    && (leadId == null || leadId.equals(d.leadId()))
                    && (redriven == null || redriven == d.redriven());
        }
    }

    private final Instance<EventHandler> handlers;
    private final TopicNames topicNames;
    private final TopicAdmin topicAdmin;
    private final KafkaClients clients;
    private final DeadLetterReader reader;
    private final Redrives redrives;
    private final Housekeeping housekeeping;
    private final Clock clock;

    public DeadLetters(@Any Instance<EventHandler> handlers, TopicNames topicNames, TopicAdmin topicAdmin,
                       KafkaClients clients, DeadLetterReader reader, Redrives redrives, Housekeeping housekeeping,
                       Clock clock) {
        this.handlers = handlers;
        this.topicNames = topicNames;
        this.topicAdmin = topicAdmin;
        this.clients = clients;
        this.reader = reader;
        this.redrives = redrives;
        this.housekeeping = housekeeping;
        this.clock = clock;
    }

    /** This service's dead letters, newest first. */
    public Page<DeadLetter> list(Filter filter, Page.PageRequest page) {
        List<DeadLetter> all = readMine().stream().filter(filter::test)
                .sorted(Comparator.comparing(DeadLetter::deadLetteredAt).reversed()
                        .thenComparing(DeadLetter::id, Comparator.reverseOrder()))
                .toList();
        int from = (int) Math.min(all.size(), (long) page.offset());
        return page.of(all.subList(from, Math.min(all.size(), from + page.size())), all.size());
    }

    /** Sends one dead letter back to its topic, or answers the earlier re-drive when it was re-driven before. */
    public Redrive redrive(String idText, String by) {
        DeadLetterId id = DeadLetterId.parse(idText).orElseThrow(() -> InvalidInput.stated(
                "'" + idText + "' is not a dead letter id; ids look like " + DeadLetterId.EXAMPLE
                        + " (dead-letter topic:partition:offset), as the list of dead letters gives them.",
                List.of(new Violation("id", "must be <dead-letter topic>:<partition>:<offset>"))));
        if (!myDeadLetterTopics().contains(id.topic())) {
            throw notFound(id);
        }
        ConsumerRecord<String, byte[]> record = kafka(() -> reader.readOne(topicNames.physical(id.topic()),
                id.partition(), id.offset())).orElseThrow(() -> notFound(id));
        if (!myHandlerNames().contains(header(record, DeadLetterHeaders.DLQ_CONSUMER))) {
            throw notFound(id);
        }
        Optional<EventEnvelope> event = decode(record);
        String unredrivable = whyNotRedrivable(event);
        if (unredrivable != null) {
            throw new RuleBroken("not-redrivable", "Dead letter " + id + " cannot be re-driven: " + unredrivable);
        }
        try (KafkaProducer<String, byte[]> producer = clients.producer("dead-letter-redrive", 30_000)) {
            return send(id, record, event.get(), by, producer);
        }
    }

    /** Re-drives every dead letter of this service the filter selects that was not re-driven yet, oldest first. */
    public RedriveSummary redriveAll(Filter filter, String by) {
        Filter notYet = new Filter(filter.eventType(), filter.leadId(), null);
        List<ConsumerRecord<String, byte[]>> records = readMineRecords();
        Map<String, DeadLetter> views = new java.util.HashMap<>();
        for (DeadLetter d : views(records)) {
            views.put(d.id(), d);
        }
        List<Redrive> sent = new ArrayList<>();
        List<RedriveSummary.Skipped> skipped = new ArrayList<>();
        int matched = 0;
        int before = 0;
        try (KafkaProducer<String, byte[]> producer = clients.producer("dead-letter-redrive", 30_000)) {
            // Topic, partition and offset order: a lead's dead letters share a partition, so they go back in order.
            for (ConsumerRecord<String, byte[]> record : records) {
                DeadLetter view = views.get(idOf(record).toString());
                if (!notYet.test(view)) {
                    continue;
                }
                matched++;
                if (view.redriven()) {
                    before++;
                    continue;
                }
                Optional<EventEnvelope> event = decode(record);
                String unredrivable = whyNotRedrivable(event);
                if (unredrivable != null) {
                    skipped.add(new RedriveSummary.Skipped(view.id(), unredrivable));
                    continue;
                }
                Redrive done = send(idOf(record), record, event.get(), by, producer);
                if (done.alreadyRedriven()) {
                    before++; // re-driven by someone else since the read
                } else {
                    sent.add(done);
                }
            }
        }
        return new RedriveSummary(matched, sent, before, skipped);
    }

    private Redrive send(DeadLetterId id, ConsumerRecord<String, byte[]> record, EventEnvelope event, String by,
                         KafkaProducer<String, byte[]> producer) {
        String originalTopic = id.originalTopic();
        // As PostgreSQL keeps it, so the first answer and every later one name the same instant.
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        return kafka(() -> QuarkusTransaction.requiringNew().call(() -> {
            Optional<Redrives.Done> earlier = redrives.claim(id, event.eventId(), originalTopic, now, by);
            if (earlier.isPresent()) {
                return new Redrive(id.toString(), event.eventId(), event.eventType(), record.key(), originalTopic,
                        true, earlier.get().at(), earlier.get().by());
            }
            RecordHeaders headers = new RecordHeaders();
            for (Header h : record.headers()) {
                if (!h.key().startsWith(DLQ_HEADER_PREFIX)) {
                    headers.add(h);
                }
            }
            // Same key, so the same partition as the original: the lead's later events stay behind it there.
            producer.send(new ProducerRecord<>(topicNames.physical(originalTopic), null, record.key(), record.value(),
                    headers)).get(30, TimeUnit.SECONDS);
            LOG.infof("Dead letter %s (event %s, %s) re-driven to %s by %s", id, event.eventId(), event.eventType(),
                    originalTopic, by);
            return new Redrive(id.toString(), event.eventId(), event.eventType(), record.key(), originalTopic, false,
                    now, by);
        }));
    }

    /** Null when the event can be re-driven, else why not, in words for the operator. */
    private String whyNotRedrivable(Optional<EventEnvelope> event) {
        if (event.isEmpty()) {
            return "it is not an event this service can read, so its consumer would only dead-letter it again.";
        }
        Duration window = ProcessedEventRetention.redrivable(housekeeping.processedEventRetention());
        if (event.get().occurredAt().isBefore(clock.instant().minus(window))) {
            return "the event occurred on " + event.get().occurredAt() + ", longer ago than the consumers of its topic "
                    + "remember what they applied (" + housekeeping.processedEventRetention().toDays()
                    + " days less a day), so "
                    + "re-driving it could apply it twice elsewhere. Apply its effect by hand instead.";
        }
        return null;
    }

    private List<DeadLetter> readMine() {
        return views(readMineRecords());
    }

    private List<ConsumerRecord<String, byte[]>> readMineRecords() {
        Set<String> names = myHandlerNames();
        List<String> topics = myDeadLetterTopics().stream().map(topicNames::physical).toList();
        return kafka(() -> {
            ensureTopics();
            return reader.readAll(topics);
        }).stream().filter(r -> names.contains(header(r, DeadLetterHeaders.DLQ_CONSUMER))).toList();
    }

    private List<DeadLetter> views(List<ConsumerRecord<String, byte[]>> records) {
        List<DeadLetter> views = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            views.add(view(record));
        }
        Map<String, Redrives.Done> done = redrives.find(views.stream().map(DeadLetter::id).toList());
        return views.stream().map(d -> {
            Redrives.Done r = d.eventId() == null ? null : done.get(Redrives.key(d.id(), d.eventId()));
            return r == null ? d : new DeadLetter(d.id(), d.originalTopic(), d.originalPartition(), d.originalOffset(),
                    d.consumer(), d.eventId(), d.eventType(), d.leadId(), d.deadLetteredAt(), d.attempts(), d.reason(),
                    d.redrivable(), true, r.at(), r.by());
        }).toList();
    }

    private DeadLetter view(ConsumerRecord<String, byte[]> record) {
        DeadLetterId id = idOf(record);
        Optional<EventEnvelope> event = decode(record);
        UUID eventId = event.map(EventEnvelope::eventId).orElseGet(() -> uuid(header(record, "eventId")));
        String type = event.map(EventEnvelope::eventType).orElseGet(() -> header(record, "eventType"));
        String leadId = record.key() != null ? record.key() : event.map(EventEnvelope::leadId).orElse(null);
        return new DeadLetter(id.toString(), id.originalTopic(),
                integer(header(record, DeadLetterHeaders.DLQ_ORIGINAL_PARTITION)),
                longer(header(record, DeadLetterHeaders.DLQ_ORIGINAL_OFFSET)),
                header(record, DeadLetterHeaders.DLQ_CONSUMER), eventId, type, leadId,
                Instant.ofEpochMilli(record.timestamp()),
                Optional.ofNullable(integer(header(record, DeadLetterHeaders.DLQ_ATTEMPTS))).orElse(0),
                DeadLetterReason.of(header(record, DeadLetterHeaders.DLQ_ERROR)), event.isPresent(), false, null, null);
    }

    private DeadLetterId idOf(ConsumerRecord<String, byte[]> record) {
        return new DeadLetterId(topicNames.logical(record.topic()), record.partition(), record.offset());
    }

    /** The contract's dead-letter topics of the topics this service's handlers consume. */
    private Set<String> myDeadLetterTopics() {
        Set<String> topics = new LinkedHashSet<>();
        handlers.forEach(h -> h.topics().forEach(t -> topics.add(Topics.deadLetterOf(t))));
        return topics;
    }

    private Set<String> myHandlerNames() {
        Set<String> names = new LinkedHashSet<>();
        handlers.forEach(h -> names.add(h.name()));
        return names;
    }

    private void ensureTopics() {
        try {
            topicAdmin.ensureTopics();
        } catch (Exception e) {
            throw new KafkaException("topics unavailable", e);
        }
    }

    private static NotFound notFound(DeadLetterId id) {
        return new NotFound("Dead letter " + id
                + " does not exist among this service's dead letters; GET /api/v1/admin/<service>/dead-letters "
                + "lists them.");
    }

    /** Kafka away or too slow is nothing the caller did: a 503 that says to retry, never a half answer. */
    private static <T> T kafka(java.util.concurrent.Callable<T> work) {
        try {
            return work.call();
        } catch (Refusal e) {
            throw e;
        } catch (DeadLetterReader.IncompleteReadException e) {
            throw unavailable(e.getMessage() + ".");
        } catch (Exception e) {
            if (causedByKafka(e)) {
                LOG.warnf("Dead letters: Kafka unavailable: %s", e.toString());
                throw unavailable("Kafka cannot be reached right now; nothing was changed.");
            }
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e);
        }
    }

    private static boolean causedByKafka(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof KafkaException || t instanceof java.util.concurrent.TimeoutException
                    || t instanceof java.util.concurrent.ExecutionException) {
                return true;
            }
        }
        return false;
    }

    private static Refusal unavailable(String detail) {
        return new Refusal(Refusal.Kind.BUSY, "unavailable", detail + " Retry shortly.", List.of(),
                java.time.Duration.ofSeconds(5));
    }

    private static Optional<EventEnvelope> decode(ConsumerRecord<String, byte[]> record) {
        try {
            return Optional.of(EventJson.decode(record.value()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static UUID uuid(String text) {
        try {
            return text == null ? null : UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Integer integer(String text) {
        try {
            return text == null ? null : Integer.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long longer(String text) {
        try {
            return text == null ? null : Long.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
