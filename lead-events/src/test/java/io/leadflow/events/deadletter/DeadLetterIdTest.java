package io.leadflow.events.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeadLetterIdTest {

    @Test
    void anIdIsTheDeadLetterTopicPartitionAndOffsetAndReadsBackTheSame() {
        DeadLetterId id = DeadLetterId.parse("leadflow.intake.v1.dlq:2:17").orElseThrow();
        assertThat(id.topic()).isEqualTo("leadflow.intake.v1.dlq");
        assertThat(id.partition()).isEqualTo(2);
        assertThat(id.offset()).isEqualTo(17);
        assertThat(id.originalTopic()).isEqualTo("leadflow.intake.v1");
        assertThat(DeadLetterId.parse(id.toString())).contains(id);
    }

    @Test
    void anythingElseIsNotAnId() {
        for (String text : new String[] {null, "", "nope", "leadflow.intake.v1:0:1", "leadflow.intake.v1.dlq:0",
                "leadflow.intake.v1.dlq:x:1", "leadflow.intake.v1.dlq:0:-1", "leadflow.intake.v1.dlq:0:1:2",
                "../leadflow.intake.v1.dlq:0:1", "leadflow.intake.v1.dlq:0:99999999999999999999"}) {
            assertThat(DeadLetterId.parse(text)).as(text).isEmpty();
        }
    }
}
