package io.leadflow.analytics.it;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import io.leadflow.events.contract.EventEnvelope;
import io.leadflow.events.contract.EventJson;
import io.leadflow.events.contract.GradeReason;
import io.leadflow.events.contract.LeadEvent;
import io.leadflow.events.contract.LeadProfile;
import io.leadflow.events.contract.Money;
import io.leadflow.events.contract.Reason;
import io.leadflow.events.contract.Utm;
import io.leadflow.events.kafka.KafkaClients;
import io.leadflow.events.kafka.TopicNames;
import io.leadflow.events.testing.Seeds;

/**
 * Plays the other three services: builds each lead's events as intake, routing and follow-up would publish them,
 * and sends them to the real topics shuffled and partly duplicated, as a consumer may meet them.
 */
@ApplicationScoped
public class EventFeed {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /** Shuffles and duplicates the way a consumer may meet events; the seed is logged so a failure can be replayed. */
    private static final Random RANDOM = seeded();

    private final KafkaClients clients;
    private final TopicNames topics;

    public EventFeed(KafkaClients clients, TopicNames topics) {
        this.clients = clients;
        this.topics = topics;
    }

    /**
     * A month of its own for one test: random and centuries back, so no other test's (or run's) leads fall in it and
     * every cohort age has already passed.
     */
    public static LocalDate privateMonth() {
        return LocalDate.of(1100 + RANDOM.nextInt(800), 1 + RANDOM.nextInt(12), 1);
    }

    public static String leadId() {
        return "LX" + UUID.randomUUID().toString().replace("-", "").substring(0, 14).toUpperCase();
    }

    /** Sends every event once, a fifth of them twice, all in random order; waits for the broker to confirm. */
    public void sendShuffled(List<EventEnvelope> events) {
        List<EventEnvelope> all = new ArrayList<>(events);
        for (EventEnvelope e : events) {
            if (RANDOM.nextInt(5) == 0) {
                all.add(e);
            }
        }
        Collections.shuffle(all, RANDOM);
        send(all);
    }

    public void send(List<EventEnvelope> events) {
        try (KafkaProducer<String, byte[]> producer = clients.producer("analytics-test-feed", 30_000)) {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (EventEnvelope e : events) {
                sent.add(producer.send(new ProducerRecord<>(topics.physical(e.topic()), e.leadId(),
                        EventJson.encodeBytes(e))));
            }
            for (var f : sent) {
                f.get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not feed events", e);
        }
    }

    /** Retries {@code check} until it passes or {@code timeout} runs out (the consumer applies events async). */
    public static void eventually(Duration timeout, Runnable check) {
        org.awaitility.Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(300))
                .untilAsserted(check::run);
    }

    /** One lead's life as the three services would publish it. */
    public static final class Story {
        public final String leadId = leadId();
        private final List<EventEnvelope> events = new ArrayList<>();
        private final Instant registeredAt;
        private String source;
        private String grade;
        private String ownerId;

        public Story(String source, LocalDate registeredOn) {
            this.source = source;
            this.registeredAt = registeredOn.atTime(10, 0).atZone(ZONE).toInstant();
        }

        public Instant registeredAt() {
            return registeredAt;
        }

        private EventEnvelope add(Instant at, String producer, LeadEvent payload) {
            EventEnvelope e = EventEnvelope.of(leadId, at, producer, payload);
            events.add(e);
            return e;
        }

        public Story captured(String industry, String region) {
            LeadProfile profile = new LeadProfile("某科技有限公司", "张经理", "+8613912345678", "zhang@example.cn",
                    null, source, source.equals("TRADE_SHOW") ? "2024 上海数字化展会" : "官网首页表单",
                    new Utm("baidu", "cpc", "crm-spring", null, null), "需要CRM系统", industry, region, 120,
                    "ENTERPRISE", null, 30, "HIGH", null, null, null, registeredAt);
            add(registeredAt, "lead-intake-service", new LeadEvent.LeadCaptured(profile, "STAFF"));
            add(registeredAt.plusSeconds(5), "lead-intake-service", new LeadEvent.LeadQualified(profile, 1));
            return this;
        }

        public Story rejected(String reason) {
            add(registeredAt.plusSeconds(5), "lead-intake-service", new LeadEvent.LeadRejected(
                    List.of(new Reason(reason, "rejected for " + reason)), 1, source));
            return this;
        }

        public Story graded(String grade) {
            this.grade = grade;
            add(registeredAt.plusSeconds(60), "lead-routing-service", new LeadEvent.LeadGraded(grade, 80,
                    List.of(new GradeReason("DECLARED_INTENT", "declared", 30)), 1, false, null, null));
            return this;
        }

        public Story regraded(String newGrade, long afterHours) {
            add(registeredAt.plusSeconds(afterHours * 3600), "lead-routing-service", new LeadEvent.LeadGraded(
                    newGrade, 60, List.of(), 1, false, grade, "需求变化"));
            this.grade = newGrade;
            return this;
        }

        public Story assigned(String owner) {
            this.ownerId = owner;
            add(registeredAt.plusSeconds(120), "lead-routing-service", new LeadEvent.LeadAssigned(owner, "李销售",
                    "SENIOR", grade, source, "rule-1", "ROUND_ROBIN", "test"));
            return this;
        }

        public Story firstResponseAfterMinutes(long minutes) {
            Instant at = registeredAt.plusSeconds(minutes * 60);
            add(at, "followup-service", new LeadEvent.FollowUpLogged(UUID.randomUUID().toString(), ownerId, at,
                    "PHONE", "DONE", true, "发送方案", null));
            add(at, "followup-service", new LeadEvent.LeadStageChanged("NEW", "CONTACTED", ownerId, "first call"));
            return this;
        }

        public Story stage(String from, String to, long afterHours) {
            add(registeredAt.plusSeconds(afterHours * 3600), "followup-service",
                    new LeadEvent.LeadStageChanged(from, to, ownerId, null));
            return this;
        }

        public Story slaBreached() {
            add(registeredAt.plusSeconds(48 * 3600), "followup-service", new LeadEvent.FirstResponseSlaBreached(
                    grade, source, ownerId, registeredAt.plusSeconds(120), registeredAt.plusSeconds(48 * 3600)));
            return this;
        }

        public Story wonAfterDays(int days, long amount, String... factors) {
            LocalDate wonOn = LocalDate.ofInstant(registeredAt, ZONE).plusDays(days);
            add(wonOn.atTime(15, 0).atZone(ZONE).toInstant(), "followup-service", new LeadEvent.LeadWon(wonOn,
                    new Money(BigDecimal.valueOf(amount), "CNY"), List.of(factors), ownerId));
            return this;
        }

        public Story lostAfterDays(int days, String reason) {
            LocalDate lostOn = LocalDate.ofInstant(registeredAt, ZONE).plusDays(days);
            add(lostOn.atTime(15, 0).atZone(ZONE).toInstant(), "followup-service",
                    new LeadEvent.LeadLost(lostOn, reason, "客户说明:" + reason, ownerId));
            return this;
        }

        public List<EventEnvelope> events() {
            return List.copyOf(events);
        }
    }

    private static Random seeded() {
        long seed = Seeds.seed();
        org.jboss.logging.Logger.getLogger(EventFeed.class).infof(
                "EventFeed shuffles with seed %d (replay: -D%s=%d)", seed, Seeds.PROPERTY, seed);
        return new Random(seed);
    }
}
