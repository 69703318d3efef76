package io.leadflow.events.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import io.leadflow.events.contract.EventJson;
import io.leadflow.events.deadletter.DeadLetterReason;

/** Whoever reads a dead-letter topic reads its headers: they say what failed and where, never what the event said. */
class DeadLetterHeaderTest {

    private static final String PERSON = "cannot reach 张经理 at 13912345678 or zhang@xingchen-tech.cn";

    @Test
    void anExceptionsMessageStaysOutAndItsRootCauseIsNamedByClassAndSqlState() {
        Exception error = new IllegalStateException(PERSON, new SQLException(
                "ERROR: duplicate key value violates unique constraint, Key (phone)=(+8613912345678) already exists",
                "23505"));
        String header = DeadLetterHeaders.describe(error);
        assertThat(header).doesNotContain("张经理", "13912345678", "zhang@", "duplicate key")
                .startsWith("java.lang.IllegalStateException\nRoot cause: java.sql.SQLException [SQLState 23505]\n\tat ")
                .contains("DeadLetterHeaderTest");
        DeadLetterReason reason = DeadLetterReason.of(header);
        assertThat(reason.exception()).isEqualTo("java.lang.IllegalStateException");
        assertThat(reason.message()).isEqualTo("caused by java.sql.SQLException [SQLState 23505]");
    }

    @Test
    void aMessageThatIsSafeToTravelTravels() {
        String header = DeadLetterHeaders.describe(new EventJson.MalformedEventException("LeadCaptured: payload missing"));
        assertThat(header).startsWith("io.leadflow.events.contract.EventJson$MalformedEventException: "
                + "Malformed event: LeadCaptured: payload missing\n");
        assertThat(DeadLetterReason.of(header).message()).isEqualTo("Malformed event: LeadCaptured: payload missing");
    }

    @Test
    void malformedJsonIsDescribedByWhereNotByWhatItSaid() {
        try {
            EventJson.decode("{\"eventType\":\"LeadCaptured\",\"eventId\":\"" + java.util.UUID.randomUUID()
                    + "\",\"leadId\":\"LX1\",\"occurredAt\":\"2024-03-01T00:00:00Z\",\"producer\":\"p\","
                    + "\"payload\":{\"lead\":{\"companySize\":\"张经理 13912345678\"}}}");
            throw new AssertionError("decoded");
        } catch (EventJson.MalformedEventException e) {
            assertThat(DeadLetterHeaders.describe(e)).doesNotContain("张经理", "13912345678")
                    .contains("LeadCaptured: ").contains("lead.companySize");
        }
    }
}
