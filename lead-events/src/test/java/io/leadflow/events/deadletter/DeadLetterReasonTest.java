package io.leadflow.events.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeadLetterReasonTest {

    @Test
    void theReasonIsTheExceptionClassAndItsFirstLineWithoutTheStackTrace() {
        DeadLetterReason reason = DeadLetterReason.of("""
                java.lang.IllegalStateException: cannot apply 6f1c: poison on purpose (caused by java.sql.SQLException: boom)
                java.lang.IllegalStateException: cannot apply 6f1c: poison on purpose
                \tat io.leadflow.events.testing.RecordingHandler.handle(RecordingHandler.java:62)
                \tat io.leadflow.events.consumer.ConsumerLoop.process(ConsumerLoop.java:280)
                """);
        assertThat(reason.exception()).isEqualTo("java.lang.IllegalStateException");
        assertThat(reason.message()).isEqualTo("cannot apply 6f1c: poison on purpose (caused by java.sql.SQLException: boom)");
    }

    @Test
    void phonesAndEmailsAreMaskedAndValuesADatabaseQuotedAreLeftOut() {
        DeadLetterReason reason = DeadLetterReason.of("org.hibernate.exception.ConstraintViolationException: could "
                + "not insert for 张经理 13912345678 zhang@xingchen-tech.cn: Detail: Key (phone)=(+8613912345678) "
                + "already exists.\n\tat org.hibernate.Foo(Foo.java:1)");
        assertThat(reason.exception()).isEqualTo("org.hibernate.exception.ConstraintViolationException");
        assertThat(reason.message()).doesNotContain("13912345678", "zhang@", "8613912345678")
                .contains("*******5678", "z***@xingchen-tech.cn", "Key (phone)=(…) already exists");
    }

    @Test
    void aLongMessageIsCutAfterMaskingSoNoUnmaskedStartOfANumberIsLeft() {
        String message = "x".repeat(DeadLetterReason.MAX_MESSAGE - 5) + " 13912345678 and more";
        DeadLetterReason reason = DeadLetterReason.of("java.lang.RuntimeException: " + message);
        assertThat(reason.message()).hasSize(DeadLetterReason.MAX_MESSAGE).endsWith("…").doesNotContain("139");
    }

    @Test
    void aNestedClassWithoutMessageAndAnUnreadableHeader() {
        assertThat(DeadLetterReason.of("io.leadflow.events.contract.EventJson$MalformedEventException"))
                .isEqualTo(new DeadLetterReason("io.leadflow.events.contract.EventJson$MalformedEventException", null));
        assertThat(DeadLetterReason.of(null)).isEqualTo(DeadLetterReason.UNKNOWN);
        assertThat(DeadLetterReason.of("something broke for 13912345678"))
                .isEqualTo(new DeadLetterReason("unknown", "something broke for *******5678"));
    }
}
