package io.leadflow.followup.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.leadflow.events.contract.EventEnvelope;
import io.leadflow.events.contract.EventJson;
import io.leadflow.events.contract.EventType;
import io.leadflow.events.contract.LeadEvent;
import io.leadflow.events.testing.SampleEvents;
import io.quarkus.test.junit.QuarkusTest;

/**
 * An erased lead's unpublished events go out without the text people typed, and keep everything else. A
 * {@code @QuarkusTest} only so that lead-events' classes load the same way after the module's other Quarkus tests
 * (the application is already started; nothing is called through it).
 */
@QuarkusTest
class ErasedEventsTest {

    @Test
    void anErasedLeadsUnpublishedEventsLoseEveryTypedText() {
        List<String> typed = List.of("3月5日前发送定制方案", "first call done", "现场互动强", "需求明确", "预算不足, 明年再议",
                "客户明确了预算和上线时间");
        var samples = SampleEvents.all();
        int withText = 0;
        for (EventEnvelope event : samples.values()) {
            if (!event.producer().equals("followup-service")) {
                continue;
            }
            EventEnvelope redacted = ErasedEvents.redact(event);
            String json = EventJson.encode(redacted);
            for (String text : typed) {
                assertThat(json).as(event.eventType()).doesNotContain(text);
            }
            if (typed.stream().anyMatch(EventJson.encode(event)::contains)) {
                withText++;
            }
            // Same event, same id, same type: downstream sees one event, only without the text.
            assertThat(redacted.eventId()).isEqualTo(event.eventId());
            assertThat(redacted.eventType()).isEqualTo(event.eventType());
            assertThat(EventJson.decode(json).eventId()).isEqualTo(event.eventId());
        }
        assertThat(withText).as("follow-up's sample events carrying typed text").isEqualTo(5);

        var lost = (LeadEvent.LeadLost) ErasedEvents.redact(samples.get(EventType.LEAD_LOST)).payload();
        assertThat(lost.reason()).isEqualTo("BUDGET");
        assertThat(lost.lostOn()).isEqualTo(((LeadEvent.LeadLost) samples.get(EventType.LEAD_LOST).payload()).lostOn());
        var won = (LeadEvent.LeadWon) ErasedEvents.redact(samples.get(EventType.LEAD_WON)).payload();
        assertThat(won.amount().amount()).isEqualByComparingTo("120000");
        var scheduled = samples.get(EventType.FOLLOW_UP_SCHEDULED);
        assertThat(ErasedEvents.redact(scheduled)).isSameAs(scheduled);
    }
}
