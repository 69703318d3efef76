package io.leadflow.events.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.leadflow.events.testing.SampleEvents;

/** The golden files are the contract: every event type reads from and writes to exactly its golden JSON. */
class EventJsonGoldenTest {

    private static final Map<EventType, EventEnvelope> SAMPLES = SampleEvents.all();

    @Test
    void everyEventTypeHasASample() {
        assertThat(SAMPLES.keySet()).containsExactlyInAnyOrder(EventType.values());
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void goldenJsonDecodesToTheSample(EventType type) throws IOException {
        EventEnvelope decoded = EventJson.decode(golden(type));
        assertThat(decoded).isEqualTo(SAMPLES.get(type));
        assertThat(decoded.type()).isEqualTo(type);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void sampleEncodesToTheGoldenJson(EventType type) throws IOException {
        JsonNode actual = EventJson.mapper().readTree(EventJson.encode(SAMPLES.get(type)));
        String golden = goldenOrNull(type);
        if (golden == null || !EventJson.mapper().readTree(golden).equals(actual)) {
            // What a deliberate contract change needs: the new encoding, written where the failure names it, to be
            // reviewed like any API change and copied over the golden file.
            Path written = Path.of("target/golden-actual", type.code() + ".json");
            Files.createDirectories(written.getParent());
            Files.writeString(written, EventJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(actual)
                    + "\n");
            throw new AssertionError(type.code() + " no longer encodes to its golden file"
                    + (golden == null ? " (there is none yet)" : "") + ". The encoding is in " + written.toAbsolutePath()
                    + ": if the change is deliberate, review it and copy it to src/test/resources/golden/");
        }
    }

    @Test
    void eventTypesArePastTenseAndBelongToTheirProducersTopic() {
        assertThat(Arrays.stream(EventType.values()).map(EventType::code))
                .containsExactlyInAnyOrder("LeadCaptured", "LeadQualified", "LeadRejected", "LeadUpdated",
                        "DuplicateLeadMerged", "LeadMerged", "LeadErased", "LeadGraded", "LeadAssigned", "LeadReassigned",
                        "FollowUpLogged", "FollowUpScheduled", "LeadStageChanged", "LeadWon", "LeadLost",
                        "FirstResponseSlaBreached", "RegradeRequested", "FollowUpTaskClosed", "PolicyVersionPublished");
        assertThat(EventType.LEAD_QUALIFIED.topic()).isEqualTo("leadflow.intake.v1");
        assertThat(EventType.POLICY_VERSION_PUBLISHED.topic()).isEqualTo("leadflow.policies.v1");
        assertThat(EventType.LEAD_ASSIGNED.topic()).isEqualTo("leadflow.routing.v1");
        assertThat(EventType.LEAD_WON.topic()).isEqualTo("leadflow.followup.v1");
    }

    @Test
    void readersIgnoreFieldsAddedByANewerProducer() throws IOException {
        String withExtra = golden(EventType.LEAD_WON).replace("\"wonOn\"", "\"discountPercent\": 5, \"wonOn\"");
        assertThat(EventJson.decode(withExtra)).isEqualTo(SAMPLES.get(EventType.LEAD_WON));
    }

    /**
     * Events written before a field was added stay readable for ever (topics keep them for rebuilds): each file in
     * golden/earlier is a type as its first producers wrote it, and reads with the later fields absent.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"LeadRejected", "LeadUpdated", "LeadAssigned",
            "LeadReassigned", "LeadStageChanged", "FirstResponseSlaBreached"})
    void eventsFromBeforeAnAdditiveChangeStillRead(String code) throws IOException {
        String earlier;
        try (InputStream in = getClass().getResourceAsStream("/golden/earlier/" + code + ".json")) {
            earlier = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        LeadEvent payload = EventJson.decode(earlier).payload();
        LeadEvent expected;
        if (payload instanceof LeadEvent.LeadRejected r) {
            expected = new LeadEvent.LeadRejected(r.reasons(), r.screeningPolicyVersion(), r.source());
        } else if (payload instanceof LeadEvent.LeadUpdated u) {
            expected = new LeadEvent.LeadUpdated(u.lead(), u.changedFields());
        } else if (payload instanceof LeadEvent.LeadAssigned a) {
            expected = new LeadEvent.LeadAssigned(a.ownerId(), a.ownerName(), a.seniority(), a.grade(), a.source(),
                    a.ruleId(), a.strategy(), a.why());
        } else if (payload instanceof LeadEvent.LeadReassigned r) {
            expected = new LeadEvent.LeadReassigned(r.previousOwnerId(), r.ownerId(), r.ownerName(), r.grade(), r.reason());
        } else if (payload instanceof LeadEvent.LeadStageChanged c) {
            expected = new LeadEvent.LeadStageChanged(c.fromStage(), c.toStage(), c.ownerId(), c.reason());
        } else if (payload instanceof LeadEvent.FirstResponseSlaBreached b) {
            expected = new LeadEvent.FirstResponseSlaBreached(b.grade(), b.source(), b.ownerId(), b.assignedAt(),
                    b.deadline());
        } else {
            throw new AssertionError(code);
        }
        assertThat(payload).isEqualTo(expected);
        assertThat(payload.getClass().getSimpleName()).isEqualTo(code);
        if (payload instanceof LeadEvent.LeadStageChanged c) {
            assertThat(c.changedAt(SampleEvents.AT)).as("an earlier stage change happened when it was published")
                    .isEqualTo(SampleEvents.AT);
        }
    }

    @Test
    void aNewerMajorVersionIsRefusedWholeWithAReasonAnOperatorCanAct() throws IOException {
        String v2 = golden(EventType.LEAD_ASSIGNED).replace("\"schemaVersion\" : 1", "\"schemaVersion\" : 2");
        assertThatThrownBy(() -> EventJson.decode(v2))
                .isInstanceOfSatisfying(EventJson.UnsupportedSchemaVersionException.class, e -> {
                    assertThat(e.type()).isEqualTo(EventType.LEAD_ASSIGNED);
                    assertThat(e.version()).isEqualTo(2);
                })
                .hasMessageContaining("LeadAssigned schemaVersion 2 is newer than this build reads (up to 1)")
                .hasMessageContaining("re-drive");
    }

    @Test
    void aMissingVersionIsTheFirstAndANonsenseVersionIsMalformed() throws IOException {
        String golden = golden(EventType.LEAD_WON);
        assertThat(EventJson.decode(golden.replace("\"schemaVersion\" : 1,", "")).schemaVersion()).isEqualTo(1);
        for (String bad : List.of("0", "-1", "\"1\"", "1.5", "99999999999", "null", "true")) {
            String json = golden.replace("\"schemaVersion\" : 1", "\"schemaVersion\" : " + bad);
            if (bad.equals("null")) {
                assertThat(EventJson.decode(json).schemaVersion()).isEqualTo(1);
                continue;
            }
            assertThatThrownBy(() -> EventJson.decode(json)).as(bad)
                    .isInstanceOf(EventJson.MalformedEventException.class)
                    .isNotInstanceOf(EventJson.UnsupportedSchemaVersionException.class);
        }
    }

    @Test
    void anUnknownEventTypeIsReportedAsSuchNotAsMalformed() throws IOException {
        String future = golden(EventType.LEAD_WON).replace("\"LeadWon\"", "\"LeadRenewed\"");
        assertThatThrownBy(() -> EventJson.decode(future)).isInstanceOf(EventJson.UnknownEventTypeException.class);
    }

    @Test
    void garbageIsMalformed() {
        assertThatThrownBy(() -> EventJson.decode("{not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(EventJson.MalformedEventException.class);
        assertThatThrownBy(() -> EventJson.decode("{\"eventType\":\"LeadWon\"}"))
                .isInstanceOf(EventJson.MalformedEventException.class);
        assertThatThrownBy(() -> EventJson.decode("[]")).isInstanceOf(EventJson.MalformedEventException.class);
    }

    @Test
    void anEnvelopeCannotClaimAnotherTypeThanItsPayload() {
        EventEnvelope won = SAMPLES.get(EventType.LEAD_WON);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new EventEnvelope(
                won.eventId(), "LeadLost", 1, won.leadId(), won.occurredAt(), won.producer(), won.payload()));
    }

    static String golden(EventType type) throws IOException {
        String golden = goldenOrNull(type);
        assertThat(golden).as("golden file for " + type.code()).isNotNull();
        return golden;
    }

    private static String goldenOrNull(EventType type) throws IOException {
        try (InputStream in = EventJsonGoldenTest.class.getResourceAsStream(SampleEvents.goldenPath().apply(type))) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
